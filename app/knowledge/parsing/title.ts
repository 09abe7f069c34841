import { normalizeInline } from "./normalize";
import type { Block } from "./types";

/** The text of the document's first level-1 heading: the title its author gave it. */
export function firstH1(blocks: Block[]): string | undefined {
  for (const block of blocks) if (block.kind === "heading" && block.level === 1) return block.text;
  return undefined;
}

/** "Refund policy.final.pdf" -> "Refund policy.final"; a path a browser may send is reduced to the file name. */
export function titleFromFileName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? "";
  const withoutExtension = name.includes(".") && !name.startsWith(".") ? name.slice(0, name.lastIndexOf(".")) : name;
  return normalizeInline(withoutExtension) || "Untitled";
}
