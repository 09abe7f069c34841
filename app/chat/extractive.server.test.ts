import { describe, expect, it } from "vitest";
import type { EvidencePassage } from "./confidence";
import { composeExtractiveAnswer } from "./extractive.server";

function passage(title: string, headingPath: string, content: string, scores: { similarity: number; bm25: number; share: number }): EvidencePassage {
  return { title, headingPath, content, vector: { similarity: scores.similarity, rank: 1 }, keyword: { bm25: scores.bm25, rank: 1, share: scores.share } };
}

const storage = passage(
  "How long parcels stay in a locker",
  "Extending the pickup window",
  [
    "You can add 48 hours to the storage period one time per parcel. The extension costs €1.49 on the Free plan and is free on Plus.",
    "The extension must be requested before the \"Collect by\" time. Extensions are not possible for parcels that require an age check.",
  ].join("\n\n"),
  { similarity: 0.62, bm25: 17, share: 1.3 },
);
const returns = passage(
  "Returning an item to a shop",
  "Return labels and QR codes",
  "A return QR code works like a normal label. Return QR codes are valid for 14 days from when the shop creates them. They can only be used once.",
  { similarity: 0.66, bm25: 16, share: 1.4 },
);
const tracking = passage(
  "Tracking a parcel",
  "Where to find your tracking number",
  "When a shop hands a parcel to Parcelpoint, it normally sends you a shipping confirmation containing the tracking number.",
  { similarity: 0.41, bm25: 5.2, share: 0.45 },
);

/** The answer's sentences without citation markers and list dashes. */
function quotedSentences(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/ \[\d+\]$/, "").replace(/^- /, "").trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/(?<=[.!?:])\s+(?=[A-Z])/));
}

