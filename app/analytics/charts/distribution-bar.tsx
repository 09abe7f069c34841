import { ChartFigure } from "./chart-figure";
import type { DataTable } from "../overview/overview-tables";

/** Red to green: the worst rating first. The legend and the table also name each score. */
const SCORE_COLOURS = ["#b91c1c", "#ea580c", "#ca8a04", "#65a30d", "#15803d"];

/** One horizontal bar split by how many gave each score (1 to 5), with each part's share. */
export function DistributionBar({
  id,
  title,
  counts,
  table,
  formatCell,
  csvHref,
}: {
  id: string;
  title: string;
  counts: number[];
  table: DataTable;
  formatCell: (value: string | number | null, column: number) => string;
  csvHref: string;
}) {
  const titleId = `${id}-title`;
  const total = counts.reduce((sum, count) => sum + count, 0);
  const labels = counts.map((count, index) => `${index + 1} star${index ? "s" : ""}: ${count} (${total ? Math.round((count / total) * 100) : 0}%)`);
  let x = 0;
  return (
    <ChartFigure
      titleId={titleId}
      title={title}
      legend={labels.map((label, index) => ({ label, colour: SCORE_COLOURS[index] }))}
      table={table}
      formatCell={formatCell}
      csvHref={csvHref}
    >
      <svg viewBox="0 0 600 40" role="img" aria-labelledby={`${titleId}-svg-title ${titleId}-desc`} className="h-auto w-full">
        <title id={`${titleId}-svg-title`}>{title}</title>
        <desc id={`${titleId}-desc`}>{total ? `${total} ratings. ${labels.join("; ")}.` : "No ratings in this period."}</desc>
        <rect x={0} y={4} width={600} height={32} rx={4} fill="#f1f5f9" />
        {total
          ? counts.map((count, index) => {
              const width = (count / total) * 600;
              const part = <rect key={index} x={x} y={4} width={width} height={32} fill={SCORE_COLOURS[index]} />;
              x += width;
              return part;
            })
          : null}
      </svg>
    </ChartFigure>
  );
}
