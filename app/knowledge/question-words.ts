/**
 * Which words of a visitor's message say what it is about. Retrieval's keyword share and the answer engine's
 * evidence check both leave out the same words, so "the passage holds what the question asks about" means the same
 * thing in both.
 */

/**
 * Function words and the small talk of chat messages: they say nothing about what the question is about.
 * Apostrophes are dropped before the lookup, so contractions appear without them ("dont"); "id" and "ill" are left
 * out on purpose, since "photo ID" and "ill" matter more than "I'd" and "I'll". PostgreSQL's English stop list is
 * shorter: it keeps "hi", "please", "still", "need" and the like.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any anybody anyone anything are as at be because been before
  being below between both but by can cannot could did do does doing done down during each either else etc even ever
  every few for from further get gets getting go goes going got had has have having he hello her here hers herself hey
  hi him himself his how however i if in into is it its itself just let lets like may me might mine more most much must
  my myself need needs no nor not now of off ok okay on once only or other ought our ours ourselves out over own please
  quite rather really same shall she should so some someone something still such than thank thanks that the their
  theirs them themselves then there these they thing things this those though through thus to too under until up upon
  us very via want wanted wants was we well were what whats when where whether which while who whom whose why will
  with within without would yes yet you your yours yourself yourselves
  arent cant couldnt didnt doesnt dont hadnt hasnt havent im isnt ive mustnt shouldnt wasnt werent wont wouldnt youll
  youre youve`.split(/\s+/),
);

/** "how long", "how many", …: the second word asks for a duration or an amount, which the answer gives in figures. */
const HOW_QUESTIONS = new Set(["long", "many", "much", "often", "soon"]);
/**
 * A light verb that phrases questions ("how long does it take", "do you take PayPal") while help text says "reach",
 * "within" or "accept". Where the text does say "takes 2 to 4 days", nothing is lost: the word simply counts for
 * neither side.
 */
const LIGHT_VERBS = new Set(["take", "takes", "taking"]);

const WORD = /[\p{L}\p{N}]+/gu;
const normalise = (word: string) => word.toLowerCase().replace(/['’]/g, "");

/**
 * The words of a question that phrase it rather than name its subject: "long" in "How long do refunds take?",
 * and "take". Lower-case, without apostrophes. Left out of both the question's weight and a passage's match: the
 * answer "Refunds reach your card within 5 business days" holds everything the question asks about.
 */
export function questionPhrasingWords(question: string): Set<string> {
  const words = normalise(question).match(WORD) ?? [];
  const phrasing = new Set<string>();
  words.forEach((word, index) => {
    if (LIGHT_VERBS.has(word) || (index > 0 && words[index - 1] === "how" && HOW_QUESTIONS.has(word))) phrasing.add(word);
  });
  return phrasing;
}

/**
 * The question with its stop words and phrasing blanked out, everything else as typed (codes such as "E-4012" stay
 * whole), for PostgreSQL's parser to turn into the lexemes the question is about.
 */
export function questionSubject(question: string): string {
  const phrasing = questionPhrasingWords(question);
  return question
    .split(/(\s+)/)
    .map((token) => {
      const word = normalise(token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
      return STOP_WORDS.has(word) || phrasing.has(word) ? " " : token;
    })
    .join("");
}
