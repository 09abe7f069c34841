/**
 * Where a sentiment score (-1..1) stops being neutral. The score is the mean strength of the
 * emotional words in a text, so one mildly weighted word ("want", "please", "broken": ±0.2)
 * leaves a message neutral, while one clear word ("great", "angry": ±0.4 and beyond) does not.
 */
export const POSITIVE_ABOVE = 0.2;
export const NEGATIVE_BELOW = -0.2;

export type SentimentLabel = "positive" | "neutral" | "negative";

export const SENTIMENT_LABELS: Record<SentimentLabel, string> = {
  positive: "Positive",
  neutral: "Neutral",
  negative: "Negative",
};

export function sentimentLabel(score: number): SentimentLabel {
  if (score > POSITIVE_ABOVE) return "positive";
  if (score < NEGATIVE_BELOW) return "negative";
  return "neutral";
}

/** "+0.42", "−0.30", "0.00": signed, so the value reads right without the colour. */
export function formatSentiment(score: number): string {
  const rounded = Math.round(score * 100) / 100;
  if (rounded === 0) return "0.00";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(2)}`;
}
