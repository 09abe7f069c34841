import type { Block } from "./types";

/** A block's words on one line, without structure: for measuring text and for flattening blocks inside list items. */
export function blockText(block: Block): string {
  switch (block.kind) {
    case "list":
      return block.items.join(" ");
    case "table":
      return block.rows.map((row) => row.join(" ")).join(" ");
    case "faq":
      return `${block.question} ${block.answer}`;
    default:
      return block.text;
  }
}
