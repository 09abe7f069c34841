import { marked, Parser, type Token, type Tokens } from "marked";
import { blockText } from "./block-text";
import { htmlToBlocks, htmlToText } from "./html-blocks.server";
import { normalizeCode, normalizeInline } from "./normalize";
import { firstH1 } from "./title";
import type { Block, ParsedDocument } from "./types";

// YAML front matter, as static-site generators and docs tools write it. Marked would read it as a rule and a heading.
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function markdownDocument(markdown: string, fallbackTitle: string): ParsedDocument {
  const text = markdown.replace(/\r\n?/g, "\n");
  const frontMatter = FRONT_MATTER.exec(text);
  const blocks = tokenBlocks(marked.lexer(frontMatter ? text.slice(frontMatter[0].length) : text));
  const title = firstH1(blocks) ?? ((frontMatter && frontMatterTitle(frontMatter[1])) || fallbackTitle);
  return { title, blocks };
}

function frontMatterTitle(yaml: string): string {
  const line = /^title:[ \t]*(.+)$/m.exec(yaml);
  return line ? normalizeInline(line[1].replace(/^(["'])(.*)\1$/, "$2")) : "";
}

function tokenBlocks(tokens: Token[]): Block[] {
  return tokens.flatMap((token): Block[] => {
    switch (token.type) {
      case "heading": {
        const text = inlineText(token.tokens ?? []);
        return text ? [{ kind: "heading", level: (token as Tokens.Heading).depth, text }] : [];
      }
      case "paragraph":
      case "text": {
        const text = inlineText(token.tokens ?? [token]);
        return text ? [{ kind: "paragraph", text }] : [];
      }
      case "list": {
        const items = listItems(token as Tokens.List);
        return items.length ? [{ kind: "list", items }] : [];
      }
      case "table": {
        const rows = tableRows(token as Tokens.Table);
        return rows.length ? [{ kind: "table", rows }] : [];
      }
      case "code": {
        const text = normalizeCode((token as Tokens.Code).text);
        return text ? [{ kind: "code", text }] : [];
      }
      case "blockquote":
        return tokenBlocks(token.tokens ?? []);
      case "html":
        return htmlToBlocks((token as Tokens.HTML).text);
      default:
        // Rules, blank space and link definitions carry no text.
        return [];
    }
  });
}

/** Items in document order; a nested list's items follow the item that holds them. */
function listItems(list: Tokens.List): string[] {
  return list.items.flatMap((item) => {
    const ownText = normalizeInline(
      item.tokens
        .filter((token) => token.type !== "list")
        .flatMap((token) => tokenBlocks([token]))
        .map(blockText)
        .join(" "),
    );
    const nested = item.tokens.filter((token): token is Tokens.List => token.type === "list").flatMap(listItems);
    return ownText ? [ownText, ...nested] : nested;
  });
}

function tableRows(table: Tokens.Table): string[][] {
  const cells = (row: Tokens.TableCell[]) => row.map((cell) => inlineText(cell.tokens));
  return [cells(table.header), ...table.rows.map(cells)].filter((row) => row.some(Boolean));
}

/**
 * Inline Markdown as plain text. Rendering to HTML first lets one HTML reader decode entities and drop inline
 * tags (including <script>) the same way it does for HTML documents.
 */
function inlineText(tokens: Token[]): string {
  return htmlToText(Parser.parseInline(tokens));
}
