import { createRequire } from "node:module";
import path from "node:path";
import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextContent, TextItem } from "pdfjs-dist/types/src/display/api";
import { normalizeInline } from "./normalize";
import { firstH1 } from "./title";
import { ParseError, type Block, type ParsedDocument } from "./types";

// Predefined CJK character maps and the standard fonts ship inside pdfjs-dist; text in PDFs that rely on them
// cannot be decoded without them.
const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const CMAP_URL = `${PDFJS_DIR}/cmaps/`;
const STANDARD_FONT_DATA_URL = `${PDFJS_DIR}/standard_fonts/`;

// The PDF header may follow a little junk (some mail gateways prepend it); readers accept it within the first KB.
const HEADER_SEARCH_BYTES = 1024;

// A vertical gap larger than this many font sizes between two lines ends a paragraph (single-spaced text has about 1.2).
const PARAGRAPH_GAP = 1.5;
// Text at least this much larger than the body text, in a short paragraph, is a heading.
const HEADING_SCALE = 1.15;
const MAX_HEADING_CHARS = 120;
const MAX_HEADING_LINES = 2;
// A first or last line shared (digits aside) by this share of the pages is a running header or footer.
const RUNNING_LINE_SHARE = 0.6;
const MIN_PAGES_FOR_RUNNING_LINES = 3;

const LIST_MARKER = /^(?:[•◦▪▫●○■□►➢✓·\uF0B7*–-]|\d{1,3}[.)])\s+/;
const ENDS_WITH_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const STARTS_WITH_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const PAGE_NUMBER = /^(?:page\s*)?[-–]?\s*#+\s*[-–]?(?:\s*(?:of|\/)\s*#+)?$/i;

interface Line {
  text: string;
  /** Font size in points: the largest on the line. */
  size: number;
  /** Baseline, in PDF coordinates (up is larger). */
  y: number;
  endX: number;
}

interface Paragraph {
  lines: Line[];
  size: number;
}

export async function pdfDocument(bytes: Uint8Array, fallbackTitle: string): Promise<ParsedDocument> {
  if (!hasPdfHeader(bytes)) throw new ParseError("This file is not a valid PDF.");
  const { pages, metadataTitle } = await readPages(bytes);
  if (!pages.some((lines) => lines.length)) {
    throw new ParseError("This PDF contains no selectable text. It may be a scanned image; upload a PDF with text in it.");
  }
  const blocks = pagesToBlocks(withoutRunningLines(pages));
  return { title: firstH1(blocks) ?? (usableMetadataTitle(metadataTitle) || fallbackTitle), blocks };
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEADER_SEARCH_BYTES)).includes("%PDF-");
}

/** The text lines of every page. Errors from pdf.js become messages an admin can act on. */
async function readPages(bytes: Uint8Array): Promise<{ pages: Line[][]; metadataTitle: string }> {
  const task = getDocument({
    // pdf.js may take ownership of the buffer it is given; the caller keeps its own.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_DATA_URL,
    // Warnings about odd but readable files would go to the console for every upload.
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    const pages: Line[][] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      pages.push(pageLines(await page.getTextContent()));
      page.cleanup();
    }
    const { info } = await pdf.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return { pages, metadataTitle: typeof title === "string" ? title : "" };
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") {
      throw new ParseError("This PDF is password-protected.");
    }
    throw new ParseError("This PDF is damaged and could not be read.");
  } finally {
    await task.destroy();
  }
}

/** Text items rebuilt into lines, in the order the page draws them (which keeps columns apart). */
function pageLines(content: TextContent): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  const endLine = () => {
    if (line && line.text.trim()) lines.push({ ...line, text: line.text.trim() });
    line = undefined;
  };

  for (const item of content.items) {
    if (!("str" in item)) continue;
    const { str, transform, width, hasEOL } = item as TextItem;
    const size = Math.hypot(transform[2], transform[3]) || 1;
    const [x, y] = [transform[4], transform[5]];
    if (line && Math.abs(y - line.y) > 0.5 * Math.max(size, line.size)) endLine();
    if (str) {
      if (!line) {
        line = { text: str, size, y, endX: x + width };
      } else {
        // Many PDFs position words instead of drawing spaces: a visible gap between two items is a space.
        const gap = x - line.endX;
        const needsSpace = gap > 0.15 * size && !/\s$/.test(line.text) && !/^\s/.test(str);
        line.text += (needsSpace ? " " : "") + str;
        line.size = Math.max(line.size, size);
        line.endX = Math.max(line.endX, x + width);
      }
    }
    if (hasEOL) endLine();
  }
  endLine();
  return lines;
}

/**
 * Drops page numbers and the headers and footers repeated on most pages: they would otherwise land in the middle
 * of paragraphs that run across pages and in every chunk's text.
 */
