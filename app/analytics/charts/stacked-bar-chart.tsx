import { ChartFigure } from "./chart-figure";
import type { DayChartProps, Series } from "./day-chart";
import { seriesColour } from "./palette";
import { barWidth, dayX, PlotArea, valueY } from "./plot-area";
import { niceMax } from "./scale";

/** One bar per day, split into its parts (e.g. cost by model), bottom to top in legend order. */
export function StackedBarChart({
  id,
  title,
  description,
  days,
  stacks,
  formatValue,
  table,
  formatCell,
  csvHref,
}: DayChartProps & { stacks: Series[] }) {
  const titleId = `${id}-title`;
  const totals = days.map((_, index) => stacks.reduce((total, stack) => total + (stack.values[index] ?? 0), 0));
  const top = niceMax(Math.max(0, ...totals));
  const width = barWidth(days.length);
  return (
    <ChartFigure
      titleId={titleId}
      title={title}
      legend={stacks.map((stack, index) => ({ label: stack.label, colour: seriesColour(index) }))}
      table={table}
      formatCell={formatCell}
      csvHref={csvHref}
    >
      <PlotArea titleId={titleId} title={title} description={description} days={days} max={top} formatValue={formatValue}>
        {days.map((day, dayIndex) => {
          let base = 0;
          return (
            <g key={day}>
              {stacks.map((stack, index) => {
                const value = stack.values[dayIndex] ?? 0;
                if (value <= 0) return null;
                const y = valueY(base + value, top);
                const height = valueY(base, top) - y;
                base += value;
                return <rect key={stack.label} x={dayX(dayIndex, days.length) - width / 2} width={width} y={y} height={height} fill={seriesColour(index)} />;
              })}
            </g>
          );
        })}
      </PlotArea>
    </ChartFigure>
  );
}
