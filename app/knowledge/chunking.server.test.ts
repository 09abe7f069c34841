import { describe, expect, it } from "vitest";
import { chunkDocument, countTokens, type Chunk } from "./chunking.server";
import type { Block, ParsedDocument } from "./parsing/types";

const doc = (...blocks: Block[]): ParsedDocument => ({ title: "Document title", blocks });
const heading = (level: number, text: string): Block => ({ kind: "heading", level, text });
const paragraph = (text: string): Block => ({ kind: "paragraph", text });

/** A sentence of exactly `words` + 1 tokens (the words and the full stop), numbered so each is distinct. */
function sentence(number: number, words = 9): string {
  return `S${number} ${Array.from({ length: words - 1 }, (_, index) => `w${index}`).join(" ")}.`;
}

function sentences(count: number, words = 9): string {
  return Array.from({ length: count }, (_, index) => sentence(index, words)).join(" ");
}

/** The longest start of `next` that is also the end of `previous`: the overlap a chunk carried over. */
function carriedOver(previous: Chunk, next: Chunk): string {
  for (let length = Math.min(previous.content.length, next.content.length); length > 0; length--) {
    const candidate = next.content.slice(0, length);
    if (previous.content.endsWith(candidate) && /^\S/.test(candidate)) return candidate.trim();
  }
  return "";
}

describe("countTokens", () => {
  it("counts words, numbers and runs of punctuation", () => {
    expect(countTokens("Hello, world!")).toBe(4);
    expect(countTokens("Price: $5.99 (VAT incl.)")).toBe(10);
    expect(countTokens("")).toBe(0);
    expect(countTokens("   \n ")).toBe(0);
  });

  it("counts each Chinese or Japanese character, which are written without spaces", () => {
    expect(countTokens("退款需要5天。")).toBe(7);
    expect(countTokens("ログインabc")).toBe(5);
  });

  it("adds up across whitespace", () => {
    const [a, b] = ["Refunds take (about) 5 days.", "Contact support@example.com!"];

    expect(countTokens(`${a}\n${b}`)).toBe(countTokens(a) + countTokens(b));
  });
});

