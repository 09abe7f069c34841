import { decodeTextFile, NO_TEXT_MESSAGE } from "./decode-text";
import { docxDocument } from "./docx.server";
import { htmlDocument } from "./html.server";
import { markdownDocument } from "./markdown.server";
import { normalizeInline, normalizeLines } from "./normalize";
import { pdfDocument } from "./pdf.server";
import { plainTextBlocks } from "./plain-text";
import { firstH1, titleFromFileName } from "./title";
import { ParseError, type ParsedDocument } from "./types";

export { ParseError, type Block, type ParsedDocument } from "./types";

export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"];
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

type Format = "text" | "markdown" | "html" | "pdf" | "docx";

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  ".txt": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".pdf": "pdf",
  ".docx": "docx",
};

// Used only when the file name has no known extension (a pasted-in blob, a download without one).
const FORMAT_BY_MIME_TYPE: Record<string, Format> = {
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

/** An uploaded file as a document. Throws ParseError, with a message for the admin, when it cannot be read. */
export async function parseFile(input: { fileName: string; bytes: Uint8Array; mimeType?: string }): Promise<ParsedDocument> {
  const format = formatOf(input.fileName, input.mimeType);
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new ParseError(`This file is larger than the ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB limit.`);
  }
  if (input.bytes.byteLength === 0) throw new ParseError(NO_TEXT_MESSAGE);
  const fallbackTitle = titleFromFileName(input.fileName);
  const document = await parseFormat(format, input.bytes, fallbackTitle);
  return withText(document, NO_TEXT_MESSAGE);
}

/** Text typed or pasted by an admin: blank lines separate paragraphs, "# " starts a heading, "- " a list item. */
export function parseText(input: { title: string; text: string }): ParsedDocument {
  const blocks = plainTextBlocks(input.text);
  return withText({ title: normalizeInline(input.title) || firstH1(blocks) || "Untitled", blocks }, "The text is empty.");
}

/** A web page or HTML snippet: its main content, as text only. */
export function parseHtml(input: { html: string; fallbackTitle: string }): ParsedDocument {
  return withText(htmlDocument(input.html, normalizeInline(input.fallbackTitle)), "This page contains no text.");
}

/** One question and its answer, kept together as a single block. */
export function parseFaq(input: { question: string; answer: string }): ParsedDocument {
  const question = normalizeInline(input.question);
  const answer = normalizeLines(input.answer);
  if (!question) throw new ParseError("The question is empty.");
  if (!answer) throw new ParseError("The answer is empty.");
  return { title: question, blocks: [{ kind: "faq", question, answer }] };
}

function formatOf(fileName: string, mimeType: string | undefined): Format {
  const extension = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0];
  const format =
    (extension && FORMAT_BY_EXTENSION[extension]) || FORMAT_BY_MIME_TYPE[mimeType?.split(";")[0].trim().toLowerCase() ?? ""];
  if (!format) {
    throw new ParseError(`This file type is not supported. Upload one of: ${SUPPORTED_EXTENSIONS.join(", ")}.`);
  }
  return format;
}

async function parseFormat(format: Format, bytes: Uint8Array, fallbackTitle: string): Promise<ParsedDocument> {
  switch (format) {
    case "text": {
      const blocks = plainTextBlocks(decodeTextFile(bytes));
      return { title: firstH1(blocks) ?? fallbackTitle, blocks };
    }
    case "markdown":
      return markdownDocument(decodeTextFile(bytes), fallbackTitle);
    case "html":
      return htmlDocument(decodeTextFile(bytes, declaredHtmlCharset), fallbackTitle);
    case "pdf":
      return pdfDocument(bytes, fallbackTitle);
    case "docx":
      return docxDocument(bytes, fallbackTitle);
  }
}

/** The charset an HTML file declares in its first bytes (<meta charset="windows-1252">), for files not in UTF-8. */
function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}

function withText(document: ParsedDocument, emptyMessage: string): ParsedDocument {
  if (!document.blocks.length) throw new ParseError(emptyMessage);
  return document;
}
