import { Link } from "@remix-run/react";
import { Panel } from "~/components/page-header";
import { budgetAlertMessage, type BudgetAlertView } from "./alert-wording";
import { DismissAlertButton } from "./budget-banner";
import { formatUsd } from "./budget-settings";
import type { UsageSummary, UsageTotals } from "./usage-summary";

const SERVICE_LABELS: Record<string, string> = { chat: "Chat answers", embedding: "Embeddings (knowledge and questions)" };

const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const count = (value: number) => value.toLocaleString("en-US");

export function SpendPanel({ usage, canEdit }: { usage: UsageSummary; canEdit: boolean }) {
  const { spendUsd, limitUsd, percentUsed } = usage;
  return (
    <Panel title="This month">
      <dl className="grid gap-6 sm:grid-cols-3">
        <Figure label="Spent so far" value={formatUsd(spendUsd)} />
        <Figure label="Forecast to month end" value={formatUsd(usage.forecastUsd)} hint="The daily average so far, times the days in the month." />
        <Figure label="Monthly limit" value={limitUsd === null ? "No limit" : formatUsd(limitUsd)} hint={limitUsd === null ? undefined : `Warning at ${usage.warningPercent}%`} />
      </dl>
      {limitUsd !== null && percentUsed !== null ? (
        <div className="mt-6">
          <p className="text-sm text-slate-700">
            {formatUsd(spendUsd)} of {formatUsd(limitUsd)} used ({Math.floor(percentUsed)}%).
            {usage.limitReachedOnDay ? ` At this pace the limit is reached on ${dayLabel(`${usage.period}-${String(usage.limitReachedOnDay).padStart(2, "0")}`)}.` : ""}
            {percentUsed >= 100 ? " The assistant has stopped calling models; visitors are offered a person." : ""}
          </p>
          <SpendBar percentUsed={percentUsed} warningPercent={usage.warningPercent} label={`${formatUsd(spendUsd)} of ${formatUsd(limitUsd)}`} />
        </div>
      ) : null}
      <p className="mt-4 text-sm text-slate-500">
        {canEdit ? (
          <>
            Set the limit and the warning in{" "}
            <Link to="/dashboard/settings" className="font-medium text-brand-700 hover:underline">
              Settings
            </Link>
            .
          </>
        ) : (
          "Owners and admins set the limit."
        )}
      </p>
    </Panel>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">{value}</dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

function SpendBar({ percentUsed, warningPercent, label }: { percentUsed: number; warningPercent: number; label: string }) {
  const shown = Math.min(100, percentUsed);
  const tone = percentUsed >= 100 ? "bg-red-600" : percentUsed >= warningPercent ? "bg-amber-500" : "bg-brand-600";
  return (
    <div
      role="progressbar"
      aria-label="Budget used"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(shown)}
      aria-valuetext={label}
      className="mt-2 h-3 w-full rounded bg-slate-200"
    >
      <div className={`h-3 rounded ${tone}`} style={{ width: `${shown}%` }} />
    </div>
  );
}

export function ServiceTable({ rows }: { rows: ({ service: string } & UsageTotals)[] }) {
  return (
    <Panel title="By service">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No model calls this month.</p>
      ) : (
        <UsageTable
          head={<th scope="col" className="py-2 pr-4 font-medium">Service</th>}
          rows={rows.map((row) => ({ key: row.service, cells: <th scope="row" className="py-2 pr-4 text-left font-medium">{SERVICE_LABELS[row.service] ?? row.service}</th>, totals: row }))}
        />
      )}
    </Panel>
  );
}

export function ModelTable({ rows }: { rows: ({ service: string; provider: string; model: string } & UsageTotals)[] }) {
  return (
    <Panel title="By model">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No model calls this month.</p>
      ) : (
        <UsageTable
          head={
            <>
              <th scope="col" className="py-2 pr-4 font-medium">Model</th>
              <th scope="col" className="py-2 pr-4 font-medium">Service</th>
            </>
          }
          rows={rows.map((row) => ({
            key: `${row.service}/${row.provider}/${row.model}`,
            cells: (
              <>
                <th scope="row" className="py-2 pr-4 text-left font-medium">
                  {row.model} <span className="font-normal text-slate-500">({row.provider})</span>
                </th>
                <td className="py-2 pr-4">{SERVICE_LABELS[row.service] ?? row.service}</td>
              </>
            ),
            totals: row,
          }))}
        />
      )}
    </Panel>
  );
}

function UsageTable({ head, rows }: { head: React.ReactNode; rows: { key: string; cells: React.ReactNode; totals: UsageTotals }[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            {head}
            <th scope="col" className="py-2 pr-4 text-right font-medium">Calls</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Input tokens</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Output tokens</th>
            <th scope="col" className="py-2 text-right font-medium">Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells}
              <td className="py-2 pr-4 text-right tabular-nums">{count(row.totals.calls)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{count(row.totals.inputTokens)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{count(row.totals.outputTokens)}</td>
              <td className="py-2 text-right tabular-nums">{formatUsd(row.totals.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A table first, so every figure is read out; the bars only draw it. */
export function DailySpendChart({ days }: { days: { day: string; costUsd: number }[] }) {
  const highest = Math.max(...days.map((day) => day.costUsd), 0);
  return (
    <Panel title="Spend per day">
      <table className="w-full text-sm">
        <caption className="sr-only">Spend per day this month, in US dollars</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Spend</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row" className="w-16 py-0.5 pr-3 text-left font-normal whitespace-nowrap text-slate-600">
                {dayLabel(day.day)}
              </th>
              <td className="py-0.5">
                <div className="flex items-center gap-2">
                  <div aria-hidden="true" className="h-3 rounded bg-brand-600" style={{ width: highest ? `${(day.costUsd / highest) * 80}%` : 0 }} />
                  <span className="tabular-nums text-slate-700">{formatUsd(day.costUsd)}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

export function AlertList({ alerts, canDismiss }: { alerts: BudgetAlertView[]; canDismiss: boolean }) {
  return (
    <Panel title="Budget alerts this month">
      {alerts.length === 0 ? (
        <p className="text-sm text-slate-500">None this month.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {alerts.map((alert) => (
            <li key={alert.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium">{alert.severity === "critical" ? "Limit reached" : `Warning at ${alert.thresholdPercent}%`}</p>
                <p className="text-slate-600">{budgetAlertMessage(alert)}</p>
                <p className="text-xs text-slate-500">
                  <time dateTime={alert.createdAt.toISOString()}>{alert.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</time>
                  {alert.acknowledgedAt ? " · dismissed" : null}
                </p>
              </div>
              {canDismiss && !alert.acknowledgedAt ? <DismissAlertButton alertId={alert.id} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