describe("chunkDocument", () => {
  describe("heading paths and sections", () => {
    it("joins the enclosing headings, without the document title, and starts with no path", () => {
      const chunks = chunkDocument(
        doc(
          paragraph("Before any heading."),
          heading(1, "Billing"),
          paragraph("Billing intro."),
          heading(2, "Invoices"),
          heading(3, "Downloading"),
          paragraph("Use the portal."),
          heading(2, "Refunds"),
          paragraph("Within 30 days."),
          heading(1, "Security"),
          heading(3, "Passwords"),
          paragraph("Use a manager."),
        ),
      );

      expect(chunks.map(({ headingPath, content }) => [headingPath, content])).toEqual([
        ["", "Before any heading."],
        ["Billing", "Billing intro."],
        ["Billing > Invoices > Downloading", "Use the portal."],
        ["Billing > Refunds", "Within 30 days."],
        ["Security > Passwords", "Use a manager."],
      ]);
    });

    it("leaves out the heading the document's title came from, but not a later heading with other text", () => {
      const chunks = chunkDocument({
        title: "Returns guide",
        blocks: [
          heading(1, "Returns guide"),
          paragraph("Overview."),
          heading(2, "Return window"),
          paragraph("30 days."),
          heading(1, "Shipping"),
          heading(2, "Carriers"),
          paragraph("We use two."),
        ],
      });

      expect(chunks.map((chunk) => chunk.headingPath)).toEqual(["", "Return window", "Shipping > Carriers"]);
    });

    it("never merges two sections, however small, and gives empty sections no chunk", () => {
      const chunks = chunkDocument(
        doc(heading(2, "A"), paragraph("One."), heading(2, "B"), heading(2, "C"), paragraph("Two."), heading(2, "D")),
      );

      expect(chunks.map((chunk) => chunk.content)).toEqual(["One.", "Two."]);
      expect(chunks.map((chunk) => chunk.headingPath)).toEqual(["A", "C"]);
    });

    it("packs the blocks of one section into one chunk when they fit, as plain text", () => {
      const chunks = chunkDocument(
        doc(
          heading(1, "Plans"),
          paragraph("Two plans exist."),
          { kind: "list", items: ["Basic", "Pro"] },
          { kind: "table", rows: [["Plan", "Price"], ["Basic", "$5"]] },
          { kind: "code", text: "plan = 'pro'\n  upgrade()" },
        ),
      );

      expect(chunks).toEqual<Chunk[]>([
        {
          position: 0,
          headingPath: "Plans",
          content: "Two plans exist.\n\n- Basic\n- Pro\n\nPlan | Price\nBasic | $5\n\nplan = 'pro'\n  upgrade()",
          tokenCount: 22,
        },
      ]);
    });
  });

  describe("packing", () => {
    it("moves a list or table that fits a chunk whole into the next chunk rather than splitting it", () => {
      const list: Block = { kind: "list", items: Array.from({ length: 6 }, (_, index) => `item ${index} here`) }; // 24 tokens
      const table: Block = { kind: "table", rows: [["Plan", "Seats"], ["Basic", "1"], ["Team", "10"]] }; // 9 tokens

      const chunks = chunkDocument(doc(paragraph(sentences(2)), list, paragraph(sentences(2)), table), {
        maxTokens: 30,
        overlapTokens: 0,
      });

      expect(chunks.map((chunk) => chunk.content)).toEqual([
        sentences(2),
        list.items.map((item) => `- ${item}`).join("\n"),
        `${sentences(2)}\n\nPlan | Seats\nBasic | 1\nTeam | 10`,
      ]);
    });

    it("splits a list that does not fit between items, starting in the room left by the text before it", () => {
      const items = Array.from({ length: 10 }, (_, index) => `item ${index} here`); // 4 tokens each

      const chunks = chunkDocument(doc(paragraph("Shortcuts:"), { kind: "list", items }), { maxTokens: 20, overlapTokens: 0 });

      expect(chunks.map((chunk) => chunk.content)).toEqual([
        "Shortcuts:\n\n- item 0 here\n- item 1 here\n- item 2 here\n- item 3 here",
        "- item 4 here\n- item 5 here\n- item 6 here\n- item 7 here\n- item 8 here",
        "- item 9 here",
      ]);
    });

    it("repeats a table's header row in every part of a table that is split", () => {
      const rows = [["Plan", "Price"], ...Array.from({ length: 12 }, (_, index) => [`Plan ${index}`, `$${index}`])];

      const chunks = chunkDocument(doc({ kind: "table", rows }), { maxTokens: 20, overlapTokens: 0 });

      expect(chunks.length).toBeGreaterThan(2);
      for (const chunk of chunks) expect(chunk.content.split("\n")[0]).toBe("Plan | Price");
      const dataRows = chunks.flatMap((chunk) => chunk.content.split("\n").slice(1));
      expect(dataRows).toEqual(rows.slice(1).map((row) => row.join(" | ")));
    });

    it("splits a long paragraph at sentence boundaries", () => {
      const text = sentences(10); // 10 tokens each

      const chunks = chunkDocument(doc(paragraph(text)), { maxTokens: 35, overlapTokens: 0 });

      expect(chunks.map((chunk) => chunk.content)).toEqual([
        [0, 1, 2].map((n) => sentence(n)).join(" "),
        [3, 4, 5].map((n) => sentence(n)).join(" "),
        [6, 7, 8].map((n) => sentence(n)).join(" "),
        sentence(9),
      ]);
    });

    it("does not end a sentence at an abbreviation or an initial", () => {
      const text = "Use e.g. the portal or ask J. Smith in billing. Then wait two days for the refund.";

      const chunks = chunkDocument(doc(paragraph(text)), { maxTokens: 20, overlapTokens: 0 });

      expect(chunks.map((chunk) => chunk.content)).toEqual([
        "Use e.g. the portal or ask J. Smith in billing.",
        "Then wait two days for the refund.",
      ]);
    });

    it("cuts a sentence longer than the budget between words, and text without spaces between characters", () => {
      const longSentence = Array.from({ length: 50 }, (_, index) => `word${index}`).join(" ");
      const chinese = "退".repeat(25);

      const chunks = chunkDocument(doc(paragraph(longSentence), heading(2, "中文"), paragraph(chinese)), {
        maxTokens: 20,
        overlapTokens: 0,
      });

      expect(chunks.map((chunk) => chunk.tokenCount)).toEqual([20, 20, 10, 20, 5]);
      expect(chunks.slice(0, 3).map((chunk) => chunk.content).join(" ")).toBe(longSentence);
      expect(chunks.slice(3).map((chunk) => chunk.content).join("")).toBe(chinese);
    });

    it("splits code between lines, keeping indentation and blank lines", () => {
      const code = ["def refund(order):", "    check(order)", "", "    pay(order)", ...Array.from({ length: 8 }, (_, i) => `    step${i}()`)].join("\n");

      const chunks = chunkDocument(doc({ kind: "code", text: code }), { maxTokens: 20, overlapTokens: 0 });

      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks[0].content.startsWith("def refund(order):\n    check(order)\n\n    pay(order)")).toBe(true);
      expect(chunks.map((chunk) => chunk.content).join("\n")).toBe(code);
    });
  });

  describe("FAQ", () => {
    it("gives a question and its answer a chunk of their own", () => {
      const chunks = chunkDocument(
        doc(paragraph("Intro."), { kind: "faq", question: "Can I pay yearly?", answer: "Yes.\nSave 20%." }, paragraph("Outro.")),
      );

      expect(chunks.map((chunk) => chunk.content)).toEqual(["Intro.", "Q: Can I pay yearly?\nA: Yes.\nSave 20%.", "Outro."]);
    });

    it("splits a huge answer, repeating the question in every part, without overlap", () => {
      const chunks = chunkDocument(doc({ kind: "faq", question: "How do refunds work?", answer: sentences(8) }), {
        maxTokens: 40,
        overlapTokens: 10,
      });

      expect(chunks.length).toBeGreaterThan(2);
      for (const chunk of chunks) {
        expect(chunk.content).toMatch(/^Q: How do refunds work\?\nA: S\d/);
        expect(chunk.tokenCount).toBeLessThanOrEqual(40);
      }
      const answers = chunks.map((chunk) => chunk.content.replace("Q: How do refunds work?\nA: ", ""));
      expect(answers.join(" ")).toBe(sentences(8));
    });
  });

  describe("overlap", () => {
    it("opens each later chunk of a section with whole sentences from the end of the previous one", () => {
      const chunks = chunkDocument(doc(heading(1, "Refunds"), paragraph(sentences(12))), { maxTokens: 40, overlapTokens: 15 });

      // Four 10-token sentences fill a chunk; the 15-token overlap budget holds one whole sentence, not two.
      expect(chunks.map((chunk) => chunk.headingPath)).toEqual(["Refunds", "Refunds", "Refunds"]);
      expect(chunks[1].content).toBe([3, 4, 5, 6, 7].map((n) => sentence(n)).join(" "));
      expect(chunks[2].content).toBe([7, 8, 9, 10, 11].map((n) => sentence(n)).join(" "));
      for (let index = 1; index < chunks.length; index++) {
        const overlap = carriedOver(chunks[index - 1], chunks[index]);
        expect(countTokens(overlap)).toBeGreaterThan(0);
        expect(countTokens(overlap)).toBeLessThanOrEqual(15);
      }
    });

    it("falls back to the last words when the last sentence is longer than the overlap budget", () => {
      const chunks = chunkDocument(doc(paragraph(sentences(4, 30))), { maxTokens: 35, overlapTokens: 5 });

      const overlap = carriedOver(chunks[0], chunks[1]);
      expect(overlap).toBe("w25 w26 w27 w28."); // "w28." is two tokens
      expect(chunks[1].content).toBe(`w25 w26 w27 w28. ${sentence(1, 30)}`);
    });

    it("takes the last characters of text written without spaces", () => {
      const chunks = chunkDocument(doc(paragraph("退".repeat(30) + "款".repeat(30))), { maxTokens: 40, overlapTokens: 5 });

      expect(chunks.map((chunk) => chunk.content)).toEqual(["退".repeat(30) + "款".repeat(10), "款".repeat(5 + 20)]);
    });

    it("never carries text across sections, and can be turned off", () => {
      const blocks = [heading(2, "A"), paragraph(sentences(3)), heading(2, "B"), paragraph(sentences(3))];

      const acrossSections = chunkDocument(doc(...blocks), { maxTokens: 40, overlapTokens: 15 });
      const turnedOff = chunkDocument(doc(paragraph(sentences(8))), { maxTokens: 40, overlapTokens: 0 });

      expect(acrossSections.map((chunk) => chunk.content)).toEqual([sentences(3), sentences(3)]);
      expect(turnedOff.map((chunk) => chunk.content)).toEqual([
        [0, 1, 2, 3].map((n) => sentence(n)).join(" "),
        [4, 5, 6, 7].map((n) => sentence(n)).join(" "),
      ]);
    });
  });

  describe("on a large mixed document", () => {
    const mixed = doc(...generatedBlocks(400));

    it("keeps every chunk within maxTokens + overlapTokens, counts tokens truly and numbers positions in order", () => {
      for (const [maxTokens, overlapTokens] of [
        [256, 40],
        [64, 16],
        [20, 5],
      ]) {
        const chunks = chunkDocument(mixed, { maxTokens, overlapTokens });

        expect(chunks.map((chunk) => chunk.position)).toEqual(chunks.map((_, index) => index));
        for (const chunk of chunks) {
          expect(chunk.tokenCount).toBe(countTokens(chunk.content));
          expect(chunk.tokenCount).toBeGreaterThan(0);
          expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens + overlapTokens);
        }
      }
    });

    it("uses the default budget of 256 + 40 tokens", () => {
      const chunks = chunkDocument(mixed);

      expect(Math.max(...chunks.map((chunk) => chunk.tokenCount))).toBeLessThanOrEqual(296);
      expect(Math.max(...chunks.map((chunk) => chunk.tokenCount))).toBeGreaterThan(200);
    });

    it("is deterministic", () => {
      expect(chunkDocument(mixed, { maxTokens: 64, overlapTokens: 16 })).toEqual(
        chunkDocument(structuredClone(mixed), { maxTokens: 64, overlapTokens: 16 }),
      );
    });

    it("loses and repeats no text when there is no overlap (blocks without repeated headers)", () => {
      const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];
      const blocks = mixed.blocks.filter((block) => ["paragraph", "list", "code"].includes(block.kind));
      const source = blocks.flatMap((block) => words(block.kind === "list" ? block.items.join(" ") : "text" in block ? block.text : ""));

      const chunks = chunkDocument(doc(...blocks), { maxTokens: 64, overlapTokens: 0 });

      expect(chunks.flatMap((chunk) => words(chunk.content))).toEqual(source);
    });
  });

  it("refuses options that cannot be honoured", () => {
    expect(() => chunkDocument(doc(paragraph("x")), { maxTokens: 0 })).toThrow(RangeError);
    expect(() => chunkDocument(doc(paragraph("x")), { maxTokens: 10, overlapTokens: 10 })).toThrow(RangeError);
  });
});

