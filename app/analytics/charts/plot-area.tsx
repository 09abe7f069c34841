import type { ReactNode } from "react";
import { dayTicks } from "./scale";

export const WIDTH = 640;
export const HEIGHT = 220;
export const MARGIN = { top: 12, right: 12, bottom: 28, left: 64 };
export const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
export const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/** The x position of a day's centre when `count` days share the plot's width. */
export function dayX(index: number, count: number): number {
  return MARGIN.left + ((index + 0.5) * PLOT_WIDTH) / count;
}

/** A bar's width when `dayCount` days share the plot's width, with a gap between bars. */
export function barWidth(dayCount: number): number {
  return Math.max(1, (PLOT_WIDTH / dayCount) * 0.7);
}

export function valueY(value: number, max: number): number {
  return MARGIN.top + PLOT_HEIGHT - (value / max) * PLOT_HEIGHT;
}

/**
 * The SVG around a chart over days: labelled by the section's heading, described in words, with
 * a y axis (0, half, max) and an x axis (first, middle and last day). Screen readers read the
 * title and description; the table under the chart holds every value.
 */
export function PlotArea({
  titleId,
  title,
  description,
  days,
  max,
  formatValue,
  children,
}: {
  titleId: string;
  title: string;
  description: string;
  days: string[];
  max: number;
  formatValue: (value: number) => string;
  children: ReactNode;
}) {
  const svgTitleId = `${titleId}-svg-title`;
  const descId = `${titleId}-desc`;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${svgTitleId} ${descId}`} className="h-auto w-full overflow-visible text-slate-500">
      <title id={svgTitleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {[0, max / 2, max].map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={valueY(tick, max)} y2={valueY(tick, max)} stroke="#e2e8f0" />
          <text x={MARGIN.left - 8} y={valueY(tick, max)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor">
            {formatValue(tick)}
          </text>
        </g>
      ))}
      {dayTicks(days).map((tick) => (
        <text key={tick.index} x={dayX(tick.index, days.length)} y={HEIGHT - 8} textAnchor="middle" fontSize="11" fill="currentColor">
          {tick.label}
        </text>
      ))}
      {children}
    </svg>
  );
}
