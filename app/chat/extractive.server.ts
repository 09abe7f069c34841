/**
 * The offline answer engine: no language model runs here, so the answer is made of the retrieved passages' own
 * sentences, each followed by the [n] of the passage it came from. It never writes a word of its own, so it cannot
 * state anything the knowledge base does not say; the price is answers that read like excerpts.
 */
import {
  analysePassages,
  assessEvidence,
  questionTerms,
  termWeights,
  wordCount,
  type AnalysedPassage,
  type EvidencePassage,
  type PassageUnit,
} from "./confidence";

export interface ExtractiveAnswer {
  /** Short markdown: passage sentences, each run of them followed by [n], n being the passage's 1-based index. */
  text: string;
  /** 1-based indices of the passages the text cites, in the order they are cited. */
  citedPassages: number[];
  /** 0..1, from assessEvidence: the same figure a language-model engine would get for these passages. */
  confidence: number;
  /** True when the evidence is too weak to answer from; the text is then empty. */
  declined: boolean;
}

export interface ExtractiveAnswerInput {
  question: string;
  /** The retrieved chunks in rank order; passage n (1-based) is cited as [n]. */
  passages: EvidencePassage[];
  /** At most this many sentences (list items and table rows count as one each). */
  maxSentences?: number;
  /** Further sentences are added only while the answer stays within this many words. */
  maxWords?: number;
}

const DEFAULT_MAX_SENTENCES = 3;
const DEFAULT_MAX_WORDS = 80;
/**
 * A question term found only in the unit's headings, table header or list lead-in counts this much of one found in
 * the unit itself: the heading says what the section is about, the sentence must still say something about it.
 */
const CONTEXT_WEIGHT = 0.3;
/** Trust in a passage falls with its retrieval rank: weight 1 / (1 + RANK_DECAY × (rank − 1)). */
const RANK_DECAY = 0.3;
/** The first sentence under a heading usually states the section's point. */
const OPENS_SECTION_BONUS = 0.15;
/** Fewer words than this rarely make an answer ("No.", "Tap Save."); more than LONG_UNIT_WORDS bury it. */
const SHORT_UNIT_WORDS = 5;
const LONG_UNIT_WORDS = 45;
/**
 * A further sentence joins the answer only when it scores at least this share of the best one; from another passage
 * it must come closer, since a second source makes the answer longer and less coherent for little gain.
 */
const SAME_PASSAGE_SHARE = 0.6;
const OTHER_PASSAGE_SHARE = 0.8;
/** Two units whose term sets overlap this much (Jaccard) say the same thing; the chunk overlap repeats sentences. */
const NEAR_DUPLICATE_OVERLAP = 0.8;

interface Candidate {
  unit: PassageUnit;
  /** 0-based index into the passages. */
  passage: number;
  score: number;
}

const declined = (confidence: number): ExtractiveAnswer => ({ text: "", citedPassages: [], confidence, declined: true });

export function composeExtractiveAnswer({
  question,
  passages,
  maxSentences = DEFAULT_MAX_SENTENCES,
  maxWords = DEFAULT_MAX_WORDS,
}: ExtractiveAnswerInput): ExtractiveAnswer {
  const analysed = analysePassages(passages);
  const evidence = assessEvidence({ question, passages }, analysed);
  if (!evidence.covered) return declined(evidence.confidence);

  const ranked = rankUnits(question, analysed);
  if (ranked.length === 0) return declined(evidence.confidence);

  const selected = selectUnits(ranked, analysed, Math.max(1, maxSentences), maxWords);
  const { text, citedPassages } = render(selected);
  return { text, citedPassages, confidence: evidence.confidence, declined: false };
}

/** Every quotable unit that itself shares a term with the question, best first. */
function rankUnits(question: string, analysed: AnalysedPassage[]): Candidate[] {
  const weights = termWeights(questionTerms(question), analysed.flatMap(({ units }) => units));
  const totalWeight = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  const candidates: Candidate[] = [];
  analysed.forEach(({ units, headingTerms }, index) => {
    const passageWeight = 1 / (1 + RANK_DECAY * index);
    for (const unit of units) {
      if (unit.fragment) continue;
      let own = 0;
      let context = 0;
      for (const [term, weight] of weights) {
        if (unit.terms.has(term)) own += weight;
        else if (unit.contextTerms.has(term) || headingTerms.has(term)) context += weight;
      }
      if (own === 0) continue;
      const relevance = (own + CONTEXT_WEIGHT * context) / totalWeight;
      const score = relevance * passageWeight * lengthFactor(wordCount(unit.text)) * (unit.opensSection ? 1 + OPENS_SECTION_BONUS : 1);
      candidates.push({ unit, passage: index, score });
    }
  });
  return candidates.sort((a, b) => b.score - a.score);
}

