import winkSentiment from "wink-sentiment";

/** wink-sentiment's normalized score runs from -5 to 5 (the AFINN valence scale). */
const WINK_SCALE = 5;

/**
 * A message's sentiment from -1 (negative) to 1 (positive), offline. wink-sentiment scores words
 * with AFINN-165, emojis and emoticons, handles negation ("not happy") and two-word phrases, and
 * averages the valence of the words it scored (damping long texts). Dividing by the AFINN scale
 * keeps that meaning: 0.6 is "on average, words as strong as 'good'/'happy'"; no emotional words is 0.
 */
export function scoreSentiment(text: string): number {
  const { normalizedScore } = winkSentiment(text);
  return Math.max(-1, Math.min(1, normalizedScore / WINK_SCALE));
}
