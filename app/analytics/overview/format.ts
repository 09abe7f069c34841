import type { Metric } from "./metrics";

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return value >= 100_000 ? compact.format(value) : number.format(value);
}

export function formatShare(value: number): string {
  return `${oneDecimal.format(value * 100)}%`;
}

/** 850 ms, 4.2 s, 3.5 min, 2.1 h: the unit a person would say. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${number.format(ms)} ms`;
  if (ms < 60_000) return `${oneDecimal.format(ms / 1000)} s`;
  if (ms < 3_600_000) return `${oneDecimal.format(ms / 60_000)} min`;
  return `${oneDecimal.format(ms / 3_600_000)} h`;
}

export function formatUsd(value: number): string {
  return value > 0 && value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export function formatMetricValue(figure: Pick<Metric, "kind" | "value">): string {
  if (figure.value === null) return "—";
  switch (figure.kind) {
    case "count":
      return formatCount(figure.value);
    case "share":
      return formatShare(figure.value);
    case "duration":
      return formatDuration(figure.value);
    case "rating":
      return `${oneDecimal.format(figure.value)} / 5`;
    case "usd":
      return formatUsd(figure.value);
  }
}

export type ChangeDirection = "up" | "down" | "flat";

/** The change in words: "up 12% vs previous 30 days", "down 3.5 points vs previous 7 days". */
export function describeChange(figure: Metric, days: number): { direction: ChangeDirection; text: string } {
  const period = `previous ${days} ${days === 1 ? "day" : "days"}`;
  if (figure.change === null) {
    if (figure.value === null) return { direction: "flat", text: "nothing to measure in this period" };
    return { direction: "flat", text: `nothing to compare with in the ${period}` };
  }
  const points = figure.kind === "share";
  const size = Math.round(Math.abs(figure.change) * (points ? 1000 : 100)) / (points ? 10 : 1);
  if (size === 0) return { direction: "flat", text: `no change vs ${period}` };
  const direction = figure.change > 0 ? "up" : "down";
  return { direction, text: `${direction} ${points ? `${oneDecimal.format(size)} points` : `${number.format(size)}%`} vs ${period}` };
}
