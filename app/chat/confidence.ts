/**
 * Whether the retrieved passages answer the visitor's question well enough to answer from them, decided the same
 * way for every answer engine (the offline extractive one and a remote language model): when `covered` is false
 * the assistant offers a human instead of answering.
 *
 * Pure and fast: it reads only the question and the passages retrieval returned, with their per-leg scores.
 * It also holds the text analysis the extractive engine reuses (content terms, passage units), so that "this
 * sentence covers the question" means the same thing in both places.
 */
import { stemmer } from "stemmer";
import { extractExactTerms } from "../knowledge/exact-terms";
import { questionPhrasingWords, STOP_WORDS } from "../knowledge/question-words";
import type { RetrievedChunk } from "../knowledge/retrieval.server";

/** What the assessment needs of a retrieved chunk; a `RetrievedChunk` is one. */
export type EvidencePassage = Pick<RetrievedChunk, "title" | "headingPath" | "content" | "vector" | "keyword">;

export interface EvidenceAssessment {
  /** 0..1: a weighted blend of the signals described at assessEvidence. */
  confidence: number;
  /** True when confidence reaches ANSWER_CONFIDENCE_THRESHOLD: answer; otherwise offer a human. */
  covered: boolean;
  /** One sentence for logs and agents: the signal that decided. */
  reason: string;
}

/*
 * Thresholds, chosen on two evaluation sets (`npx tsx bench/answer-eval/evaluate.ts`, hybrid retrieval, k = 5, the
 * offline USE-lite embedder): the Parcelpoint help centre (42 articles, about 200 chunks; 140 answerable questions,
 * 44 it does not answer) and a small shop's three short articles (10 chunks; 12 answerable, 10 not), the size of a
 * new tenant's first upload. Each signal is mapped to 0..1 by a linear ramp between a "weak" and a "strong" value;
 * the weights and the answer threshold were then picked by a grid search for the most unanswerable Parcelpoint
 * questions declined while at least 85% of answerable ones are answered, among settings that move little when the
 * threshold moves by 0.02. Parcelpoint: 85% answered, 91% declined; the small shop: 10 of 12 answered, 10 of 10
 * declined; its returns article alone (3 chunks): 3 of 4 and 18 of 18. Tuned the same way on random halves of
 * Parcelpoint and checked on the other half, they answered 74 to 90% (mean 85%) and declined 77 to 95% (mean 87%):
 * expect a few points less on questions nobody tuned for.
 *
 * The keyword signal is the best passage's share of the question (see KeywordScore.share), not its BM25: BM25 grows
 * with the logarithm of the tenant's chunk count, and thresholds set at Parcelpoint's size (5 to 15) declined
 * almost everything in a small tenant, where a perfect match scores under 2 (the small shop: 2 of 12 answered).
 * The share is also the stronger signal on Parcelpoint itself: 91% declined against 89% with BM25, and on held-out
 * halves 87% against 82%.
 * Words that only phrase the question ("long" and "take" in "How long do refunds take?", see question-words.ts)
 * count neither in the share nor in sentence coverage: on Parcelpoint that changed nothing, in the small shop it
 * answered 10 of 12 instead of 7 (its returns article alone: 3 of 4 instead of 1).
 * Cosine similarity depends on the embedding model: recheck these with a remote embedder.
 */

/** Cosine similarity of the best passage (USE-lite): unrelated questions score about 0.3, answered ones 0.5 to 0.7. */
export const SIMILARITY_WEAK = 0.3;
export const SIMILARITY_STRONG = 0.7;
/** The best passage's keyword share: half of the question's weight is no evidence, all of it is full evidence. */
export const KEYWORD_SHARE_WEAK = 0.5;
export const KEYWORD_SHARE_STRONG = 1;
/**
 * Share of the question's term weight (rarer words weigh more) that the best single sentence holds, counting its
 * title and headings: the question's distinctive words must meet in one place, not just somewhere in the results.
 */
export const COVERAGE_WEAK = 0.3;
export const COVERAGE_STRONG = 0.9;
export const SIMILARITY_WEIGHT = 0.1;
export const KEYWORD_WEIGHT = 0.6;
export const COVERAGE_WEIGHT = 0.3;
/** At or above this, the passages cover the question. */
export const ANSWER_CONFIDENCE_THRESHOLD = 0.44;
/**
 * A code the visitor typed (an error number, a SKU) found in a passage is strong evidence on its own: the passage is
 * about exactly that thing, however it is worded. Confidence is raised to at least this.
 */
export const EXACT_CODE_CONFIDENCE = 0.75;
/**
 * A short code the visitor typed that no passage holds ("error E-412" when the help centre lists E-104 to E-318) is
 * one the knowledge base does not document: whatever else matches, the passages answer a different question, so
 * confidence is capped at this. Longer codes are let through: those are the visitor's own references (a tracking
 * number, an order number) that no article is expected to contain.
 */
