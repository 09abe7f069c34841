import { describe, expect, it } from "vitest";
import { pdfDocument } from "./pdf.server";
import { parseErrorMessage } from "./parse-error.fixture";
import type { Block } from "./types";

/** A line of text drawn at (x, y) in Helvetica of the given size; y grows upwards from the bottom of the page. */
interface TextRun {
  text: string;
  x?: number;
  y: number;
  size?: number;
}

/**
 * Writes a minimal valid PDF by hand: catalog, page tree, one Helvetica font, and per page a content stream that
 * draws the runs. The cross-reference table needs each object's byte offset, so offsets are measured as it is built.
 */
function buildPdf(pages: TextRun[][], extra: { trailer?: string; objects?: string[] } = {}): Uint8Array {
  const pageObjects = pages.map((_, index) => 4 + index * 2);
  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pageObjects.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  for (const [index, runs] of pages.entries()) {
    const stream = runs
      .map(({ text, x = 72, y, size = 12 }) => `BT /F1 ${size} Tf ${x} ${y} Td (${pdfString(text)}) Tj ET`)
      .join("\n");
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + index * 2} 0 R >>`,
      `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`,
    );
  }
  objects.push(...(extra.objects ?? []));

  let file = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const [index, body] of objects.entries()) {
    offsets.push(Buffer.byteLength(file, "latin1"));
    file += `${index + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(file, "latin1");
  file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  file += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  file += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${extra.trailer ?? ""} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(file, "latin1"));
}

function pdfString(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`);
}


describe("pdfDocument", () => {
  it("extracts a page's text and rebuilds headings, paragraphs and lists", async () => {
    const pdf = buildPdf([
      [
        { text: "Getting started", y: 720, size: 24 },
        { text: "Create an account on the sign-up page. The first line of this para-", y: 680 },
        { text: "graph wraps onto a second line.", y: 666 },
        { text: "A second paragraph follows after a gap.", y: 630 },
        { text: "Requirements", y: 590, size: 16 },
        { text: "\x95 A modern browser", y: 560 },
        { text: "\x95 An email address", y: 546 },
      ],
    ]);

    const document = await pdfDocument(pdf, "guide");

    expect(document.title).toBe("Getting started");
    expect(document.blocks).toEqual<Block[]>([
      { kind: "heading", level: 1, text: "Getting started" },
      {
        kind: "paragraph",
        text: "Create an account on the sign-up page. The first line of this paragraph wraps onto a second line.",
      },
      { kind: "paragraph", text: "A second paragraph follows after a gap." },
      { kind: "heading", level: 2, text: "Requirements" },
      { kind: "list", items: ["A modern browser", "An email address"] },
    ]);
  });

  it("joins words that the PDF positions apart instead of separating them with spaces", async () => {
    const pdf = buildPdf([
      [
        { text: "Plan", x: 72, y: 700 },
        { text: "Price", x: 172, y: 700 },
      ],
    ]);

    const document = await pdfDocument(pdf, "prices");

    expect(document.blocks).toEqual([{ kind: "paragraph", text: "Plan Price" }]);
    expect(document.title).toBe("prices");
  });

  it("drops page numbers and the header repeated at the top of every page", async () => {
    const page = (number: number): TextRun[] => [
      { text: "Acme Support Handbook", y: 760, size: 9 },
      { text: `Body text of page ${number} explains one policy.`, y: 700 },
      { text: `Page ${number} of 3`, y: 40, size: 9 },
    ];

    const document = await pdfDocument(buildPdf([page(1), page(2), page(3)]), "handbook");

    expect(document.blocks).toEqual([
      { kind: "paragraph", text: "Body text of page 1 explains one policy." },
      { kind: "paragraph", text: "Body text of page 2 explains one policy." },
      { kind: "paragraph", text: "Body text of page 3 explains one policy." },
    ]);
  });

  it("refuses a file that does not start like a PDF", async () => {
    const bytes = new TextEncoder().encode("Just some text saved with a .pdf name.");

    expect(await parseErrorMessage(() => pdfDocument(bytes, "x"))).toBe("This file is not a valid PDF.");
  });

  it("reports a PDF with a valid header but garbage after it as damaged", async () => {
    const bytes = new TextEncoder().encode(`%PDF-1.7\n${"garbage \u0001\u0002 ".repeat(200)}`);

    expect(await parseErrorMessage(() => pdfDocument(bytes, "x"))).toBe("This PDF is damaged and could not be read.");
  });

  it("reports a PDF that needs a password to open", async () => {
    // A standard security handler whose user-password hash matches no password, not even the empty one.
    const hash = "ab".repeat(32);
    const pdf = buildPdf([[{ text: "Secret", y: 700 }]], {
      objects: [`<< /Filter /Standard /V 1 /R 2 /O <${hash}> /U <${hash}> /P -4 >>`],
      trailer: `/Encrypt 6 0 R /ID [<${"01".repeat(16)}> <${"01".repeat(16)}>]`,
    });

    expect(await parseErrorMessage(() => pdfDocument(pdf, "x"))).toBe("This PDF is password-protected.");
  });

  it("explains that a PDF without a text layer may be a scan", async () => {
    const pdf = buildPdf([[]]);

    expect(await parseErrorMessage(() => pdfDocument(pdf, "scan"))).toMatch(/no selectable text/);
  });
});
