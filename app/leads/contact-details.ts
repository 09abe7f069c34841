import { findPhoneNumbersInText } from "libphonenumber-js";

/**
 * An address as people type it in a chat: a dot-separated local part of the characters mail
 * providers accept, and a domain of hyphenated labels ending in a 2-63 letter top-level domain.
 * Lookarounds keep it from starting or ending inside a longer token.
 */
const EMAIL = /(?<![\w.%+-])[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![\w@-])/gi;
const MAX_EMAIL_LENGTH = 254;

export function findEmail(text: string): string | null {
  for (const match of text.matchAll(EMAIL)) {
    if (match[0].length <= MAX_EMAIL_LENGTH) return match[0].toLowerCase();
  }
  return null;
}

/**
 * A run that looks like a number someone can be called on: 7 to 15 digits (the E.164 limit),
 * spaces, dots, dashes and brackets between them.
 */
const NATIONAL_NUMBER = /\(?\d[\d\s().-]{5,22}\d/;
/** Words that announce a phone number; without one, a long digit run is as likely an order number. */
const PHONE_CUE = /\b(?:phone|call|ring|mobile|cell|tel|telephone|whatsapp|text me|sms|number|reach me)\b[^\d+(]{0,20}/i;

/**
 * A phone number given in the text. International numbers (+44 …) are found and checked against
 * the numbering plans of libphonenumber-js anywhere in the text; a national one ("(415) 555-2671")
 * has no country to check against, so it counts only right after a word such as "phone" or "call".
 */
export function findPhone(text: string): string | null {
  const international = findPhoneNumbersInText(text).find((found) => found.number.isValid());
  if (international) return international.number.formatInternational();
  const cue = PHONE_CUE.exec(text);
  if (!cue) return null;
  const candidate = NATIONAL_NUMBER.exec(text.slice(cue.index + cue[0].length))?.[0].trim();
  if (!candidate) return null;
  const digits = candidate.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15 ? candidate : null;
}

const NAME_WORDS = "(\\p{L}[\\p{L}'’-]{0,39}(?:\\s+\\p{L}[\\p{L}'’-]{0,39}){0,2})";
/** "my name is Ana Lima", "name: Ana", "this is Ana" opening a message: the words after it name the visitor. */
const NAME_INTRODUCTION = new RegExp(`(?:\\bmy name is|\\bmy name's|\\bname:|^\\s*(?:(?:hi|hello|hey)[,!.]?\\s+)?this is)\\s+${NAME_WORDS}`, "iu");
/**
 * "I'm Ana" reads as a name only when the word is capitalised and the clause ends right after it
 * ("I'm Ana, from Acme"), so "I'm Looking for a quote" or "I'm interested" do not.
 */
const IM_NAME = /\bI(?:'|’| a)m\s+(\p{Lu}[\p{L}'’-]{0,39}(?:\s+\p{Lu}[\p{L}'’-]{0,39})?)(?=\s*(?:[,.!?;]|$|\s+(?:from|and|here|with|at)\b))/u;
/** Words that end a name ("Ana and I …") or show the phrase was not one ("I'm Sorry"). */
const NOT_NAME_WORDS = new Set([
  "and", "from", "with", "at", "here", "i", "i'm", "im", "my", "we", "our", "for", "to", "the", "a", "an", "calling", "writing", "looking", "interested",
  "want", "would", "need", "sorry", "sure", "fine", "good", "ok", "okay", "back", "new", "not", "just", "glad", "happy", "trying", "done", "confused", "also", "still", "very", "so",
]);

function toTitleCase(name: string): string {
  return name.replace(/\p{L}+/gu, (word) => word[0].toUpperCase() + word.slice(1));
}

export function findName(text: string): string | null {
  const phrase = NAME_INTRODUCTION.exec(text)?.[1] ?? IM_NAME.exec(text)?.[1];
  if (!phrase) return null;
  const words: string[] = [];
  for (const word of phrase.split(/\s+/)) {
    if (NOT_NAME_WORDS.has(word.toLowerCase())) break;
    words.push(word);
  }
  return words.length ? toTitleCase(words.join(" ")).slice(0, 120) : null;
}
