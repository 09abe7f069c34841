import { parseInline } from "./parse-inline";
import type { Block } from "./tokens";

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/;
const LIST_ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])[ \t]+(.*)$/;

/** Parses an answer into blocks. Streaming answers are parsed again as they grow, so an unclosed fence simply runs to the end. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.split(/\r\n?|\n/).map((line) => line.replace(/^\t+/, (tabs) => "    ".repeat(tabs.length)));
  return parseBlocks(lines);
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    if (!line.trim()) {
      index++;
      continue;
    }
    const fence = FENCE.exec(line);
    const heading = HEADING.exec(line);
    if (fence) {
      index = parseCodeBlock(lines, index, fence, blocks);
    } else if (heading) {
      blocks.push({ type: "heading", children: parseInline(heading[1]) });
      index++;
    } else if (LIST_ITEM.test(line)) {
      index = parseList(lines, index, blocks);
    } else {
      const paragraph: string[] = [];
      while (index < lines.length && lines[index].trim() && !startsBlock(lines[index])) {
        paragraph.push(lines[index++].trim());
      }
      blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
    }
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || LIST_ITEM.test(line);
}

function parseCodeBlock(lines: string[], start: number, fence: RegExpExecArray, blocks: Block[]): number {
  const marker = fence[1];
  const isClosingFence = (line: string) => line.trim().length >= marker.length && line.trim() === marker[0].repeat(line.trim().length);
  const body: string[] = [];
  let index = start + 1;
  while (index < lines.length && !isClosingFence(lines[index])) body.push(lines[index++]);
  blocks.push({ type: "code-block", language: fence[2], text: body.join("\n") });
  return index + 1;
}

/** Consecutive items of one kind (bullets or numbers). Lines indented past an item's marker belong to that item. */
function parseList(lines: string[], start: number, blocks: Block[]): number {
  const first = LIST_ITEM.exec(lines[start])!;
  const ordered = first[3] !== undefined;
  const markerIndent = first[1].length;
  const items: Block[][] = [];
  let index = start;
  for (;;) {
    const item = LIST_ITEM.exec(lines[index] ?? "");
    if (!item || (item[3] !== undefined) !== ordered || item[1].length > markerIndent) break;
    const contentIndent = item[1].length + item[2].length + 1;
    const itemLines = [item[4]];
    index++;
    while (index < lines.length) {
      const line = lines[index];
      if (!line.trim()) {
        const next = nextNonBlank(lines, index);
        if (next === -1 || indentOf(lines[next]) <= markerIndent) break;
        itemLines.push("");
        index++;
      } else if (indentOf(line) > markerIndent) {
        itemLines.push(line.slice(Math.min(indentOf(line), contentIndent)));
        index++;
      } else if (startsBlock(line)) {
        break;
      } else {
        itemLines.push(line.trim()); // a wrapped line of the item's text
        index++;
      }
    }
    items.push(parseBlocks(itemLines));
    // Loose lists put blank lines between items; the list goes on if another item of its kind follows.
    const next = nextNonBlank(lines, index);
    const following = next === -1 ? null : LIST_ITEM.exec(lines[next]);
    if (!following || (following[3] !== undefined) !== ordered || following[1].length > markerIndent) break;
    index = next;
  }
  blocks.push({ type: "list", ordered, start: ordered ? Number(first[3]) : 1, items });
  return index;
}

function nextNonBlank(lines: string[], from: number): number {
  for (let index = from; index < lines.length; index++) if (lines[index].trim()) return index;
  return -1;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
