import { ChartFigure, type LegendItem } from "./chart-figure";
import type { DayChartProps, Series } from "./day-chart";
import { seriesColour } from "./palette";
import { barWidth, dayX, MARGIN, PlotArea, PLOT_HEIGHT, valueY } from "./plot-area";
import { niceMax } from "./scale";

/**
 * Lines (or, for a single series, bars) over days. `max` fixes the axis (1 for shares); by default
 * it is a round number above the largest value.
 */
export function TimeSeriesChart({
  id,
  title,
  description,
  days,
  series,
  mode = "line",
  max,
  formatValue,
  table,
  formatCell,
  csvHref,
}: DayChartProps & {
  series: Series[];
  mode?: "line" | "bar";
  max?: number;
}) {
  const titleId = `${id}-title`;
  const top = max ?? niceMax(Math.max(0, ...series.flatMap((line) => line.values.filter((value): value is number => value !== null))));
  const legend: LegendItem[] = series.map((line, index) => ({ label: line.label, colour: seriesColour(index) }));
  return (
    <ChartFigure titleId={titleId} title={title} legend={legend} table={table} formatCell={formatCell} csvHref={csvHref}>
      <PlotArea titleId={titleId} title={title} description={description} days={days} max={top} formatValue={formatValue}>
        {mode === "bar" && series.length === 1
          ? series[0].values.map((value, index) =>
              value ? (
                <rect
                  key={days[index]}
                  x={dayX(index, days.length) - barWidth(days.length) / 2}
                  width={barWidth(days.length)}
                  y={valueY(value, top)}
                  height={MARGIN.top + PLOT_HEIGHT - valueY(value, top)}
                  fill={seriesColour(0)}
                />
              ) : null,
            )
          : series.map((line, index) => <Line key={line.label} values={line.values} max={top} colour={seriesColour(index)} />)}
      </PlotArea>
    </ChartFigure>
  );
}

/** A polyline per run of days with a value; a lone day is drawn as a dot so it is not lost. */
function Line({ values, max, colour }: { values: (number | null)[]; max: number; colour: string }) {
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  values.forEach((value, index) => {
    if (value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else {
      run.push({ x: dayX(index, values.length), y: valueY(value, max) });
    }
  });
  if (run.length) runs.push(run);
  return (
    <g>
      {runs.map((points) =>
        points.length === 1 ? (
          <circle key={points[0].x} cx={points[0].x} cy={points[0].y} r={2.5} fill={colour} />
        ) : (
          <polyline key={points[0].x} points={points.map((point) => `${point.x},${point.y}`).join(" ")} fill="none" stroke={colour} strokeWidth={2} strokeLinejoin="round" />
        ),
      )}
    </g>
  );
}
