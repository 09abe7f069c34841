import mammoth from "mammoth";
import { htmlDocument } from "./html.server";
import { ParseError, type ParsedDocument } from "./types";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
// Old binary .doc files and password-protected .docx files are both OLE compound files.
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const NOT_DOCX_MESSAGE = "This file is not a valid Word document (.docx).";

const STYLE_MAP = [
  // Word's "Title" style is the document's title; mammoth would otherwise make it an ordinary paragraph.
  "p[style-name='Title'] => h1:fresh",
  "p.Title => h1:fresh",
];

/** A Word document read through its HTML rendering, so headings, lists and tables come out as they do for HTML. */
export async function docxDocument(bytes: Uint8Array, fallbackTitle: string): Promise<ParsedDocument> {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new ParseError(
      "This is an older Word document (.doc) or a password-protected one. Save it as .docx without a password and upload it again.",
    );
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) throw new ParseError(NOT_DOCX_MESSAGE);

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Images carry no text; skipping them saves base64-encoding every picture into the HTML.
      { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
    );
    html = result.value;
  } catch {
    // A zip that is not a Word document (no word/document.xml) or is corrupt.
    throw new ParseError(NOT_DOCX_MESSAGE);
  }
  return htmlDocument(withoutNoteBacklinks(html), fallbackTitle);
}

/** Mammoth ends each footnote with a "↑" link back to the text; it is navigation, not content. */
function withoutNoteBacklinks(html: string): string {
  return html.replace(/<a href="#(?:footnote|endnote)-ref-[^"]*">[^<]*<\/a>/g, "");
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}
