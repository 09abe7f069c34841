import { describe, expect, it } from "vitest";
import type { DailyUsage } from "../analytics/daily-usage";
import { forecastMonthEnd, limitReachedOnDay, utcMonth } from "./forecast";
import { summarizeUsage } from "./usage-summary";

describe("the UTC month", () => {
  it("knows its period, bounds and length", () => {
    expect(utcMonth(new Date("2026-11-10T15:00:00Z"))).toEqual({ period: "2026-11", firstDay: "2026-11-01", nextMonthFirstDay: "2026-12-01", dayOfMonth: 10, daysInMonth: 30 });
    expect(utcMonth(new Date("2028-02-29T23:59:59Z"))).toMatchObject({ period: "2028-02", nextMonthFirstDay: "2028-03-01", dayOfMonth: 29, daysInMonth: 29 });
    expect(utcMonth(new Date("2026-12-31T23:30:00Z"))).toMatchObject({ period: "2026-12", nextMonthFirstDay: "2027-01-01", daysInMonth: 31 });
  });

  it("follows UTC, not the server's zone: 23:30 on Nov 30 in New York is already December", () => {
    expect(utcMonth(new Date("2026-11-30T23:30:00-05:00")).period).toBe("2026-12");
  });
});

describe("the month-end forecast (month-to-date daily average × days in the month)", () => {
  it("extrapolates by hand-computed figures", () => {
    // $20 over 10 days of a 30-day month: $2 a day, $60 by the 30th.
    expect(forecastMonthEnd({ spendUsd: 20, dayOfMonth: 10, daysInMonth: 30 })).toBeCloseTo(60, 10);
    // $12.40 over 4 days of a 31-day month: $3.10 a day, $96.10.
    expect(forecastMonthEnd({ spendUsd: 12.4, dayOfMonth: 4, daysInMonth: 31 })).toBeCloseTo(96.1, 10);
    // On the last day the forecast is what was spent.
    expect(forecastMonthEnd({ spendUsd: 33.33, dayOfMonth: 28, daysInMonth: 28 })).toBeCloseTo(33.33, 10);
    expect(forecastMonthEnd({ spendUsd: 0, dayOfMonth: 1, daysInMonth: 30 })).toBe(0);
  });

  it("says on which day the limit runs out at this pace", () => {
    // $2 a day reaches $50 on day 25.
    expect(limitReachedOnDay({ spendUsd: 20, limitUsd: 50, dayOfMonth: 10, daysInMonth: 30 })).toBe(25);
    // $30 in 9 days is $3.33 a day: $50 is reached during day 15 (15 × 3.33 = 50), not 16.
    expect(limitReachedOnDay({ spendUsd: 30, limitUsd: 50, dayOfMonth: 9, daysInMonth: 30 })).toBe(15);
    // $1 a day never reaches $50 this month; an already spent budget has no future day.
    expect(limitReachedOnDay({ spendUsd: 10, limitUsd: 50, dayOfMonth: 10, daysInMonth: 30 })).toBeNull();
    expect(limitReachedOnDay({ spendUsd: 55, limitUsd: 50, dayOfMonth: 10, daysInMonth: 30 })).toBeNull();
    expect(limitReachedOnDay({ spendUsd: 0, limitUsd: 50, dayOfMonth: 10, daysInMonth: 30 })).toBeNull();
  });
});

describe("the usage summary", () => {
  const row = (day: string, service: string, model: string, calls: number, inputTokens: number, outputTokens: number, costUsd: number): DailyUsage => ({
    day,
    service,
    provider: service === "chat" ? "openai-compatible" : "offline",
    model,
    calls,
    inputTokens,
    outputTokens,
    costUsd,
  });
  const rows = [
    row("2026-11-01", "chat", "gpt-4o-mini", 10, 10_000, 2_000, 0.0027),
    row("2026-11-03", "chat", "gpt-4o-mini", 30, 30_000, 6_000, 0.0081),
    row("2026-11-03", "chat", "gpt-4.1", 5, 5_000, 1_000, 0.018),
    row("2026-11-04", "embedding", "text-embedding-3-small", 100, 50_000, 0, 0.001),
  ];
  const summary = summarizeUsage({ rows, month: utcMonth(new Date("2026-11-04T12:00:00Z")), budget: { monthlyBudgetUsd: 0.05, budgetWarningPercent: 80 } });

  it("totals spend, the share of the limit and the forecast", () => {
    expect(summary.spendUsd).toBeCloseTo(0.0298, 10);
    expect(summary.percentUsed).toBeCloseTo(59.6, 8);
    // 0.0298 / 4 days × 30 days
    expect(summary.forecastUsd).toBeCloseTo(0.2235, 10);
    // 0.00745 a day reaches 0.05 during day 7 (0.05 × 4 / 0.0298 = 6.71).
    expect(summary.limitReachedOnDay).toBe(7);
  });

  it("groups by model and by service, most expensive first", () => {
    expect(summary.byModel.map((entry) => [entry.model, entry.calls, entry.inputTokens, entry.outputTokens])).toEqual([
      ["gpt-4.1", 5, 5_000, 1_000],
      ["gpt-4o-mini", 40, 40_000, 8_000],
      ["text-embedding-3-small", 100, 50_000, 0],
    ]);
    expect(summary.byModel[1].costUsd).toBeCloseTo(0.0108, 10);
    expect(summary.byService.map((entry) => [entry.service, entry.calls])).toEqual([
      ["chat", 45],
      ["embedding", 100],
    ]);
  });

  it("lists every day so far, quiet days at zero", () => {
    expect(summary.perDay.map((day) => day.day)).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]);
    expect(summary.perDay[1].costUsd).toBe(0);
    expect(summary.perDay[2].costUsd).toBeCloseTo(0.0261, 10);
  });

  it("has no share or run-out day without a limit", () => {
    const unlimited = summarizeUsage({ rows, month: utcMonth(new Date("2026-11-04T12:00:00Z")), budget: { monthlyBudgetUsd: null, budgetWarningPercent: 80 } });
    expect(unlimited).toMatchObject({ limitUsd: null, percentUsed: null, limitReachedOnDay: null });
  });
});