describe("composeExtractiveAnswer", () => {
  it("answers from the sentence that answers the question and cites its passage", () => {
    const answer = composeExtractiveAnswer({ question: "How long is a return QR code valid?", passages: [tracking, returns, storage] });
    expect(answer.declined).toBe(false);
    expect(answer.text).toContain("Return QR codes are valid for 14 days from when the shop creates them. [2]");
    expect(answer.citedPassages[0]).toBe(2);
    expect(answer.confidence).toBeGreaterThan(0.5);
  });

  it("declines when the passages are off-topic", () => {
    const answer = composeExtractiveAnswer({
      question: "What's the weather forecast for tomorrow?",
      passages: [
        { ...tracking, vector: { similarity: 0.23, rank: 1 }, keyword: { bm25: 3.4, rank: 1, share: 0.3 } },
        { ...returns, vector: { similarity: 0.2, rank: 2 }, keyword: undefined },
      ],
    });
    expect(answer).toMatchObject({ text: "", citedPassages: [], declined: true });
    expect(answer.confidence).toBeLessThan(0.3);
  });

  it("quotes only sentences that are in the passages", () => {
    const passages = [storage, returns, tracking];
    for (const question of ["How much does an extension cost?", "Can I extend the pickup window for an age-checked parcel?", "How long is a return QR code valid?"]) {
      const answer = composeExtractiveAnswer({ question, passages });
      expect(answer.declined).toBe(false);
      for (const sentence of quotedSentences(answer.text)) {
        expect(passages.some((source) => source.content.includes(sentence)), sentence).toBe(true);
      }
      for (const cited of answer.citedPassages) expect(answer.text).toContain(`[${cited}]`);
    }
  });

  it("quotes a sentence that two passages repeat only once", () => {
    // The chunker opens a chunk with the end of the one before, so neighbouring chunks share sentences.
    const continued = passage(
      storage.title,
      storage.headingPath,
      "The extension costs €1.49 on the Free plan and is free on Plus. Plus members also get 10% off every label.",
      { similarity: 0.6, bm25: 15, share: 1.2 },
    );
    const answer = composeExtractiveAnswer({ question: "How much does the pickup extension cost on Plus?", passages: [storage, continued] });
    expect(answer.text.match(/The extension costs €1\.49/g)).toHaveLength(1);
  });

  it("keeps the answer short: at most maxSentences sentences and about maxWords words", () => {
    // About 30 words each: three would pass 80 words.
    const sentences = [
      "The first rule of the locker pickup window extension is that you can ask for it once per parcel, from the parcel screen, at any time before the collect-by deadline passes.",
      "The second rule of the locker pickup window extension is that it adds exactly 48 hours, whether the parcel sits in a small compartment or in an extra large one.",
      "The third rule of the locker pickup window extension is that parcels needing an age check, and parcels paid on delivery, never qualify for the extra time.",
      "The fourth rule of the locker pickup window extension is that a sender may switch extensions off for a parcel, in which case the button does not appear at all.",
    ];
    const long = passage("Locker extensions", "Extending the pickup window", sentences.join(" "), { similarity: 0.64, bm25: 18, share: 1.4 });
    const question = "What rules apply to the locker pickup window extension?";
    const words = (text: string) => text.replace(/ \[\d+\]/g, "").split(/\s+/).length;

    const answer = composeExtractiveAnswer({ question, passages: [long] });
    expect(quotedSentences(answer.text)).toHaveLength(2);
    expect(words(answer.text)).toBeLessThanOrEqual(80);

    const single = composeExtractiveAnswer({ question, passages: [long], maxSentences: 1 });
    expect(quotedSentences(single.text)).toHaveLength(1);
    const tight = composeExtractiveAnswer({ question, passages: [long], maxWords: 20 });
    expect(quotedSentences(tight.text)).toHaveLength(1);
  });

  it("brings a list item's lead-in and renders the items as a list", () => {
    const tooBig = passage(
      "Locker sizes",
      "Parcel too big for the locker",
      "If the parcel does not fit the compartment you paid for, you can then:\n\n- upgrade the label to the next size and pay the difference, or\n- cancel the drop-off.",
      { similarity: 0.58, bm25: 14, share: 1.1 },
    );
    const answer = composeExtractiveAnswer({ question: "My parcel does not fit the compartment, can I upgrade the label size?", passages: [tooBig] });
    expect(answer.text).toBe(
      "If the parcel does not fit the compartment you paid for, you can then:\n- upgrade the label to the next size and pay the difference, or [1]",
    );
  });

  it("passes markup in a passage through as text and adds none of its own", () => {
    const hostile = passage(
      "Returning an item to a shop",
      "Return labels",
      "Return QR codes are valid for 14 days <script>alert('x')</script> from when the shop creates them.",
      { similarity: 0.66, bm25: 16, share: 1.4 },
    );
    const answer = composeExtractiveAnswer({ question: "How long is a return QR code valid?", passages: [hostile] });
    expect(answer.text).toBe(`${hostile.content} [1]`);
  });

  it("answers from a new tenant's one short article, where BM25 scores are tiny", () => {
    // A three-section returns article, the only document: scores as retrieval measured them for each question.
    const returnWindow = passage(
      "Returns and refunds",
      "Return window",
      "You can return any unworn item within 30 days of delivery for a full refund. Print the free returns label from your account.",
      { similarity: 0.53, bm25: 1.58, share: 1 },
    );
    const refundTiming = passage(
      "Returns and refunds",
      "Refund timing",
      "Refunds reach your card within 5 business days after the warehouse receives the parcel.",
      { similarity: 0.5, bm25: 0.6, share: 0.38 },
    );
    const days = composeExtractiveAnswer({ question: "How many days do I have to return an item?", passages: [returnWindow, refundTiming] });
    expect(days.declined).toBe(false);
    expect(days.text).toMatch(/^You can return any unworn item within 30 days of delivery for a full refund\./);
    expect(days.citedPassages[0]).toBe(1);

    const refunds = composeExtractiveAnswer({
      question: "How long do refunds take?",
      passages: [
        { ...refundTiming, vector: { similarity: 0.56, rank: 1 }, keyword: { bm25: 0.21, rank: 1, share: 1.55 } },
        { ...returnWindow, vector: { similarity: 0.54, rank: 2 }, keyword: { bm25: 0.17, rank: 2, share: 1.26 } },
      ],
    });
    expect(refunds.declined).toBe(false);
    expect(refunds.text).toMatch(/^Refunds reach your card within 5 business days/);
  });

  it("composes an answer from 8 passages in well under 5 ms", () => {
    const passages = Array.from({ length: 8 }, (_, index) => [storage, returns, tracking][index % 3]);
    const question = "How long can I extend the pickup window of my parcel?";
    composeExtractiveAnswer({ question, passages });
    const runs = 50;
    const started = performance.now();
    for (let run = 0; run < runs; run++) composeExtractiveAnswer({ question, passages });
    expect((performance.now() - started) / runs).toBeLessThan(5);
  });
});