function withoutRunningLines(pages: Line[][]): Line[][] {
  const shape = (line: Line) => line.text.replace(/\d+/g, "#").toLowerCase();
  const edgeLines = (lines: Line[]) => [lines[0], lines[lines.length - 1]].filter(Boolean);
  const pagesWithLine = new Map<string, number>();
  for (const lines of pages) {
    for (const key of new Set(edgeLines(lines).map(shape))) pagesWithLine.set(key, (pagesWithLine.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(MIN_PAGES_FOR_RUNNING_LINES, pages.length * RUNNING_LINE_SHARE);
  return pages.map((lines) => {
    const edges = new Set(edgeLines(lines));
    return lines.filter((line) => {
      if (!edges.has(line)) return true;
      const key = shape(line);
      return !PAGE_NUMBER.test(key) && (pagesWithLine.get(key) ?? 0) < threshold;
    });
  });
}

function pagesToBlocks(pages: Line[][]): Block[] {
  const paragraphs = pages.flatMap(pageParagraphs);
  const bodySize = mostCommonSize(paragraphs);
  const headingLevels = headingLevelsBySize(paragraphs, bodySize);

  const blocks: Block[] = [];
  for (const paragraph of paragraphs) {
    const text = joinLines(paragraph.lines);
    const level = headingLevels.get(roundSize(paragraph.size));
    const listItem = LIST_MARKER.exec(text);
    if (level && isHeadingShaped(paragraph, text)) {
      blocks.push({ kind: "heading", level, text });
    } else if (listItem) {
      const item = normalizeInline(text.slice(listItem[0].length));
      const previous = blocks[blocks.length - 1];
      if (!item) continue;
      if (previous?.kind === "list") previous.items.push(item);
      else blocks.push({ kind: "list", items: [item] });
    } else {
      blocks.push({ kind: "paragraph", text });
    }
  }
  return blocks;
}

/** Lines grouped into paragraphs: a large vertical gap, a jump back up (a new column), a size change or a list marker starts one. */
function pageParagraphs(lines: Line[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const current = paragraphs[paragraphs.length - 1];
    const gap = previous ? previous.y - line.y : 0;
    const continues =
      current &&
      previous &&
      gap > 0 &&
      gap <= PARAGRAPH_GAP * Math.max(previous.size, line.size) &&
      roundSize(line.size) === roundSize(previous.size) &&
      !LIST_MARKER.test(line.text);
    if (continues) {
      current.lines.push(line);
      current.size = Math.max(current.size, line.size);
    } else {
      paragraphs.push({ lines: [line], size: line.size });
    }
    previous = line;
  }
  return paragraphs;
}

/** Joins wrapped lines, mending words hyphenated at the line end ("infor-" + "mation"). */
function joinLines(lines: Line[]): string {
  let text = "";
  for (const { text: line } of lines) {
    if (!text) text = line;
    else if (/\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(line)) text = text.slice(0, -1) + line;
    // Chinese and Japanese are written without spaces between words, so wrapped lines join directly.
    else if (ENDS_WITH_CJK.test(text) && STARTS_WITH_CJK.test(line)) text += line;
    else text += ` ${line}`;
  }
  return normalizeInline(text);
}

/** The font size most of the text is set in, weighted by characters. */
function mostCommonSize(paragraphs: Paragraph[]): number {
  const characters = new Map<number, number>();
  for (const { lines } of paragraphs) {
    for (const line of lines) characters.set(roundSize(line.size), (characters.get(roundSize(line.size)) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of characters) {
    if (count > bestCount) [best, bestCount] = [size, count];
  }
  return best;
}

/** Heading level for each size noticeably larger than the body text: the largest is level 1. */
function headingLevelsBySize(paragraphs: Paragraph[], bodySize: number): Map<number, number> {
  const sizes = new Set(
    paragraphs
      .filter((paragraph) => paragraph.size >= bodySize * HEADING_SCALE && isHeadingShaped(paragraph, joinLines(paragraph.lines)))
      .map((paragraph) => roundSize(paragraph.size)),
  );
  const descending = [...sizes].sort((a, b) => b - a);
  return new Map(descending.map((size, index) => [size, Math.min(index + 1, 6)]));
}

function isHeadingShaped(paragraph: Paragraph, text: string): boolean {
  return paragraph.lines.length <= MAX_HEADING_LINES && text.length <= MAX_HEADING_CHARS;
}

// Sizes differ by fractions of a point between runs of the same style.
function roundSize(size: number): number {
  return Math.round(size * 2) / 2;
}

/** Word processors fill the Title field with the file name ("Microsoft Word - Policy.docx"); that is no title. */
function usableMetadataTitle(title: string): string {
  const text = normalizeInline(title);
  if (/^microsoft \w+ - |\.(?:docx?|pdf|pptx?|xlsx?|odt|rtf|txt)$|^untitled/i.test(text)) return "";
  return text;
}
