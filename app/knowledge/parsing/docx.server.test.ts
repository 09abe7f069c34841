import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { docxDocument } from "./docx.server";
import { parseErrorMessage } from "./parse-error.fixture";
import type { Block } from "./types";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const PACKAGE_RELATIONSHIPS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

function paragraph(text: string, style?: string): string {
  const properties = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : "";
  return `<w:p>${properties}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

function table(rows: string[][]): string {
  const cell = (text: string) => `<w:tc>${paragraph(text)}</w:tc>`;
  return `<w:tbl>${rows.map((row) => `<w:tr>${row.map(cell).join("")}</w:tr>`).join("")}</w:tbl>`;
}

/** The smallest package Word and mammoth accept: content types, the package relationship and the document body. */
async function buildDocx(bodyXml: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", PACKAGE_RELATIONSHIPS);
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}


describe("docxDocument", () => {
  it("reads heading styles as headings, body paragraphs and tables", async () => {
    const docx = await buildDocx(
      [
        paragraph("Installation guide", "Heading1"),
        paragraph("Install the widget on every page."),
        paragraph("Requirements", "Heading2"),
        paragraph("A site you can edit &amp; publish."),
        table([
          ["Browser", "Minimum version"],
          ["Chrome", "100"],
        ]),
      ].join(""),
    );

    const document = await docxDocument(docx, "install");

    expect(document.title).toBe("Installation guide");
    expect(document.blocks).toEqual<Block[]>([
      { kind: "heading", level: 1, text: "Installation guide" },
      { kind: "paragraph", text: "Install the widget on every page." },
      { kind: "heading", level: 2, text: "Requirements" },
      { kind: "paragraph", text: "A site you can edit & publish." },
      {
        kind: "table",
        rows: [
          ["Browser", "Minimum version"],
          ["Chrome", "100"],
        ],
      },
    ]);
  });

  it("treats Word's Title style as the document title", async () => {
    const docx = await buildDocx(paragraph("Refund policy", "Title") + paragraph("Refunds take five days."));

    const document = await docxDocument(docx, "policy");

    expect(document.title).toBe("Refund policy");
    expect(document.blocks[0]).toEqual({ kind: "heading", level: 1, text: "Refund policy" });
  });

  it("falls back to the file name for the title when there is no heading", async () => {
    const document = await docxDocument(await buildDocx(paragraph("Only a paragraph.")), "notes");

    expect(document.title).toBe("notes");
  });

  it("refuses bytes that are not a zip", async () => {
    const bytes = new TextEncoder().encode("plain text renamed to .docx");

    expect(await parseErrorMessage(() => docxDocument(bytes, "x"))).toBe("This file is not a valid Word document (.docx).");
  });

  it("refuses a zip that holds no Word document", async () => {
    const zip = new JSZip();
    zip.file("readme.txt", "not a document");

    const bytes = await zip.generateAsync({ type: "uint8array" });

    const message = await parseErrorMessage(() => docxDocument(bytes, "x"));

    expect(message).toBe("This file is not a valid Word document (.docx).");
  });

  it("explains what to do with an old .doc or a password-protected document", async () => {
    const compoundFile = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

    expect(await parseErrorMessage(() => docxDocument(compoundFile, "x"))).toMatch(/Save it as \.docx without a password/);
  });
});
