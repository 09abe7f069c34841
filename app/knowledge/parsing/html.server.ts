import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { nodeBlocks } from "./html-blocks.server";
import { normalizeInline } from "./normalize";
import { firstH1 } from "./title";
import type { Block, ParsedDocument } from "./types";

// Readability turns every <h1> into <h2>; the original level is kept in this attribute and restored afterwards.
const H1_MARK = "data-original-h1";

/**
 * The main content of a web page or HTML file as blocks. Only text survives: markup, scripts, styles, event
 * handlers, navigation and forms are dropped.
 */
export function htmlDocument(html: string, fallbackTitle: string): ParsedDocument {
  const { document } = parseHTML(html);
  // A fragment (no <html> element) has no page chrome to strip.
  if (document.documentElement?.tagName.toLowerCase() !== "html") {
    const blocks = nodeBlocks(document);
    return { title: firstH1(blocks) ?? fallbackTitle, blocks };
  }

  const pageTitle = normalizeInline(document.title ?? "");
  for (const h1 of Array.from(document.querySelectorAll("h1"))) h1.setAttribute(H1_MARK, "");
  const reader = new Readability(document);
  // Readability deletes the first heading that repeats the page title. Here that heading is the document's H1 and
  // opens the first section, so it stays. (An override of a private method: a future version may rename it, which
  // the tests would notice.)
  Object.assign(reader, { _headerDuplicatesTitle: () => false });
  const article = reader.parse();
  const articleBlocks = article?.content ? mainContentBlocks(article.content) : [];
  // Readability rewrote the document it read: the whole page, when needed, is read from the source again.
  const blocks = articleBlocks.length ? articleBlocks : nodeBlocks(parseHTML(html).document.body);
  const title = firstH1(blocks) ?? (normalizeInline(article?.title ?? "") || pageTitle || fallbackTitle);
  return { title, blocks };
}

function mainContentBlocks(articleHtml: string): Block[] {
  const { document } = parseHTML(`<!doctype html><html><body>${articleHtml}</body></html>`);
  for (const marked of Array.from(document.querySelectorAll(`[${H1_MARK}]`))) {
    const h1 = document.createElement("h1");
    h1.append(...Array.from(marked.childNodes));
    marked.replaceWith(h1);
  }
  return nodeBlocks(document.body);
}
