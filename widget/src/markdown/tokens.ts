/** The markdown subset the assistant writes, as a tree. Text stays text: nothing here is ever HTML. */
export type Inline =
  | { type: "text"; text: string }
  | { type: "break" }
  | { type: "strong"; children: Inline[] }
  | { type: "emphasis"; children: Inline[] }
  | { type: "code"; text: string }
  /** `href` has passed safeHref(); links to anything else are parsed as their text alone. */
  | { type: "link"; href: string; children: Inline[] }
  /** A `[n]` marker pointing at the answer's n-th citation. */
  | { type: "citation"; index: number };

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; children: Inline[] }
  | { type: "code-block"; language: string; text: string }
  /** Each item is its own blocks, so lists nest. */
  | { type: "list"; ordered: boolean; start: number; items: Block[][] };
