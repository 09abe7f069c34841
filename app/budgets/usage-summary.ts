import type { DailyUsage } from "../analytics/daily-usage";
import type { BudgetSettings } from "./budget-settings";
import { forecastMonthEnd, limitReachedOnDay, type UtcMonth } from "./forecast";

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface UsageSummary {
  period: string;
  spendUsd: number;
  limitUsd: number | null;
  warningPercent: number;
  /** Of the limit, uncapped (a month can overshoot by the answers that were already streaming); null without a limit. */
  percentUsed: number | null;
  forecastUsd: number;
  /** Day of the month the limit is reached at the current pace; null when not this month. */
  limitReachedOnDay: number | null;
  byModel: ({ service: string; provider: string; model: string } & UsageTotals)[];
  byService: ({ service: string } & UsageTotals)[];
  /** Every day of the month so far, days without usage included. */
  perDay: { day: string; costUsd: number }[];
}

/** The usage page's figures for one month, from that month's rollup rows. */
export function summarizeUsage({ rows, month, budget }: { rows: DailyUsage[]; month: UtcMonth; budget: BudgetSettings }): UsageSummary {
  const spendUsd = sum(rows.map((row) => row.costUsd));
  const limitUsd = budget.monthlyBudgetUsd;
  const position = { spendUsd, dayOfMonth: month.dayOfMonth, daysInMonth: month.daysInMonth };
  const costByDay = totalsBy(rows, (row) => row.day);
  return {
    period: month.period,
    spendUsd,
    limitUsd,
    warningPercent: budget.budgetWarningPercent,
    percentUsed: limitUsd === null ? null : (spendUsd / limitUsd) * 100,
    forecastUsd: forecastMonthEnd(position),
    limitReachedOnDay: limitUsd === null ? null : limitReachedOnDay({ ...position, limitUsd }),
    byModel: [...totalsBy(rows, (row) => JSON.stringify([row.service, row.provider, row.model])).entries()]
      .map(([key, totals]) => {
        const [service, provider, model] = JSON.parse(key) as [string, string, string];
        return { service, provider, model, ...totals };
      })
      .sort((a, b) => b.costUsd - a.costUsd || b.calls - a.calls),
    byService: [...totalsBy(rows, (row) => row.service).entries()].map(([service, totals]) => ({ service, ...totals })).sort((a, b) => b.costUsd - a.costUsd),
    perDay: Array.from({ length: month.dayOfMonth }, (_, index) => {
      const day = `${month.period}-${String(index + 1).padStart(2, "0")}`;
      return { day, costUsd: costByDay.get(day)?.costUsd ?? 0 };
    }),
  };
}

function totalsBy(rows: DailyUsage[], keyOf: (row: DailyUsage) => string): Map<string, UsageTotals> {
  const totals = new Map<string, UsageTotals>();
  for (const row of rows) {
    const entry = totals.get(keyOf(row)) ?? { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    entry.calls += row.calls;
    entry.inputTokens += row.inputTokens;
    entry.outputTokens += row.outputTokens;
    entry.costUsd += row.costUsd;
    totals.set(keyOf(row), entry);
  }
  return totals;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
