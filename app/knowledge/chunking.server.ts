import type { Block, ParsedDocument } from "./parsing/types";

export interface Chunk {
  /** 0-based, in document order. */
  position: number;
  /**
   * Enclosing headings, outermost first, joined with " > "; "" when there are none. The heading the document's
   * title came from (its first H1) is not among them: callers show and index the title on its own.
   */
  headingPath: string;
  /** Plain text of the chunk, without the heading path. */
  content: string;
  tokenCount: number;
}

export interface ChunkingOptions {
  /** Budget for a chunk's own text; overlap carried over from the previous chunk comes on top. */
  maxTokens?: number;
  /** How much of the previous chunk's end opens the next chunk of the same section. */
  overlapTokens?: number;
}

type ContentBlock = Exclude<Block, { kind: "heading" }>;

const DEFAULT_MAX_TOKENS = 256;
const DEFAULT_OVERLAP_TOKENS = 40;

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}";
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}_])+|[^\\s\\p{L}\\p{M}\\p{N}_]+`, "gu");

/**
 * Approximates the number of tokens a subword tokenizer (BERT's WordPiece, GPT's BPE) makes of the text: one per
 * word or number, one per run of punctuation or symbols, one per Chinese or Japanese character. Common English
 * words are one subword token, so prose comes out close (a little under, since rare and long words split into
 * several); it is cheap, deterministic and needs no vocabulary. Counts add up across whitespace: the count of
 * "a b" is the count of "a" plus the count of "b".
 */
export function countTokens(text: string): number {
  let count = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(text)) count++;
  return count;
}

/**
 * Cuts a document into chunks for retrieval. A chunk holds text of one section only; within a section whole blocks
 * are packed up to the budget, and a block is cut only when it alone exceeds it (lists and tables between items
 * and rows, text between sentences, a sentence between words). Each chunk after the first of a section opens with
 * the end of the previous one, so a fact cut in two is still found with its context.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkingOptions = {}): Chunk[] {
  const { maxTokens, overlapTokens } = checkedOptions(options);
  const chunks: Chunk[] = [];
  const headings: { level: number; text: string }[] = [];
  let section: ContentBlock[] = [];
  const titleHeading = doc.blocks.find((block) => block.kind === "heading" && block.text === doc.title);

  const closeSection = () => {
    const headingPath = headings.map((heading) => heading.text).join(" > ");
    for (const content of chunkSection(section, maxTokens, overlapTokens)) {
      chunks.push({ position: chunks.length, headingPath, content, tokenCount: countTokens(content) });
    }
    section = [];
  };

  for (const block of doc.blocks) {
    if (block.kind !== "heading") {
      section.push(block);
      continue;
    }
    // Any heading starts a new section: deeper ones too, since the chunk's heading path changes with them.
    closeSection();
    while (headings.length && headings[headings.length - 1].level >= block.level) headings.pop();
    if (block !== titleHeading) headings.push(block);
  }
  closeSection();
  return chunks;
}

function checkedOptions(options: ChunkingOptions): Required<ChunkingOptions> {
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const overlapTokens = options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new RangeError("maxTokens must be a positive integer.");
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new RangeError("overlapTokens must be an integer from 0 to less than maxTokens.");
  }
  return { maxTokens, overlapTokens };
}

/** An indivisible run of text and what joins it to the run before it in the same block ("\n", " " or ""). */
interface Piece {
  text: string;
  tokens: number;
  glue: string;
}

/** A block that exceeds the budget, cut into pieces that each fit beside the header. */
interface CutBlock {
  /** Opens every chunk that holds part of the block (a table's header row, an FAQ's question); its glue joins it to the part. */
  header?: Piece;
  pieces: Piece[];
}

/** The part of one block that lands in one chunk. */
interface Fragment {
  header?: Piece;
  pieces: Piece[];
  /** Set when the fragment carries on a block begun in the previous chunk, with no header to reintroduce it. */
  continuesWith?: string;
}

interface Body {
  text: string;
  /** What joins overlap to this body: the block's own glue when the body carries on a cut block. */
  continuesWith?: string;
  /** FAQ chunks stand alone: they neither take nor give overlap. */
  standalone: boolean;
}

function chunkSection(blocks: ContentBlock[], maxTokens: number, overlapTokens: number): string[] {
  const bodies = packSection(blocks, maxTokens);
  return bodies.map((body, index) => {
    const previous = bodies[index - 1];
    if (!previous || overlapTokens === 0 || body.standalone || previous.standalone) return body.text;
    const overlap = trailingText(previous.text, overlapTokens);
    return overlap ? `${overlap}${body.continuesWith ?? "\n\n"}${body.text}` : body.text;
  });
}

/** The section's chunk texts, before overlap: whole blocks greedily packed, cut blocks spread over chunks. */
function packSection(blocks: ContentBlock[], maxTokens: number): Body[] {
  const bodies: Body[] = [];
  let fragments: Fragment[] = [];
  let tokens = 0;

  const flush = (standalone = false) => {
    if (!fragments.length) return;
    bodies.push({ text: fragments.map(renderFragment).join("\n\n"), continuesWith: fragments[0].continuesWith, standalone });
    fragments = [];
    tokens = 0;
  };

  for (const block of blocks) {
    const standalone = block.kind === "faq";
    if (standalone) flush();
    const text = renderBlock(block);
    const blockTokens = countTokens(text);
    if (blockTokens <= maxTokens) {
      if (tokens + blockTokens > maxTokens) flush();
      fragments.push({ pieces: [{ text, tokens: blockTokens, glue: "" }] });
      tokens += blockTokens;
    } else {
      const { header, pieces } = cutBlock(block, maxTokens);
      let fragment: Fragment | undefined;
      for (const [index, piece] of pieces.entries()) {
        if (tokens + piece.tokens + (fragment ? 0 : (header?.tokens ?? 0)) > maxTokens) {
          flush(standalone);
          fragment = undefined;
        }
        if (!fragment) {
          fragment = { header, pieces: [], continuesWith: index > 0 && !header ? piece.glue : undefined };
          fragments.push(fragment);
          tokens += header?.tokens ?? 0;
        }
        fragment.pieces.push(piece);
        tokens += piece.tokens;
      }
    }
    if (standalone) flush(true);
  }
  flush();
  return bodies;
}

function renderFragment({ header, pieces }: Fragment): string {
  const body = pieces.map((piece, index) => (index ? piece.glue : "") + piece.text).join("");
  return header ? header.text + header.glue + body : body;
}

function renderBlock(block: ContentBlock): string {
  switch (block.kind) {
    case "paragraph":
    case "code":
      return block.text;
    case "list":
      return block.items.map(listLine).join("\n");
    case "table":
      return block.rows.map(tableLine).join("\n");
    case "faq":
      return `Q: ${block.question}\nA: ${block.answer}`;
  }
}

const listLine = (item: string) => `- ${item}`;
const tableLine = (row: string[]) => row.join(" | ");

/** Cuts a block that exceeds the budget at its natural seams: items, rows, lines, sentences. */
function cutBlock(block: ContentBlock, maxTokens: number): CutBlock {
  switch (block.kind) {
    case "paragraph":
      return { pieces: cutText(block.text, maxTokens) };
    case "code":
      return { pieces: cutLines(block.text.split("\n"), maxTokens) };
    case "list":
      return { pieces: cutLines(block.items.map(listLine), maxTokens) };
    case "table": {
      const [first, ...rest] = block.rows.map(tableLine);
      const header = repeatableHeader(first, "\n", maxTokens);
      return header && rest.length
        ? { header, pieces: cutLines(rest, maxTokens - header.tokens) }
        : { pieces: cutLines([first, ...rest], maxTokens) };
    }
    case "faq": {
      // Every part reads "Q: question\nA: part of the answer".
      const header = repeatableHeader(`Q: ${block.question}\nA:`, " ", maxTokens);
      return header
        ? { header, pieces: cutText(block.answer, maxTokens - header.tokens) }
        : { pieces: cutText(renderBlock(block), maxTokens) };
    }
  }
}

/** A header is repeated only while it leaves most of each chunk to the content it introduces. */
function repeatableHeader(text: string, glue: string, maxTokens: number): Piece | undefined {
  const tokens = countTokens(text);
  return tokens <= maxTokens / 2 ? { text, tokens, glue } : undefined;
}

/** Lines (list items, table rows, code lines) as pieces; a line over the budget is cut like running text. */
function cutLines(lines: string[], budget: number): Piece[] {
  const pieces: Piece[] = [];
  let glue = "";
  for (const line of lines) {
    // Blank lines (in code) do not become pieces of their own, which could open a chunk; they widen the glue.
    if (!line.trim()) {
      if (pieces.length) glue += "\n";
      continue;
    }
    const tokens = countTokens(line);
    const linePieces = tokens <= budget ? [{ text: line, tokens, glue: "" }] : cutText(line, budget);
    pieces.push({ ...linePieces[0], glue }, ...linePieces.slice(1));
    glue = "\n";
  }
  return pieces;
}

/** Running text as sentence pieces; a sentence over the budget is cut between words, a word between tokens. */
function cutText(text: string, budget: number): Piece[] {
  return sentences(text).flatMap(({ text: sentence, glue }) => {
    const tokens = countTokens(sentence);
    if (tokens <= budget) return [{ text: sentence, tokens, glue }];
    const parts = cutBetweenWords(sentence, budget);
    return [{ ...parts[0], glue }, ...parts.slice(1)];
  });
}

function cutBetweenWords(sentence: string, budget: number): Piece[] {
  const pieces: Piece[] = [];
  let words: string[] = [];
  let tokens = 0;
  const flush = () => {
    if (words.length) pieces.push({ text: words.join(" "), tokens, glue: " " });
    words = [];
    tokens = 0;
  };
  for (const word of sentence.split(/\s+/)) {
    const wordTokens = countTokens(word);
    if (wordTokens > budget) {
      // Only text without spaces gets here (Chinese or Japanese, a very long URL): cut between its tokens.
      flush();
      pieces.push(...cutBetweenTokens(word, budget));
    } else {
      if (tokens + wordTokens > budget) flush();
      words.push(word);
      tokens += wordTokens;
    }
  }
  flush();
  return pieces;
}

function cutBetweenTokens(word: string, budget: number): Piece[] {
  const starts = Array.from(word.matchAll(TOKEN), (match) => match.index);
  const pieces: Piece[] = [];
  for (let first = 0; first < starts.length; first += budget) {
    const end = starts[first + budget] ?? word.length;
    pieces.push({ text: word.slice(starts[first], end), tokens: Math.min(budget, starts.length - first), glue: "" });
  }
  return pieces;
}

// Ends a sentence: ".", "!", "?" or "…" (with closing quotes or brackets) before whitespace; a Chinese or Japanese
// full stop, with or without whitespace after it; or a line break.
const SENTENCE_END = /([.!?…]+["'”’)\]]*)(\s+)|([。！？]+["'”’」』)\]]*)(\s*)|(\s*\n\s*)/gu;

/**
 * Splits text into sentences with what joined each to the one before ("\n", " " or ""). A regular expression
 * rather than Intl.Segmenter: ICU's iterator is slow on long strings and its rules change with the ICU version.
 */
function sentences(text: string): { text: string; start: number; glue: string }[] {
  const found: { text: string; start: number; glue: string }[] = [];
  let start = 0;
  let glue = "";
  const add = (end: number) => {
    const sentence = text.slice(start, end).trim();
    if (sentence) found.push({ text: sentence, start: start + text.slice(start, end).search(/\S/), glue: found.length ? glue : "" });
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const [whole, latinEnd, latinSpace, cjkEnd] = match;
    const next = match.index + whole.length;
    if (latinEnd !== undefined && !latinSpace.includes("\n") && !endsLatinSentence(text, match.index, next)) continue;
    add(match.index + (latinEnd ?? cjkEnd ?? "").length);
    const space = whole.slice((latinEnd ?? cjkEnd ?? "").length);
    glue = space.includes("\n") ? "\n" : space ? " " : "";
    start = next;
  }
  add(text.length);
  return found;
}

/**
 * A period followed by a lower-case word ("e.g. this") or following a single letter (an initial, "J. Smith")
 * does not end a sentence.
 */
function endsLatinSentence(text: string, punctuationAt: number, nextAt: number): boolean {
  if (/\p{Ll}/u.test(text.charAt(nextAt))) return false;
  return !/(?:^|[\s(])\p{L}$/u.test(text.slice(Math.max(0, punctuationAt - 2), punctuationAt));
}

/**
 * The end of a chunk's text to open the next chunk with: as many whole sentences (or lines) as fit the overlap
 * budget, or when even the last sentence is longer, its last words.
 */
function trailingText(text: string, budget: number): string {
  const all = sentences(text);
  let start = text.length;
  let tokens = 0;
  for (let index = all.length - 1; index >= 0; index--) {
    const sentenceTokens = countTokens(all[index].text);
    if (tokens + sentenceTokens > budget) break;
    tokens += sentenceTokens;
    start = all[index].start;
  }
  return start < text.length ? text.slice(start).trim() : lastWords(text, budget);
}

function lastWords(text: string, budget: number): string {
  const words = text.trim().split(/\s+/);
  let tokens = 0;
  let first = words.length;
  while (first > 0) {
    const wordTokens = countTokens(words[first - 1]);
    if (tokens + wordTokens > budget) break;
    tokens += wordTokens;
    first--;
  }
  if (first < words.length) return words.slice(first).join(" ");
  // Even the last "word" is over the budget: text without spaces (Chinese, Japanese). Take its last tokens.
  const starts = Array.from(words[words.length - 1].matchAll(TOKEN), (match) => match.index);
  return words[words.length - 1].slice(starts[starts.length - budget]);
}