export const UNKNOWN_CODE_CONFIDENCE = 0.2;
/** The longest code treated as documented rather than personal: "PP-4012", "LK-XL", "E-219" and SKUs fit. */
export const MAX_DOCUMENTED_CODE_LENGTH = 8;
/** A code counts as a term this many times over: it is the most specific thing a question can say. */
const CODE_TERM_WEIGHT = 2;

const WORD = /[\p{L}\p{N}]+/gu;

/** A term of a text with the word it came from (for messages: "charity", not the stem "chariti"). */
interface Term {
  term: string;
  word: string;
}

function textTerms(text: string): Term[] {
  const codes = extractExactTerms(text);
  // Codes are taken whole first, so their pieces ("e", "219") do not count again as words.
  const rest = codes.length ? text.replace(new RegExp(`\\b(?:${codes.map(escapeRegExp).join("|")})\\b`, "gi"), " ") : text;
  const words = (rest.toLowerCase().replace(/['’]/g, "").match(WORD) ?? []).filter(
    (word) => !STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word)),
  );
  return [...codes.map((code) => ({ term: code, word: code })), ...words.map((word) => ({ term: stem(word), word }))];
}

/** Stemming is most of the cost of reading passages, and the same few thousand words come back in every answer. */
const stems = new Map<string, string>();
const STEM_CACHE_SIZE = 20_000;

function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    stems.set(word, (stemmed = stemmer(word)));
  }
  return stemmed;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The terms a text is about: codes whole and lower-cased, as retrieval's exact match sees them ("e-219", "lk-m"),
 * then the other words lower-cased, without stop words or single letters, Porter-stemmed so "refunds" meets
 * "refunded".
 */
export function contentTerms(text: string): string[] {
  return textTerms(text).map(({ term }) => term);
}

/**
 * What a question asks about: its content terms, each once, without the words that only phrase it ("long" in "how
 * long", "take"; see questionPhrasingWords), which the answer puts as "within 5 business days".
 */
function askedTerms(question: string): Term[] {
  const phrasing = questionPhrasingWords(question);
  return uniqueTerms(textTerms(question).filter(({ word }) => !phrasing.has(word)));
}

/** The terms of a question that passages are matched against (see askedTerms). */
export function questionTerms(question: string): string[] {
  return askedTerms(question).map(({ term }) => term);
}

/**
 * An error number, SKU or reference: letters with a hyphen or a run of digits ("e-4012", "lk-m", "pp482100937714").
 * Plain numbers are not ("500" and "2024" turn up in passages about anything), nor short words with a digit in them
 * ("2fa", "mp3", "b2b"), which a knowledge base may well spell out instead.
 */
const isCode = (term: string) => /[a-z]/.test(term) && /-|\d{3}/.test(term);

/**
 * A passage cut into the pieces an answer is made of. Prose is cut into sentences; a list item, a table row and an
 * FAQ answer stay whole (unless very long), since half a row or half an item means little. Table headers and FAQ
 * questions are not answers themselves: their terms are `context` for the rows and answers under them, as the
 * passage's title and headings are for all of its units.
 */
export interface PassageUnit {
  text: string;
  kind: "sentence" | "item" | "row";
  /** Order in the passage. */
  position: number;
  /** The first unit of a section: it usually states what the section is about. */
  opensSection: boolean;
  /**
   * Text the chunker carried over from the previous chunk that starts mid-sentence: kept for term statistics, never
   * quoted, since it would start mid-sentence.
   */
  fragment: boolean;
  terms: Set<string>;
  /** Terms of the table header, FAQ question or list lead-in above the unit (not of the title and headings). */
  contextTerms: Set<string>;
  /** For a list item: the position of the sentence that introduces the list ("You can then:"), if there is one. */
  leadIn?: number;
}

/** Units longer than this are cut into sentences even when they are list items, rows or FAQ answers. */
const MAX_WHOLE_UNIT_WORDS = 60;
const LIST_MARKER = /^\s*(?:[-*•]|\d{1,2}[.)])\s+/;
const FAQ_LINE = /^Q:\s*(.+?)\s+A:\s*(.+)$/s;