/** A deterministic document with every kind of block, in sizes from tiny to far over the budget. */
function generatedBlocks(count: number): Block[] {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const vocabulary = ["refund", "invoice", "agent", "widget", "plan", "seat", "token", "export", "webhook", "login"];
  const words = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(" ");
  const text = (sentencesCount: number) =>
    Array.from({ length: sentencesCount }, () => `${words(3 + Math.floor(random() * (random() < 0.05 ? 120 : 20)))}.`).join(" ");

  const blocks: Block[] = [];
  for (let index = 0; index < count; index++) {
    const roll = random();
    if (roll < 0.12) blocks.push(heading(1 + Math.floor(random() * 3), words(2)));
    else if (roll < 0.55) blocks.push(paragraph(text(1 + Math.floor(random() * 12))));
    else if (roll < 0.7) blocks.push({ kind: "list", items: Array.from({ length: 1 + Math.floor(random() * 25) }, () => text(1)) });
    else if (roll < 0.8) {
      blocks.push({ kind: "table", rows: Array.from({ length: 2 + Math.floor(random() * 30) }, () => [words(1), words(3), text(1)]) });
    } else if (roll < 0.9) blocks.push({ kind: "code", text: Array.from({ length: 1 + Math.floor(random() * 30) }, () => `  ${words(4)}`).join("\n") });
    else blocks.push({ kind: "faq", question: `${words(5)}?`, answer: text(1 + Math.floor(random() * 20)) });
  }
  return blocks;
}
