import { describe, expect, it } from "vitest";
import { ANSWER_CONFIDENCE_THRESHOLD, assessEvidence, contentTerms, EXACT_CODE_CONFIDENCE, passageUnits, type EvidencePassage } from "./confidence";

function passage(
  content: string,
  options: { title?: string; headingPath?: string; similarity?: number; keyword?: { bm25: number; share: number } } = {},
): EvidencePassage {
  return {
    title: options.title ?? "Help article",
    headingPath: options.headingPath ?? "",
    content,
    vector: options.similarity === undefined ? undefined : { similarity: options.similarity, rank: 1 },
    keyword: options.keyword && { ...options.keyword, rank: 1 },
  };
}

const lockerErrors = passage(
  [
    "Error | Message in the app | What to do",
    "E-4011 | Locker door did not open | Wait 30 seconds and tap Try again.",
    "E-4012 | Compartment is empty | Do not close the door; tap Report a problem straight away.",
  ].join("\n"),
  { title: "App error messages", headingPath: "Locker errors", similarity: 0.45, keyword: { bm25: 6, share: 0.6 } },
);

describe("contentTerms", () => {
  it("drops function words and chat filler, stems the rest and keeps codes whole", () => {
    expect(contentTerms("Hi, how do I get refunds for error E-4012?")).toEqual(["e-4012", "refund", "error"]);
  });

  it("keeps 'ID', which a customer may well ask about", () => {
    expect(contentTerms("Do I need photo ID?")).toEqual(["photo", "id"]);
  });
});

describe("passageUnits", () => {
  it("keeps table rows whole, with the header as their context", () => {
    const units = passageUnits(lockerErrors.content, lockerErrors.headingPath);
    expect(units.map((unit) => unit.kind)).toEqual(["row", "row"]);
    expect(units[0].text).toBe("E-4011 | Locker door did not open | Wait 30 seconds and tap Try again.");
    expect([...units[0].contextTerms]).toContain("messag");
  });

  it("gives list items the sentence that introduces them", () => {
    const units = passageUnits("If the parcel does not fit, you can then:\n\n- upgrade the label, or\n- cancel the drop-off.", "Too big");
    expect(units.map((unit) => [unit.kind, unit.text, unit.leadIn])).toEqual([
      ["sentence", "If the parcel does not fit, you can then:", undefined],
      ["item", "upgrade the label, or", 0],
      ["item", "cancel the drop-off.", 0],
    ]);
  });

  it("splits sentences without breaking prices, addresses or abbreviations", () => {
    const units = passageUnits("The fee is €1.49, e.g. for an extension. Go to parcelpoint.example/pin. Mr. Smith agrees! Done?", "Fees");
    expect(units.map((unit) => unit.text)).toEqual([
      "The fee is €1.49, e.g. for an extension.",
      "Go to parcelpoint.example/pin.",
      "Mr. Smith agrees!",
      "Done?",
    ]);
  });

  it("takes an FAQ answer whole, with its question as context", () => {
    const [unit] = passageUnits("Q: Can I put two parcels in one compartment? A: No. Each label belongs to one compartment.", "Q&A");
    expect(unit.text).toBe("No. Each label belongs to one compartment.");
    expect([...unit.contextTerms]).toEqual(expect.arrayContaining(["two", "parcel", "compart"]));
  });

  it("marks a chunk that starts mid-sentence (the chunker's overlap) as a fragment", () => {
    const [first, second] = passageUnits("within 15 minutes of the request. Then the door opens.", "Opening");
    expect(first.fragment).toBe(true);
    expect(first.opensSection).toBe(false);
    expect(second.fragment).toBe(false);
  });
});

