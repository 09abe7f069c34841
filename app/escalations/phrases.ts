/**
 * Finding a word or phrase in what a visitor wrote, the way a person would read it: whole words,
 * any case, in any script. "refund" is found in "Refund?", "REFUNDS" and "refund-related" but not
 * in "refunded" or "prerefund": a different word form is a different intent ("I was refunded" is
 * not a request for one). A simple plural of the last word counts as the word itself ("refunds",
 * "boxes", "deliveries"), and words of a phrase may be separated by any whitespace. Scripts
 * written without spaces between words (Chinese, Japanese, Thai…) have no word edges to find, so
 * a keyword in them is found anywhere ("返金" in "返金してください").
 */

/** Letters (with their combining marks), digits and underscores make up a word. */
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}_]`;

const UNSPACED_SCRIPT = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]`;
const STARTS_UNSPACED = new RegExp(`^${UNSPACED_SCRIPT}`, "u");
const ENDS_UNSPACED = new RegExp(`${UNSPACED_SCRIPT}$`, "u");

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Composed and decomposed accents, full-width letters and ligatures compare equal after NFKC. */
const normalize = (text: string) => text.normalize("NFKC");

function withSimplePlural(word: string): string {
  const escaped = escapeRegExp(word);
  // "delivery" → "deliveries"; "day" keeps its plain "days".
  if (/[^aeiou]y$/i.test(word)) return `(?:${escaped}|${escapeRegExp(word.slice(0, -1))}ies|${escaped}s)`;
  return `${escaped}(?:s|es)?`;
}

/** A pattern for the phrase, or null when it has no words at all. */
export function phrasePattern(phrase: string): RegExp | null {
  const words = normalize(phrase).trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const last = words[words.length - 1];
  const endsUnspaced = ENDS_UNSPACED.test(last);
  const body = [...words.slice(0, -1).map(escapeRegExp), endsUnspaced ? escapeRegExp(last) : withSimplePlural(last)].join(String.raw`\s+`);
  const start = STARTS_UNSPACED.test(words[0]) ? "" : `(?<!${WORD_CHAR})`;
  const end = endsUnspaced ? "" : `(?!${WORD_CHAR})`;
  return new RegExp(`${start}${body}${end}`, "iu");
}

export function containsPhrase(text: string, phrase: string): boolean {
  return phrasePattern(phrase)?.test(normalize(text)) ?? false;
}
