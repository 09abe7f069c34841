import { describe, expect, it } from "vitest";
import { ANSWER_CONFIDENCE_THRESHOLD, assessEvidence, contentTerms, EXACT_CODE_CONFIDENCE, passageUnits, type EvidencePassage } from "./confidence";

function passage(content: string, options: { title?: string; headingPath?: string; similarity?: number; bm25?: number } = {}): EvidencePassage {
  return {
    title: options.title ?? "Help article",
    headingPath: options.headingPath ?? "",
    content,
    vector: options.similarity === undefined ? undefined : { similarity: options.similarity, rank: 1 },
    keyword: options.bm25 === undefined ? undefined : { bm25: options.bm25, rank: 1 },
  };
}

const lockerErrors = passage(
  [
    "Error | Message in the app | What to do",
    "E-4011 | Locker door did not open | Wait 30 seconds and tap Try again.",
    "E-4012 | Compartment is empty | Do not close the door; tap Report a problem straight away.",
  ].join("\n"),
  { title: "App error messages", headingPath: "Locker errors", similarity: 0.45, bm25: 6 },
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
        passage("Return QR codes are valid for 14 days from when the shop creates them.", { title: "Returns", headingPath: "Return labels and QR codes", similarity: 0.66, bm25: 16 }),
      ],
    });
    expect(evidence.covered).toBe(true);
    expect(evidence.confidence).toBeGreaterThanOrEqual(ANSWER_CONFIDENCE_THRESHOLD);
  });

  it("is not covered when the passages are about something else, and says which words are missing", () => {
    const evidence = assessEvidence({
      question: "Can you recommend a good pizza restaurant?",
      passages: [passage("Lockers inside supermarkets follow the opening hours of the building.", { similarity: 0.31, bm25: 3.1 })],
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
    const evidence = assessEvidence({ question: "What does error E-4019 mean in the app?", passages: [{ ...lockerErrors, keyword: { bm25: 20, rank: 1 } }] });
    expect(evidence.covered).toBe(false);
    expect(evidence.reason).toMatch(/E-4019/);
  });

  it("does not hold a visitor's own long reference against the passages", () => {
    const formats = passage("Tracking numbers never contain the letter O after the prefix, so a character that looks like an O is the digit zero.", {
      title: "Tracking a parcel", headingPath: "Tracking number formats", similarity: 0.48, bm25: 14,
    });
    const evidence = assessEvidence({ question: "Is the character in PP48210O937714 a letter O or a zero?", passages: [formats] });
    expect(evidence.covered).toBe(true);
  });

  it("treats short words with a digit as words, not codes the passages must hold", () => {
    const twoFactor = passage("Open Settings → Security → Two-factor authentication and choose a method.", {
      title: "Two-factor authentication", headingPath: "Turning on two-factor", similarity: 0.52, bm25: 9,
    });
    const evidence = assessEvidence({ question: "How do I turn on 2FA?", passages: [twoFactor] });
    expect(evidence.reason).not.toMatch(/^No passage mentions/);
    expect(evidence.confidence).toBeGreaterThan(0.2);
  });

  it("judges keyword-only results on the signals it has", () => {
    const evidence = assessEvidence({
      question: "How long is a return QR code valid?",
      passages: [passage("Return QR codes are valid for 14 days from when the shop creates them.", { title: "Returns", headingPath: "Return labels and QR codes", bm25: 16 })],
    });
    expect(evidence.covered).toBe(true);
  });

  it("is not covered with nothing retrieved or nothing to match", () => {
    expect(assessEvidence({ question: "Where is my parcel?", passages: [] })).toMatchObject({ confidence: 0, covered: false });
    expect(assessEvidence({ question: "Is it?", passages: [lockerErrors] })).toMatchObject({ confidence: 0, covered: false });
  });
});