export function passageUnits(content: string, headingPath: string): PassageUnit[] {
  const units: PassageUnit[] = [];
  const add = (text: string, kind: PassageUnit["kind"], contextTerms: Set<string>, leadIn?: number) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const first = units.length === 0;
    // The chunker opens a chunk with the end of the previous one; when that end was cut between words, the chunk
    // starts with a lower-case word that no sentence starts with.
    const fragment = first && kind === "sentence" && /^\p{Ll}/u.test(trimmed);
    units.push({
      text: trimmed, kind, position: units.length, opensSection: first && !fragment && headingPath !== "",
      fragment, terms: new Set(contentTerms(trimmed)), contextTerms, leadIn,
    });
  };
  const addWhole = (text: string, kind: PassageUnit["kind"], contextTerms: Set<string>, leadIn?: number) => {
    if (wordCount(text) <= MAX_WHOLE_UNIT_WORDS) add(text, kind, contextTerms, leadIn);
    else for (const sentence of splitSentences(text)) add(sentence, kind === "row" ? "sentence" : kind, contextTerms, leadIn);
  };

  let listLeadIn: PassageUnit | undefined;
  for (const blockText of content.split(/\n\s*\n/)) {
    const lines = blockText.split("\n").map((line) => line.trim()).filter(Boolean);
    const isTable = lines.length > 1 && lines.every((line) => line.includes(" | "));
    const header = isTable ? new Set(contentTerms(lines[0])) : new Set<string>();
    let faqQuestion = new Set<string>();
    lines.forEach((line, index) => {
      if (isTable) {
        if (index > 0) addWhole(line, "row", header);
        return;
      }
      const faq = FAQ_LINE.exec(line);
      if (faq) {
        addWhole(faq[2], "sentence", new Set(contentTerms(faq[1])));
        return;
      }
      if (line.startsWith("Q: ")) {
        faqQuestion = new Set(contentTerms(line.slice(3)));
        return;
      }
      if (line.startsWith("A: ")) {
        addWhole(line.slice(3), "sentence", faqQuestion);
        return;
      }
      if (LIST_MARKER.test(line)) {
        // A list's lead-in is the sentence ending with a colon just before its first item ("You can then:").
        const previous = units[units.length - 1];
        if (previous?.kind !== "item") listLeadIn = previous?.kind === "sentence" && previous.text.endsWith(":") ? previous : undefined;
        addWhole(line.replace(LIST_MARKER, ""), "item", listLeadIn?.terms ?? new Set(), listLeadIn?.position);
        return;
      }
      for (const sentence of splitSentences(line)) add(sentence, "sentence", new Set());
    });
  }
  return units;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(["e.g", "i.e", "etc", "vs", "approx", "incl", "excl", "mr", "mrs", "ms", "dr", "st", "ca", "cf", "fig"]);

/**
 * Sentences of one line of prose. A sentence ends at . ! ? or … (with any closing quote or bracket) followed by
 * space and a capital, a digit or an opening quote; not after a known abbreviation or a single initial. Decimal
 * points, versions and addresses ("€1.49", "parcelpoint.example/pin") have no space after the point, so they stay.
 */
