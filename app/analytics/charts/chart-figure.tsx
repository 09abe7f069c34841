import type { ReactNode } from "react";
import type { DataTable } from "../overview/overview-tables";

export interface LegendItem {
  label: string;
  colour: string;
}

/**
 * A chart with its title, legend, the same data as a table (under "Table") and a CSV download.
 * The SVG inside is labelled by `titleId` and described by `descId`.
 */
export function ChartFigure({
  titleId,
  title,
  legend,
  table,
  formatCell,
  csvHref,
  children,
}: {
  titleId: string;
  title: string;
  legend?: LegendItem[];
  table: DataTable;
  formatCell: (value: string | number | null, column: number) => string;
  csvHref: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={titleId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <a href={csvHref} download className="text-sm font-medium text-brand-700 hover:underline">
          Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </a>
      </div>
      {legend && legend.length > 1 ? (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {legend.map((item) => (
            <li key={item.label} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: item.colour }} />
              {item.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3">{children}</div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">Table</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{table.title}</caption>
            <thead className="text-slate-500">
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col" className="py-1 pr-4 font-medium">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.map((row) => (
                <tr key={String(row[0])}>
                  {row.map((cell, column) =>
                    column === 0 ? (
                      <th key={column} scope="row" className="py-1 pr-4 font-normal whitespace-nowrap">
                        {formatCell(cell, column)}
                      </th>
                    ) : (
                      <td key={column} className="py-1 pr-4 tabular-nums">
                        {formatCell(cell, column)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
