/**
 * Budgets run per UTC calendar month, the same days the usage rollup is kept in. The forecast is
 * the month-to-date daily average times the days in the month: today counts as a whole day, so
 * early in a day it leans low, but unlike a run rate of the last few days it does not swing with
 * one busy afternoon, and it needs no history from before this month.
 */

export interface UtcMonth {
  /** "2026-11": what budget alerts are recorded against. */
  period: string;
  /** "2026-11-01" */
  firstDay: string;
  /** "2026-12-01": the first day after the month. */
  nextMonthFirstDay: string;
  /** 1-based; today counts. */
  dayOfMonth: number;
  daysInMonth: number;
}

export function utcMonth(now: Date): UtcMonth {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const isoDay = (date: Date) => date.toISOString().slice(0, 10);
  return {
    period: isoDay(now).slice(0, 7),
    firstDay: isoDay(new Date(Date.UTC(year, month, 1))),
    nextMonthFirstDay: isoDay(new Date(Date.UTC(year, month + 1, 1))),
    dayOfMonth: now.getUTCDate(),
    daysInMonth: new Date(Date.UTC(year, month + 1, 0)).getUTCDate(),
  };
}

/** What the month will have cost if the rest of it goes like the days so far. */
export function forecastMonthEnd({ spendUsd, dayOfMonth, daysInMonth }: { spendUsd: number; dayOfMonth: number; daysInMonth: number }): number {
  return (spendUsd / dayOfMonth) * daysInMonth;
}

/**
 * The day of the month the limit is reached at that same pace; null when it is not reached this
 * month, or already was.
 */
export function limitReachedOnDay({
  spendUsd,
  limitUsd,
  dayOfMonth,
  daysInMonth,
}: {
  spendUsd: number;
  limitUsd: number;
  dayOfMonth: number;
  daysInMonth: number;
}): number | null {
  if (spendUsd <= 0 || spendUsd >= limitUsd) return null;
  // Rounded before ceil, so float noise (15.000000000000002) does not push a day later.
  const day = Math.ceil(Number(((limitUsd * dayOfMonth) / spendUsd).toFixed(9)));
  return day <= daysInMonth ? day : null;
}
