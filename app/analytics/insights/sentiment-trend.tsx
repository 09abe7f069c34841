import { formatSentiment, NEGATIVE_BELOW, POSITIVE_ABOVE, SENTIMENT_LABELS, sentimentLabel } from "./sentiment-labels";
import type { SentimentTrend as SentimentTrendData } from "./sentiment-trend.server";

const WIDTH = 640;
const HEIGHT = 200;
const PLOT = { left: 72, right: 12, top: 12, bottom: 28 };
const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;

function yOf(score: number): number {
  return PLOT.top + ((1 - score) / 2) * PLOT_HEIGHT;
}

function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
}

/** Segments of consecutive days that have an average; a day without one breaks the line. */
function lineSegments(points: { x: number; y: number | null }[]): string[] {
  const segments: string[] = [];
  let current: string[] = [];
  for (const point of points) {
    if (point.y === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${point.x.toFixed(1)},${point.y.toFixed(1)}`);
  }
  if (current.length) segments.push(current.join(" "));
  return segments;
}

/**
 * Average conversation sentiment per day as a line from -1 to +1, the positive/neutral/negative
 * totals in words, and the same numbers as a table for screen readers and exact reading.
 */
export function SentimentTrend({ trend }: { trend: SentimentTrendData }) {
  const { days, totals } = trend;
  const scored = totals.positive + totals.neutral + totals.negative;
  const step = days.length > 1 ? PLOT_WIDTH / (days.length - 1) : 0;
  const points = days.map((day, index) => ({ day, x: PLOT.left + (days.length > 1 ? index * step : PLOT_WIDTH / 2), y: day.average === null ? null : yOf(day.average) }));
  const tickEvery = Math.max(1, Math.ceil(days.length / 6));
  const summary =
    scored === 0
      ? "No conversation in this period has a sentiment yet."
      : `Average sentiment ${formatSentiment(totals.average ?? 0)} (${SENTIMENT_LABELS[sentimentLabel(totals.average ?? 0)].toLowerCase()}) over ${scored.toLocaleString()} conversations: ${totals.positive} positive, ${totals.neutral} neutral, ${totals.negative} negative.`;

  return (
    <figure className="space-y-3">
      <figcaption className="text-sm text-slate-600">{summary}</figcaption>
      <dl className="flex flex-wrap gap-4 text-sm">
        {(["positive", "neutral", "negative"] as const).map((label) => (
          <div key={label} className="flex items-baseline gap-1">
            <dt className="text-slate-600">{SENTIMENT_LABELS[label]}</dt>
            <dd className="font-semibold">
              {totals[label].toLocaleString()}
              {scored ? <span className="ml-1 font-normal text-slate-500">({Math.round((totals[label] / scored) * 100)}%)</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      {days.length ? (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={`Average sentiment per day, ${formatDay(days[0].day)} to ${formatDay(days.at(-1)!.day)}. ${summary}`}>
          {[1, POSITIVE_ABOVE, 0, NEGATIVE_BELOW, -1].map((value) => (
            <line key={value} x1={PLOT.left} x2={WIDTH - PLOT.right} y1={yOf(value)} y2={yOf(value)} className={value === 0 ? "stroke-slate-400" : "stroke-slate-200"} strokeDasharray={Math.abs(value) === POSITIVE_ABOVE ? "4 4" : undefined} />
          ))}
          {[
            { value: 1, text: "+1 positive" },
            { value: 0, text: "0 neutral" },
            { value: -1, text: "−1 negative" },
          ].map((axis) => (
            <text key={axis.value} x={PLOT.left - 6} y={yOf(axis.value) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {axis.text}
            </text>
          ))}
          {lineSegments(points).map((segment) => (
            <polyline key={segment} points={segment} fill="none" className="stroke-brand-600" strokeWidth={2} />
          ))}
          {points.map((point) =>
            point.y === null ? null : (
              <circle key={point.day.day} cx={point.x} cy={point.y} r={3.5} className="fill-brand-600">
                <title>{`${formatDay(point.day.day)}: ${formatSentiment(point.day.average ?? 0)}, ${point.day.positive + point.day.neutral + point.day.negative} conversations`}</title>
              </circle>
            ),
          )}
          {points.map((point, index) =>
            index % tickEvery === 0 || index === points.length - 1 ? (
              <text key={point.day.day} x={point.x} y={HEIGHT - 8} textAnchor="middle" className="fill-slate-500 text-[11px]">
                {formatDay(point.day.day)}
              </text>
            ) : null,
          )}
        </svg>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Show as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">Day</th>
                <th scope="col" className="py-1 pr-4 font-medium">Average</th>
                <th scope="col" className="py-1 pr-4 font-medium">Positive</th>
                <th scope="col" className="py-1 pr-4 font-medium">Neutral</th>
                <th scope="col" className="py-1 font-medium">Negative</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {days.map((day) => (
                <tr key={day.day}>
                  <th scope="row" className="py-1 pr-4 font-normal">{formatDay(day.day)}</th>
                  <td className="py-1 pr-4">{day.average === null ? "—" : `${formatSentiment(day.average)} (${SENTIMENT_LABELS[sentimentLabel(day.average)]})`}</td>
                  <td className="py-1 pr-4">{day.positive}</td>
                  <td className="py-1 pr-4">{day.neutral}</td>
                  <td className="py-1">{day.negative}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