function splitSentences(line: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?…]+["'”’)\]]*)\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const match of line.matchAll(boundary)) {
    const end = match.index + match[1].length;
    const lastWord = /(\S+)$/.exec(line.slice(start, match.index))?.[1].toLowerCase() ?? "";
    const bareWord = lastWord.replace(/^["'“‘(\[]+/, "");
    if (match[1].startsWith(".") && (ABBREVIATIONS.has(bareWord) || /^\p{L}$/u.test(bareWord))) continue;
    sentences.push(line.slice(start, end).trim());
    start = match.index + match[0].length;
  }
  const last = line.slice(start).trim();
  if (last) sentences.push(last);
  return sentences;
}

/** Term weights: rarer across the retrieved units weighs more (an IDF over units), codes count double. */
export function termWeights(questionTerms: Iterable<string>, units: Pick<PassageUnit, "terms">[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of questionTerms) {
    if (weights.has(term)) continue;
    const containing = units.reduce((count, unit) => count + (unit.terms.has(term) ? 1 : 0), 0);
    weights.set(term, Math.log(1 + units.length / (1 + containing)) * (isCode(term) ? CODE_TERM_WEIGHT : 1));
  }
  return weights;
}

const ramp = (value: number, weak: number, strong: number) => Math.min(1, Math.max(0, (value - weak) / (strong - weak)));

/** A passage read for matching: its units, and the terms of its title and headings that apply to all of them. */
export interface AnalysedPassage {
  units: PassageUnit[];
  headingTerms: Set<string>;
}

export function analysePassages(passages: Pick<EvidencePassage, "title" | "headingPath" | "content">[]): AnalysedPassage[] {
  return passages.map((passage) => ({
    units: passageUnits(passage.content, passage.headingPath),
    headingTerms: new Set(contentTerms(`${passage.title}\n${passage.headingPath}`)),
  }));
}

/** Whether the passage holds the code: "e-219" but not "e-2190"; "inv-2024" also as the start of "INV-2024-00017". */
function holdsCode(passage: EvidencePassage, code: string): boolean {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(code)}(?![\\p{L}\\p{N}])`, "iu");
  return pattern.test(passage.content) || pattern.test(passage.headingPath) || pattern.test(passage.title);
}

/**
 * Judges the retrieved passages as evidence for an answer. Three signals, each mapped to 0..1 and blended: how
 * similar the best passage is (vector leg), how much of the question the best keyword match holds (its share, which
 * unlike BM25 means the same in a small tenant and a large one), and how much of the question's weight one sentence
 * holds together with its headings. A code from the question found in a passage lifts confidence to
 * EXACT_CODE_CONFIDENCE. (The margin between the first and second passage was tried too; on the evaluation set it
 * separated nothing that these three did not.) `analysed` saves reading the passages twice when the caller has
 * already analysed them.
 */
export function assessEvidence(
  { question, passages }: { question: string; passages: EvidencePassage[] },
  analysed: AnalysedPassage[] = analysePassages(passages),
): EvidenceAssessment {
  const asked = askedTerms(question);
  if (passages.length === 0) return { confidence: 0, covered: false, reason: "Nothing was retrieved." };
  if (asked.length === 0) return { confidence: 0, covered: false, reason: "The question has no words to match." };

  const weights = termWeights(asked.map(({ term }) => term), analysed.flatMap(({ units }) => units));
  const totalWeight = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  let coverage = 0;
  for (const { units, headingTerms } of analysed) {
    for (const unit of units) {
      let held = 0;
      for (const [term, weight] of weights) {
        if (unit.terms.has(term) || unit.contextTerms.has(term) || headingTerms.has(term)) held += weight;
      }
      coverage = Math.max(coverage, held / totalWeight);
    }
  }

  const similarities = passages.flatMap((passage) => (passage.vector ? [passage.vector.similarity] : []));
  const topKeywordShare = Math.max(0, ...passages.map((passage) => passage.keyword?.share ?? 0));
  const signals = [
    // Without a vector leg (keyword-only retrieval) similarity says nothing, so the other signals share its weight.
    ...(similarities.length ? [{ weight: SIMILARITY_WEIGHT, value: ramp(Math.max(...similarities), SIMILARITY_WEAK, SIMILARITY_STRONG) }] : []),
    { weight: KEYWORD_WEIGHT, value: ramp(topKeywordShare, KEYWORD_SHARE_WEAK, KEYWORD_SHARE_STRONG) },
    { weight: COVERAGE_WEIGHT, value: ramp(coverage, COVERAGE_WEAK, COVERAGE_STRONG) },
  ];
  const blended = signals.reduce((sum, { weight, value }) => sum + weight * value, 0) / signals.reduce((sum, { weight }) => sum + weight, 0);

  const codes = asked.filter(({ term }) => isCode(term));
  const foundCodes = codes.filter(({ term }) => passages.some((passage) => holdsCode(passage, term)));
  const unknownCodes = codes.filter((code) => !foundCodes.includes(code) && code.term.length <= MAX_DOCUMENTED_CODE_LENGTH);
  const confidence = unknownCodes.length
    ? Math.min(blended, UNKNOWN_CODE_CONFIDENCE)
    : foundCodes.length
      ? Math.max(blended, EXACT_CODE_CONFIDENCE)
      : blended;
  const covered = confidence >= ANSWER_CONFIDENCE_THRESHOLD;
  return { confidence, covered, reason: explain() };

  function explain(): string {
    if (unknownCodes.length) return `No passage mentions ${unknownCodes.map(({ word }) => word.toUpperCase()).join(", ")} from the question.`;
    if (foundCodes.length) return `The passages contain ${foundCodes.map(({ word }) => word.toUpperCase()).join(", ")} from the question.`;
    const summary = `best sentence holds ${Math.round(coverage * 100)}% of the question's weight, best keyword match ${Math.round(topKeywordShare * 100)}%`;
    if (covered) return `The passages match the question (${summary}).`;
    const mentioned = (term: string) => analysed.some(({ units, headingTerms }) => headingTerms.has(term) || units.some((unit) => unit.terms.has(term)));
    const missing = asked.filter(({ term }) => !mentioned(term)).map(({ word }) => word);
    return missing.length
      ? `Weak evidence: no passage mentions ${missing.slice(0, 4).join(", ")} (${summary}).`
      : `Weak evidence: the question's words are spread over the passages rather than together in one place (${summary}).`;
  }
}

function uniqueTerms(terms: Term[]): Term[] {
  const byTerm = new Map<string, Term>();
  for (const term of terms) if (!byTerm.has(term.term)) byTerm.set(term.term, term);
  return [...byTerm.values()];
}
