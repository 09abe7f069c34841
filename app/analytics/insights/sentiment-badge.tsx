import { Badge } from "~/components/status-badge";
import { formatSentiment, SENTIMENT_LABELS, sentimentLabel } from "./sentiment-labels";

const TONES = { positive: "positive", neutral: "neutral", negative: "negative" } as const;

/** "Positive +0.42": the word and the signed value carry the meaning, the colour only repeats it. */
export function SentimentBadge({ score }: { score: number | null }) {
  if (score === null) return <span className="text-xs text-slate-500">Not scored yet</span>;
  const label = sentimentLabel(score);
  return (
    <Badge tone={TONES[label]}>
      {SENTIMENT_LABELS[label]} {formatSentiment(score)}
    </Badge>
  );
}
