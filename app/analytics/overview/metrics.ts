/**
 * How a figure compares with the previous period. Shares (0 to 1) change by percentage points,
 * everything else by its relative change: "resolution rate up 4 points", "conversations up 12%".
 */
export type MetricKind = "count" | "share" | "duration" | "rating" | "usd";

export interface Metric {
  kind: MetricKind;
  /** null: nothing to measure in the period (e.g. a rate over no conversations). */
  value: number | null;
  previous: number | null;
  /** Shares: value − previous (0.04 = 4 points). Others: (value − previous) / previous; null without a base. */
  change: number | null;
}

export function metric(kind: MetricKind, value: number | null, previous: number | null): Metric {
  return { kind, value, previous, change: changeBetween(kind, value, previous) };
}

function changeBetween(kind: MetricKind, value: number | null, previous: number | null): number | null {
  if (value === null || previous === null) return null;
  if (kind === "share") return value - previous;
  return previous === 0 ? null : (value - previous) / previous;
}

/** A share that is undefined, not zero, when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
