/** What every parser produces: the document's structure, as plain text, in reading order. */
export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; rows: string[][] } // first row = header when the source has one
  | { kind: "code"; text: string }
  | { kind: "faq"; question: string; answer: string };

export interface ParsedDocument {
  title: string;
  blocks: Block[];
}

/** A document we cannot read; the message is shown as-is to tenant admins, so it says what is wrong in plain words. */
export class ParseError extends Error {
  override readonly name = "ParseError";
}
