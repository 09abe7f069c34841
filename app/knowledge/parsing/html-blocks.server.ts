import { parseHTML } from "linkedom";
import { normalizeCode, normalizeInline } from "./normalize";
import type { Block } from "./types";

// Never content: code, styling, page chrome and interactive controls. Their text must not reach the knowledge base.
const DROPPED = new Set([
  "script", "style", "noscript", "template", "head", "title", "meta", "link", "base",
  "nav", "footer", "form", "button", "input", "select", "option", "textarea", "label", "dialog",
  "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "canvas", "img", "picture",
  "video", "audio", "source", "track", "map",
]);

// Elements that break the flow of text: whatever inline text came before them is a paragraph of its own.
const BLOCK_BOUNDARIES = new Set([
  "html", "body", "main", "article", "section", "header", "aside", "div", "p", "blockquote", "address", "center",
  "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "fieldset", "legend", "hgroup", "li", "hr",
  "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
  "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "menu", "table", "pre",
]);

const HEADING = /^h([1-6])$/;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

// linkedom makes the first element of a fragment the documentElement and leaves its siblings beside it, so
// fragments are read from the document node itself.

/** The blocks of an HTML fragment. */
export function htmlToBlocks(html: string): Block[] {
  return nodeBlocks(parseHTML(html).document);
}

/** The text of an inline HTML fragment (a Markdown paragraph with entities or tags in it), markup removed. */
export function htmlToText(html: string): string {
  return normalizeInline(textOf(parseHTML(html).document));
}

/** The blocks under a node, in reading order. */
export function nodeBlocks(root: Node): Block[] {
  const walker = new BlockWalker();
  walker.walk(root);
  walker.flushParagraph();
  return walker.blocks;
}

class BlockWalker {
  readonly blocks: Block[] = [];
  private inlineText = "";

  walk(node: Node): void {
    for (const child of Array.from(node.childNodes)) {
      if (isText(child)) {
        // HTML collapses source whitespace; only <br> makes a line break.
        this.inlineText += (child.nodeValue ?? "").replace(/[ \t\n\r\f]+/g, " ");
      } else if (isElement(child) && !isDropped(child)) {
        this.element(child);
      }
    }
  }

  private element(element: Element): void {
    const tag = tagOf(element);
    if (tag === "br") {
      this.inlineText += "\n";
      return;
    }
    if (!BLOCK_BOUNDARIES.has(tag)) {
      this.walk(element);
      return;
    }
    this.flushParagraph();
    const heading = HEADING.exec(tag);
    if (heading) {
      const text = normalizeInline(textOf(element));
      if (text) this.blocks.push({ kind: "heading", level: Number(heading[1]), text });
    } else if (isList(element)) {
      const items = listItems(element);
      if (items.length) this.blocks.push({ kind: "list", items });
    } else if (tag === "pre") {
      const text = normalizeCode(textOf(element, { keepWhitespace: true }));
      if (text) this.blocks.push({ kind: "code", text });
    } else if (tag === "table" && isDataTable(element)) {
      this.table(element);
    } else {
      this.walk(element);
      this.flushParagraph();
    }
  }

  private table(table: Element): void {
    const caption = childrenNamed(table, "caption")[0];
    const captionText = caption ? normalizeInline(textOf(caption)) : "";
    if (captionText) this.blocks.push({ kind: "paragraph", text: captionText });
    const rows = tableRows(table)
      .map((row) => childrenNamed(row, "th", "td").map((cell) => normalizeInline(textOf(cell))))
      .filter((cells) => cells.some(Boolean));
    if (rows.length) this.blocks.push({ kind: "table", rows });
  }

  /** Inline text seen so far becomes paragraphs; two <br> in a row separate paragraphs. */
  flushParagraph(): void {
    for (const part of this.inlineText.split(/\n\s*\n/)) {
      const text = normalizeInline(part);
      if (text) this.blocks.push({ kind: "paragraph", text });
    }
    this.inlineText = "";
  }
}

/** Items of a list, nested lists flattened after the item that holds them. */
function listItems(list: Element): string[] {
  const items: string[] = [];
  for (const item of Array.from(list.children)) {
    if (isDropped(item)) continue;
    const ownText = normalizeInline(textOf(item, { skipLists: true }));
    if (ownText) items.push(ownText);
    for (const nested of nestedLists(item)) items.push(...listItems(nested));
  }
  return items;
}

function nestedLists(element: Element): Element[] {
  return Array.from(element.children).flatMap((child) => {
    if (isDropped(child)) return [];
    return isList(child) ? [child] : nestedLists(child);
  });
}

/**
 * Pages still lay out content with tables. A table whose cells hold headings, lists, code or other tables, or that
 * has a single column, is layout: its cells are read as ordinary content rather than as rows of data.
 */
function isDataTable(table: Element): boolean {
  if (table.querySelector("table, h1, h2, h3, h4, h5, h6, ul, ol, pre")) return false;
  return tableRows(table).some((row) => childrenNamed(row, "th", "td").length > 1);
}

/** Rows of this table only (not of tables nested in its cells), in document order. */
function tableRows(table: Element): Element[] {
  return Array.from(table.children).flatMap((child) => {
    const tag = tagOf(child);
    if (tag === "tr") return [child];
    if (tag === "thead" || tag === "tbody" || tag === "tfoot") return childrenNamed(child, "tr");
    return [];
  });
}

/**
 * Text under an element with dropped elements left out. Block boundaries and <br> become whitespace so that
 * "<td><p>a</p><p>b</p></td>" reads "a b", not "ab".
 */
function textOf(node: Node, options: { keepWhitespace?: boolean; skipLists?: boolean } = {}): string {
  let text = "";
  for (const child of Array.from(node.childNodes)) {
    if (isText(child)) {
      text += child.nodeValue ?? "";
    } else if (isElement(child) && !isDropped(child) && !(options.skipLists && isList(child))) {
      const tag = tagOf(child);
      if (tag === "br") text += "\n";
      else if (BLOCK_BOUNDARIES.has(tag)) text += `\n${textOf(child, options)}\n`;
      else text += textOf(child, options);
    }
  }
  return options.keepWhitespace ? text : text.replace(/\s+/g, " ");
}

/** Not content, or not shown to readers: hidden text is often stale or stuffed, and must not answer questions. */
function isDropped(element: Element): boolean {
  return (
    DROPPED.has(tagOf(element)) ||
    element.hasAttribute("hidden") ||
    element.getAttribute("aria-hidden") === "true" ||
    HIDDEN_STYLE.test(element.getAttribute("style") ?? "")
  );
}

function isList(element: Element): boolean {
  const tag = tagOf(element);
  return tag === "ul" || tag === "ol" || tag === "menu";
}

function childrenNamed(element: Element, ...tags: string[]): Element[] {
  return Array.from(element.children).filter((child) => tags.includes(tagOf(child)));
}

function tagOf(element: Element): string {
  return element.tagName.toLowerCase();
}

function isText(node: Node): node is Text {
  return node.nodeType === 3;
}

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}
