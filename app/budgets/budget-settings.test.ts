import { describe, expect, it } from "vitest";
import { budgetAlertMessage } from "./alert-wording";
import { budgetSettings, formatUsd, parseBudgetForm, thresholdsReached, withBudgetSettings } from "./budget-settings";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("the budget form", () => {
  it.each([
    ["50", 50],
    ["49.99", 49.99],
    ["$1,250.5", 1250.5],
    ["0.01", 0.01],
    ["1000000", 1_000_000],
    ["  ", null],
    ["", null],
  ])("reads the limit %j as %j", (monthlyBudgetUsd, expected) => {
    expect(parseBudgetForm(form({ monthlyBudgetUsd, budgetWarningPercent: "80" }))).toEqual({
      ok: true,
      data: { monthlyBudgetUsd: expected, budgetWarningPercent: 80 },
    });
  });

  it.each([
    ["0", "Enter at least $0.01, or leave it empty for no limit."],
    ["0.001", "Enter an amount in US dollars, such as 50 or 49.99."],
    ["1000000.01", "Enter at most $1,000,000."],
    ["-5", "Enter an amount in US dollars, such as 50 or 49.99."],
    ["fifty", "Enter an amount in US dollars, such as 50 or 49.99."],
    ["1e3", "Enter an amount in US dollars, such as 50 or 49.99."],
  ])("refuses the limit %j", (monthlyBudgetUsd, message) => {
    expect(parseBudgetForm(form({ monthlyBudgetUsd, budgetWarningPercent: "80" }))).toEqual({ ok: false, fieldErrors: { monthlyBudgetUsd: [message] } });
  });

  it.each([
    ["", "Enter a percentage from 1 to 99."],
    ["0", "Enter a percentage from 1 to 99."],
    ["100", "Enter at most 99%: at 100% the assistant stops, which is always the second alert."],
    ["80.5", "Enter a whole percentage."],
    ["abc", "Enter a percentage from 1 to 99."],
  ])("refuses the warning threshold %j", (budgetWarningPercent, message) => {
    expect(parseBudgetForm(form({ monthlyBudgetUsd: "50", budgetWarningPercent }))).toEqual({ ok: false, fieldErrors: { budgetWarningPercent: [message] } });
  });

  it("accepts the edges of the warning threshold", () => {
    expect(parseBudgetForm(form({ monthlyBudgetUsd: "", budgetWarningPercent: "1" }))).toMatchObject({ ok: true, data: { budgetWarningPercent: 1 } });
    expect(parseBudgetForm(form({ monthlyBudgetUsd: "", budgetWarningPercent: "99" }))).toMatchObject({ ok: true, data: { budgetWarningPercent: 99 } });
  });
});

describe("stored budget settings", () => {
  it("fill in no limit and an 80% warning, and ignore values they cannot use", () => {
    expect(budgetSettings({})).toEqual({ monthlyBudgetUsd: null, budgetWarningPercent: 80 });
    expect(budgetSettings({ monthlyBudgetUsd: 0, budgetWarningPercent: 100 })).toEqual({ monthlyBudgetUsd: null, budgetWarningPercent: 80 });
    expect(budgetSettings({ monthlyBudgetUsd: 50, budgetWarningPercent: 90 })).toEqual({ monthlyBudgetUsd: 50, budgetWarningPercent: 90 });
  });

  it("leave the limit key out for no limit, and keep the other settings", () => {
    const stored = { monthlyBudgetUsd: 50, timezone: "Europe/Berlin", escalation: { lowConfidence: "offer" } };
    const lifted = withBudgetSettings(stored, { monthlyBudgetUsd: null, budgetWarningPercent: 75 });
    expect(lifted).toEqual({ timezone: "Europe/Berlin", escalation: { lowConfidence: "offer" }, budgetWarningPercent: 75 });
    expect("monthlyBudgetUsd" in lifted).toBe(false);
    expect(withBudgetSettings({}, { monthlyBudgetUsd: 20, budgetWarningPercent: 80 })).toEqual({ monthlyBudgetUsd: 20, budgetWarningPercent: 80 });
  });
});

describe("thresholds reached", () => {
  const budget = { monthlyBudgetUsd: 50, budgetWarningPercent: 80 };

  it("counts exactly 80% and exactly 100% as reached", () => {
    expect(thresholdsReached(39.999999, budget)).toEqual([]);
    expect(thresholdsReached(40, budget)).toEqual([{ severity: "warning", thresholdPercent: 80 }]);
    expect(thresholdsReached(49.999999, budget).map((threshold) => threshold.severity)).toEqual(["warning"]);
    expect(thresholdsReached(50, budget).map((threshold) => threshold.severity)).toEqual(["warning", "critical"]);
    expect(thresholdsReached(75, budget).map((threshold) => threshold.severity)).toEqual(["warning", "critical"]);
  });

  it("never fires without a limit", () => {
    expect(thresholdsReached(1_000_000, { monthlyBudgetUsd: null, budgetWarningPercent: 80 })).toEqual([]);
  });

  it("works for sub-cent limits and spend", () => {
    expect(thresholdsReached(0.00027, { monthlyBudgetUsd: 0.0005, budgetWarningPercent: 50 }).map((threshold) => threshold.severity)).toEqual(["warning"]);
  });
});

describe("wording", () => {
  it("formats dollars, and marks spend below a cent", () => {
    expect(formatUsd(41.2)).toBe("$41.20");
    expect(formatUsd(1_000_000)).toBe("$1,000,000.00");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(0.00027)).toBe("<$0.01");
  });

  it("says what each alert means", () => {
    expect(budgetAlertMessage({ severity: "warning", thresholdPercent: 80, spendUsd: 41.2, limitUsd: 50 })).toBe(
      "Spend has reached 80% of this month's $50.00 budget ($41.20).",
    );
    expect(budgetAlertMessage({ severity: "critical", thresholdPercent: 100, spendUsd: 50.3, limitUsd: 50 })).toBe(
      "Spend has reached 100% of this month's $50.00 budget ($50.30). The assistant has stopped calling models; visitors are offered a person.",
    );
  });
});
