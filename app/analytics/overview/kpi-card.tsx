import { describeChange, formatMetricValue } from "./format";
import type { Metric } from "./metrics";

/** Which way is good news: fewer hand-overs and faster answers are better. */
export type Better = "up" | "down";

/**
 * A headline figure with its change vs the previous period: an arrow, and the change in words
 * ("up 12% vs previous 30 days"), so the colour is never the only cue.
 */
export function KpiCard({ label, figure, days, better = "up", hint }: { label: string; figure: Metric; days: number; better?: Better; hint?: string }) {
  const change = describeChange(figure, days);
  const tone = change.direction === "flat" ? "text-slate-600" : change.direction === better ? "text-emerald-700" : "text-red-700";
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{formatMetricValue(figure)}</dd>
      <dd className={`mt-1 text-xs ${tone}`}>
        <span aria-hidden="true">{change.direction === "up" ? "▲ " : change.direction === "down" ? "▼ " : "– "}</span>
        {change.text}
      </dd>
      {hint ? <dd className="mt-2 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}
