import { safeHref } from "./safe-url";
import type { Inline } from "./tokens";

const ESCAPABLE = "\\`*_[]()#+-.!<>{}|~";
const CITATION = /^\[(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3})*)\]/;
const BARE_URL = /^https?:\/\/[^\s<>"'`]+/;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

interface Parsed {
  nodes: Inline[];
  end: number;
}

/** Parses the text of one block. A newline is a line break, as people expect in chat. */
export function parseInline(text: string): Inline[] {
  const nodes: Inline[] = [];
  let plain = "";
  const flushText = () => {
    if (plain) nodes.push({ type: "text", text: plain });
    plain = "";
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const parsed = parseConstructAt(text, index);
    if (parsed) {
      flushText();
      nodes.push(...parsed.nodes);
      index = parsed.end;
    } else if (char === "\\" && ESCAPABLE.includes(text[index + 1] ?? "")) {
      plain += text[index + 1];
      index += 2;
    } else if (char === "\n") {
      flushText();
      nodes.push({ type: "break" });
      index++;
    } else {
      // A delimiter run that opened nothing is text as a whole, or "**x" would retry as "*" + "*x".
      const end = "*_`".includes(char) ? runEnd(text, index) : index + 1;
      plain += text.slice(index, end);
      index = end;
    }
  }
  flushText();
  return mergeText(nodes);
}

function parseConstructAt(text: string, index: number): Parsed | null {
  const char = text[index];
  if (char === "`") return parseCodeSpan(text, index);
  if (char === "*" || char === "_") return parseEmphasis(text, index);
  if (char === "[") return parseCitation(text, index) ?? parseLink(text, index);
  if (char === "h" && !ALPHANUMERIC.test(text[index - 1] ?? "")) return parseBareUrl(text, index);
  return null;
}

function parseCodeSpan(text: string, index: number): Parsed | null {
  const fenceLength = runEnd(text, index) - index;
  let search = index + fenceLength;
  for (;;) {
    const closing = text.indexOf("`", search);
    if (closing === -1) return null;
    search = runEnd(text, closing);
    if (search - closing !== fenceLength) continue;
    let code = text.slice(index + fenceLength, closing).replace(/\n/g, " ");
    if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ")) code = code.slice(1, -1);
    return { nodes: [{ type: "code", text: code }], end: search };
  }
}

/** `**strong**`, `*emphasis*` and their underscore forms; an underscore inside a word (snake_case) is text. */
function parseEmphasis(text: string, index: number): Parsed | null {
  const char = text[index];
  const opensAt = runEnd(text, index);
  const runLength = opensAt - index;
  if (runLength > 2) return null;
  if (/\s/.test(text[opensAt] ?? " ")) return null;
  if (char === "_" && ALPHANUMERIC.test(text[index - 1] ?? "")) return null;
  const closesAt = findCloser(text, opensAt, char, runLength);
  if (closesAt === -1) return null;
  const children = parseInline(text.slice(opensAt, closesAt));
  return { nodes: [{ type: runLength === 2 ? "strong" : "emphasis", children }], end: closesAt + runLength };
}

/** Where a run of exactly `length` × `char` closes the span opened before `from`; runs of other lengths belong to nested spans. */
function findCloser(text: string, from: number, char: string, length: number): number {
  let index = from;
  while (index < text.length) {
    if (text[index] === "\\") {
      index += 2;
      continue;
    }
    if (text[index] === "`") {
      const code = parseCodeSpan(text, index);
      index = code ? code.end : index + 1;
      continue;
    }
    if (text[index] !== char) {
      index++;
      continue;
    }
    const end = runEnd(text, index);
    const closes =
      end - index === length &&
      index > from &&
      !/\s/.test(text[index - 1]) &&
      !(char === "_" && ALPHANUMERIC.test(text[end] ?? ""));
    if (closes) return index;
    index = end;
  }
  return -1;
}

/** `[1]`, or `[1, 2]` for several sources; `[1](url)` is a link instead. */
function parseCitation(text: string, index: number): Parsed | null {
  const match = CITATION.exec(text.slice(index));
  if (!match || text[index + match[0].length] === "(") return null;
  const indexes = match[1].split(",").map((number) => Number(number.trim()));
  if (indexes.some((number) => number < 1)) return null;
  return { nodes: indexes.map((number) => ({ type: "citation", index: number })), end: index + match[0].length };
}

/** `[label](url)` or `[label](url "title")`. A URL that safeHref() refuses leaves just the label, as text. */
function parseLink(text: string, index: number): Parsed | null {
  const labelEnd = text.indexOf("]", index + 1);
  if (labelEnd === -1 || text[labelEnd + 1] !== "(") return null;
  const target = readLinkTarget(text, labelEnd + 2);
  if (!target) return null;
  // A link can't hold links (a bare URL as its label) or citation markers.
  const children = parseInline(text.slice(index + 1, labelEnd)).flatMap((node) =>
    node.type === "link" ? node.children : node.type === "citation" ? [] : [node],
  );
  const href = safeHref(target.url);
  return { nodes: href ? [{ type: "link", href, children }] : children, end: target.end };
}

/** Reads `url` or `url "title"` up to the `)` that closes the link, allowing balanced parentheses in the URL. */
function readLinkTarget(text: string, start: number): { url: string; end: number } | null {
  let index = start;
  let depth = 0;
  while (index < text.length && !/\s/.test(text[index])) {
    if (text[index] === "(") depth++;
    else if (text[index] === ")" && depth-- === 0) break;
    index++;
  }
  const url = text.slice(start, index);
  const rest = /^(?:\s+"[^"]*")?\s*\)/.exec(text.slice(index));
  return url && rest ? { url, end: index + rest[0].length } : null;
}

/** A bare http(s) URL in the text, without the punctuation that ends the sentence around it. */
function parseBareUrl(text: string, index: number): Parsed | null {
  if (!text.startsWith("http", index)) return null;
  const match = BARE_URL.exec(text.slice(index));
  if (!match) return null;
  let url = match[0];
  for (;;) {
    const last = url[url.length - 1];
    const unbalancedParenthesis = last === ")" && url.split("(").length < url.split(")").length;
    if (!".,:;!?*_'\"]".includes(last) && !unbalancedParenthesis) break;
    url = url.slice(0, -1);
  }
  const href = safeHref(url);
  if (!href || url.length <= "https://".length) return null;
  return { nodes: [{ type: "link", href, children: [{ type: "text", text: url }] }], end: index + url.length };
}

/** Where the run of the character at `index` (e.g. "**" or "```") ends. */
function runEnd(text: string, index: number): number {
  let end = index;
  while (text[end] === text[index]) end++;
  return end;
}

/** Joins neighbouring text nodes (escapes and unmatched delimiters split them) so the tree stays small and predictable. */
function mergeText(nodes: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const node of nodes) {
    const previous = merged[merged.length - 1];
    if (node.type === "text" && previous?.type === "text") merged[merged.length - 1] = { type: "text", text: previous.text + node.text };
    else merged.push(node);
  }
  return merged;
}