function lengthFactor(words: number): number {
  if (words < SHORT_UNIT_WORDS) return 0.5 + (0.5 * words) / SHORT_UNIT_WORDS;
  if (words > LONG_UNIT_WORDS) return Math.sqrt(LONG_UNIT_WORDS / words);
  return 1;
}

/**
 * The best unit, then the next best while they score close to it, are not repeats of one already chosen and fit
 * the word budget. A chosen list item brings its lead-in ("You can then:"), without which it reads as a fragment.
 */
function selectUnits(ranked: Candidate[], analysed: AnalysedPassage[], maxSentences: number, maxWords: number): Candidate[] {
  const selected: Candidate[] = [];
  let words = 0;
  const repeats = (unit: PassageUnit) => selected.some((chosen) => chosen.unit === unit || nearDuplicate(chosen.unit, unit));
  const [best] = ranked;
  for (const candidate of ranked) {
    if (selected.length >= maxSentences) break;
    const first = selected.length === 0;
    if (!first && candidate.score < SAME_PASSAGE_SHARE * best.score) break;
    if (!first && candidate.passage !== best.passage && candidate.score < OTHER_PASSAGE_SHARE * best.score) continue;
    if (repeats(candidate.unit)) continue;
    const unitWords = wordCount(candidate.unit.text);
    // The best unit is always answered, however long; later ones must fit the budget or are left out.
    if (!first && words + unitWords > maxWords) continue;
    const leadIn = candidate.unit.leadIn === undefined ? undefined : analysed[candidate.passage].units[candidate.unit.leadIn];
    if (leadIn && !repeats(leadIn) && selected.length + 2 <= maxSentences && words + unitWords + wordCount(leadIn.text) <= maxWords) {
      selected.push({ unit: leadIn, passage: candidate.passage, score: candidate.score });
      words += wordCount(leadIn.text);
    }
    selected.push(candidate);
    words += unitWords;
  }
  return selected;
}

function nearDuplicate(a: PassageUnit, b: PassageUnit): boolean {
  const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, " ");
  if (normalise(a.text).includes(normalise(b.text)) || normalise(b.text).includes(normalise(a.text))) return true;
  const shared = [...a.terms].filter((term) => b.terms.has(term)).length;
  const union = a.terms.size + b.terms.size - shared;
  return union > 0 && shared / union >= NEAR_DUPLICATE_OVERLAP;
}

/**
 * Orders the answer by passage, the passage holding the best unit first, and within a passage in reading order.
 * Score order alone would put a list item before its lead-in or a consequence before its cause; passage order alone
 * could open with a side remark from the first passage when the direct answer is in the second.
 */
function render(selected: Candidate[]): { text: string; citedPassages: number[] } {
  const groups = new Map<number, Candidate[]>();
  for (const candidate of selected) groups.set(candidate.passage, [...(groups.get(candidate.passage) ?? []), candidate]);
  const order = [...groups.entries()]
    .map(([passage, members]) => ({ passage, members, best: Math.max(...members.map((member) => member.score)) }))
    .sort((a, b) => b.best - a.best);

  const paragraphs = order.map(({ passage, members }) => `${renderRun(members.map((member) => member.unit))} [${passage + 1}]`);
  return { text: paragraphs.join("\n\n"), citedPassages: order.map(({ passage }) => passage + 1) };
}

/** A passage's chosen units in reading order: prose runs on, list items become list lines, rows stand apart. */
function renderRun(units: PassageUnit[]): string {
  let text = "";
  let previous: PassageUnit | undefined;
  for (const unit of [...units].sort((a, b) => a.position - b.position)) {
    const separator = !previous ? "" : unit.kind === "item" ? "\n" : unit.kind === "sentence" && previous.kind === "sentence" ? " " : "\n\n";
    text += separator + (unit.kind === "item" ? `- ${unit.text}` : unit.text);
    previous = unit;
  }
  return text;
}