describe("assessEvidence", () => {
  it("finds a passage that answers the question covered", () => {
    const evidence = assessEvidence({
      question: "How long is a return QR code valid?",
      passages: [
        passage("Return QR codes are valid for 14 days from when the shop creates them.", { title: "Returns", headingPath: "Return labels and QR codes", similarity: 0.66, keyword: { bm25: 12.3, share: 1.46 } }),
      ],
    });
    expect(evidence.covered).toBe(true);
    expect(evidence.confidence).toBeGreaterThanOrEqual(ANSWER_CONFIDENCE_THRESHOLD);
  });

  it("is not covered when the passages are about something else, and says which words are missing", () => {
    const evidence = assessEvidence({
      question: "Can you recommend a good pizza restaurant?",
      passages: [passage("Lockers inside supermarkets follow the opening hours of the building.", { similarity: 0.31, keyword: { bm25: 3.1, share: 0.25 } })],
    });
    expect(evidence.covered).toBe(false);
    expect(evidence.reason).toMatch(/pizza/);
  });

  it("raises confidence when a code from the question is in a passage", () => {
    const question = "The app shows error E-4012, what now?";
    const withCode = assessEvidence({ question, passages: [lockerErrors] });
    const withoutCode = assessEvidence({ question: "The app shows an error, what now?", passages: [lockerErrors] });
    expect(withCode.confidence).toBeGreaterThanOrEqual(EXACT_CODE_CONFIDENCE);
    expect(withCode.confidence).toBeGreaterThan(withoutCode.confidence);
    expect(withCode.covered).toBe(true);
    expect(withCode.reason).toMatch(/E-4012/);
  });

  it("is not covered when the question names a short code that no passage holds", () => {
    const evidence = assessEvidence({ question: "What does error E-4019 mean in the app?", passages: [{ ...lockerErrors, keyword: { bm25: 20, rank: 1, share: 1.3 } }] });
    expect(evidence.covered).toBe(false);
    expect(evidence.reason).toMatch(/E-4019/);
  });

  it("does not hold a visitor's own long reference against the passages", () => {
    const formats = passage("Tracking numbers never contain the letter O after the prefix, so a character that looks like an O is the digit zero.", {
      title: "Tracking a parcel", headingPath: "Tracking number formats", similarity: 0.48, keyword: { bm25: 14, share: 0.9 },
    });
    const evidence = assessEvidence({ question: "Is the character in PP48210O937714 a letter O or a zero?", passages: [formats] });
    expect(evidence.covered).toBe(true);
  });

  it("treats short words with a digit as words, not codes the passages must hold", () => {
    const twoFactor = passage("Open Settings → Security → Two-factor authentication and choose a method.", {
      title: "Two-factor authentication", headingPath: "Turning on two-factor", similarity: 0.52, keyword: { bm25: 9, share: 0.7 },
    });
    const evidence = assessEvidence({ question: "How do I turn on 2FA?", passages: [twoFactor] });
    expect(evidence.reason).not.toMatch(/^No passage mentions/);
    expect(evidence.confidence).toBeGreaterThan(0.2);
  });

  it("judges keyword-only results on the signals it has", () => {
    const evidence = assessEvidence({
      question: "How long is a return QR code valid?",
      passages: [passage("Return QR codes are valid for 14 days from when the shop creates them.", { title: "Returns", headingPath: "Return labels and QR codes", keyword: { bm25: 12.3, share: 1.46 } })],
    });
    expect(evidence.covered).toBe(true);
  });

  it("is not covered when the question only phrases, and names nothing", () => {
    expect(assessEvidence({ question: "How long does it take?", passages: [lockerErrors] })).toMatchObject({ covered: false });
  });

  it("is not covered with nothing retrieved or nothing to match", () => {
    expect(assessEvidence({ question: "Where is my parcel?", passages: [] })).toMatchObject({ confidence: 0, covered: false });
    expect(assessEvidence({ question: "Is it?", passages: [lockerErrors] })).toMatchObject({ confidence: 0, covered: false });
  });
});

describe("assessEvidence in a new tenant's one short article", () => {
  // The only document is a three-section returns article. BM25 there is a fraction of what a large help centre
  // scores (every chunk holds "return" and "refund", so their IDF is near 0); the keyword share is not. The scores
  // are those retrieval measured for each question.
  const returnWindow = (similarity: number, keyword?: { bm25: number; share: number }) =>
    passage("You can return any unworn item within 30 days of delivery for a full refund. Print the free returns label from your account.", {
      title: "Returns and refunds", headingPath: "Return window", similarity, keyword,
    });
  const refundTiming = (similarity: number, keyword?: { bm25: number; share: number }) =>
    passage("Refunds reach your card within 5 business days after the warehouse receives the parcel.", {
      title: "Returns and refunds", headingPath: "Refund timing", similarity, keyword,
    });
  const giftCards = (similarity: number, keyword?: { bm25: number; share: number }) =>
    passage("Gift cards cannot be returned.", { title: "Returns and refunds", headingPath: "Exceptions", similarity, keyword });

  it("covers a question the article answers although its top BM25 is under 2", () => {
    const evidence = assessEvidence({
      question: "How many days do I have to return an item?",
      passages: [returnWindow(0.53, { bm25: 1.58, share: 1 }), refundTiming(0.5, { bm25: 0.6, share: 0.38 }), giftCards(0.44, { bm25: 0.18, share: 0.12 })],
    });
    expect(evidence.covered).toBe(true);
    expect(evidence.confidence).toBeGreaterThan(0.8);
  });

  it("does not hold the question's phrasing ('how long … take') against the passages", () => {
    const evidence = assessEvidence({
      question: "How long do refunds take?",
      passages: [refundTiming(0.56, { bm25: 0.21, share: 1.55 }), returnWindow(0.54, { bm25: 0.17, share: 1.26 })],
    });
    expect(evidence.covered).toBe(true);
    expect(evidence.reason).not.toMatch(/long|take/);
  });

  it("still declines what the article never mentions", () => {
    const unrelated = assessEvidence({
      question: "Do you sell replacement parts for espresso machines?",
      passages: [returnWindow(0.25), refundTiming(0.24), giftCards(0.17)],
    });
    expect(unrelated.covered).toBe(false);
    // "gift" is in the article; "wrapping" is not, and it weighs most.
    const nearMiss = assessEvidence({
      question: "Do you offer gift wrapping?",
      passages: [returnWindow(0.35), refundTiming(0.32), giftCards(0.29, { bm25: 1.05, share: 0.22 })],
    });
    expect(nearMiss.covered).toBe(false);
    expect(nearMiss.reason).toMatch(/wrapping/);
  });
});
