import { formatCount, formatUsd } from "./format";
import type { DailyUsage } from "../daily-usage";

/** Calls, tokens and cost per service (chat, embedding) over the period; the CSV has them per day. */
export function UsageByService({ usage, csvHref }: { usage: DailyUsage[]; csvHref: string }) {
  const services = [...new Set(usage.map((row) => row.service))].sort().map((service) => {
    const rows = usage.filter((row) => row.service === service);
    const total = (pick: (row: DailyUsage) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
    return { service, calls: total((row) => row.calls), inputTokens: total((row) => row.inputTokens), outputTokens: total((row) => row.outputTokens), costUsd: total((row) => row.costUsd) };
  });
  return (
    <section aria-labelledby="usage-by-service-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="usage-by-service-title" className="text-base font-semibold">
          Model usage by service
        </h2>
        <a href={csvHref} download className="text-sm font-medium text-brand-700 hover:underline">
          Download CSV<span className="sr-only"> of model usage by service, per day</span>
        </a>
      </div>
      {services.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No model calls in this period.</p>
      ) : (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              {["Service", "Calls", "Input tokens", "Output tokens", "Cost"].map((column) => (
                <th key={column} scope="col" className="py-1 pr-4 font-medium">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {services.map((row) => (
              <tr key={row.service}>
                <th scope="row" className="py-1 pr-4 font-normal capitalize">
                  {row.service}
                </th>
                <td className="py-1 pr-4">{formatCount(row.calls)}</td>
                <td className="py-1 pr-4">{formatCount(row.inputTokens)}</td>
                <td className="py-1 pr-4">{formatCount(row.outputTokens)}</td>
                <td className="py-1 pr-4">{formatUsd(row.costUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
