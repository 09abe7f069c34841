import { html, type TemplateResult } from "lit";
import type { WidgetCitation } from "../api/contract";
import { safeHref } from "./safe-url";
import type { Block, Inline } from "./tokens";

/** Links leave the host page in a new tab, tell the target nothing about it, and vouch for nothing. */
const LINK_REL = "noopener noreferrer nofollow";

/**
 * Lit templates for a parsed answer. Every piece of text goes through a text binding, so markup in
 * an answer (`<img onerror=…>`) shows as the characters it is.
 */
export function renderMarkdown(blocks: Block[], citations: WidgetCitation[]): TemplateResult[] {
  return blocks.map((block) => renderBlock(block, citations));
}

function renderBlock(block: Block, citations: WidgetCitation[]): TemplateResult {
  switch (block.type) {
    case "paragraph":
      return html`<p>${renderInlines(block.children, citations)}</p>`;
    case "heading":
      return html`<p class="heading"><strong>${renderInlines(block.children, citations)}</strong></p>`;
    case "code-block":
      return html`<pre><code>${block.text}</code></pre>`;
    case "list": {
      const items = block.items.map((item) => html`<li>${renderListItem(item, citations)}</li>`);
      return block.ordered ? html`<ol start=${block.start}>${items}</ol>` : html`<ul>${items}</ul>`;
    }
  }
}

/** A tight item (one paragraph) goes straight into the <li>, without a <p> and its margins. */
function renderListItem(blocks: Block[], citations: WidgetCitation[]) {
  const [only] = blocks;
  return blocks.length === 1 && only.type === "paragraph" ? renderInlines(only.children, citations) : renderMarkdown(blocks, citations);
}

function renderInlines(nodes: Inline[], citations: WidgetCitation[]): Array<TemplateResult | string> {
  return nodes.map((node) => renderInline(node, citations));
}

function renderInline(node: Inline, citations: WidgetCitation[]): TemplateResult | string {
  switch (node.type) {
    case "text":
      return node.text;
    case "break":
      return html`<br />`;
    case "strong":
      return html`<strong>${renderInlines(node.children, citations)}</strong>`;
    case "emphasis":
      return html`<em>${renderInlines(node.children, citations)}</em>`;
    case "code":
      return html`<code>${node.text}</code>`;
    case "link":
      return html`<a href=${node.href} target="_blank" rel=${LINK_REL}>${renderInlines(node.children, citations)}</a>`;
    case "citation":
      return renderCitationMarker(node.index, citations);
  }
}

function renderCitationMarker(index: number, citations: WidgetCitation[]): TemplateResult {
  const citation = citations.find((candidate) => candidate.index === index);
  const href = citation?.url ? safeHref(citation.url) : null;
  if (!citation || !href) return html`<sup class="citation">[${index}]</sup>`;
  return html`<sup class="citation"
    ><a href=${href} target="_blank" rel=${LINK_REL} aria-label=${`Source ${index}: ${citationLabel(citation)}`}>[${index}]</a></sup
  >`;
}

/** "Title › Section", how a source is named under an answer and in its marker's label. */
export function citationLabel(citation: WidgetCitation): string {
  return citation.section ? `${citation.title} › ${citation.section}` : citation.title;
}
