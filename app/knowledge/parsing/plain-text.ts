import { normalizeInline } from "./normalize";
import type { Block } from "./types";

const HEADING = /^(#{1,6})\s+(.+?)(?:\s+#+)?$/;
const LIST_ITEM = /^(?:[-*•]|\d{1,3}[.)])\s+(.*)$/;

/**
 * Blocks of plain text as people type or paste it: blank lines separate paragraphs, "# " starts a heading and
 * "- ", "* ", "• " or "1. " a list item. Nothing else is markup, so `snake_case`, *stars* and indentation stay as typed.
 */
export function plainTextBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];

  const flushParagraph = () => {
    const joined = normalizeInline(paragraph.join(" "));
    if (joined) blocks.push({ kind: "paragraph", text: joined });
    paragraph = [];
  };
  const flushList = () => {
    const cleaned = items.map(normalizeInline).filter(Boolean);
    if (cleaned.length) blocks.push({ kind: "list", items: cleaned });
    items = [];
  };

  for (const rawLine of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = rawLine.trim();
    const heading = HEADING.exec(line);
    const item = LIST_ITEM.exec(line);
    if (!line) {
      flushParagraph();
      flushList();
    } else if (heading) {
      flushParagraph();
      flushList();
      const text = normalizeInline(heading[2]);
      if (text) blocks.push({ kind: "heading", level: heading[1].length, text });
    } else if (item) {
      flushParagraph();
      items.push(item[1]);
    } else if (items.length && /^\s/.test(rawLine)) {
      // An indented line right under an item continues that item.
      items[items.length - 1] += ` ${line}`;
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}
