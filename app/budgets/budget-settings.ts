/**
 * A workspace's monthly spend limit and its thresholds, kept in `tenants.settings`. No server code,
 * so the settings form, the usage page and the banner share the schema, defaults and wording.
 */
import { z } from "zod";
import type { BUDGET_SEVERITIES } from "../../db/entities/BudgetAlert";
import type { TenantSettings } from "../../db/entities/Tenant";
import type { FieldErrors, FormResult } from "../utils/forms";

export const DEFAULT_WARNING_PERCENT = 80;
/** At the limit itself the assistant stops calling models. */
export const CRITICAL_PERCENT = 100;
export const MIN_MONTHLY_BUDGET_USD = 0.01;
export const MAX_MONTHLY_BUDGET_USD = 1_000_000;

export type BudgetSeverity = (typeof BUDGET_SEVERITIES)[number];

export interface BudgetSettings {
  /** null: no limit. */
  monthlyBudgetUsd: number | null;
  budgetWarningPercent: number;
}

/** The stored settings with defaults filled in; an unreadable value counts as unset. */
export function budgetSettings(settings: TenantSettings): BudgetSettings {
  const limit = settings.monthlyBudgetUsd;
  const warning = settings.budgetWarningPercent;
  const usableWarning = typeof warning === "number" && Number.isInteger(warning) && warning >= 1 && warning < CRITICAL_PERCENT;
  return {
    monthlyBudgetUsd: typeof limit === "number" && limit > 0 ? limit : null,
    budgetWarningPercent: usableWarning ? warning : DEFAULT_WARNING_PERCENT,
  };
}

/**
 * The settings JSON with a new budget. "No limit" removes the key rather than storing null.
 */
export function withBudgetSettings(settings: TenantSettings, budget: BudgetSettings): TenantSettings {
  const next: TenantSettings = { ...settings, budgetWarningPercent: budget.budgetWarningPercent };
  if (budget.monthlyBudgetUsd === null) delete next.monthlyBudgetUsd;
  else next.monthlyBudgetUsd = budget.monthlyBudgetUsd;
  return next;
}

/** The thresholds month-to-date spend has reached, warning first. None without a limit. */
export function thresholdsReached(spendUsd: number, budget: BudgetSettings): { severity: BudgetSeverity; thresholdPercent: number }[] {
  const limit = budget.monthlyBudgetUsd;
  if (limit === null) return [];
  const thresholds = [
    { severity: "warning" as const, thresholdPercent: budget.budgetWarningPercent },
    { severity: "critical" as const, thresholdPercent: CRITICAL_PERCENT },
  ];
  // In whole millionths of a dollar (what usage costs are stored in), so $40 of $50 is exactly 80%, not 79.99999%.
  const spendMicros = Math.round(spendUsd * 1e6);
  const limitMicros = Math.round(limit * 1e6);
  return thresholds.filter((threshold) => spendMicros * 100 >= limitMicros * threshold.thresholdPercent);
}

const dollars = z
  .string({ error: "Enter an amount in US dollars, or leave it empty for no limit." })
  .trim()
  .transform((text) => text.replace(/^\$/, "").replaceAll(",", ""))
  .refine((text) => text === "" || /^\d+(\.\d{1,2})?$/.test(text), "Enter an amount in US dollars, such as 50 or 49.99.")
  .transform((text) => (text === "" ? null : Number(text)))
  .refine((amount) => amount === null || amount >= MIN_MONTHLY_BUDGET_USD, "Enter at least $0.01, or leave it empty for no limit.")
  .refine((amount) => amount === null || amount <= MAX_MONTHLY_BUDGET_USD, "Enter at most $1,000,000.");

const percent = z
  .string({ error: "Enter a percentage from 1 to 99." })
  .trim()
  .min(1, "Enter a percentage from 1 to 99.")
  .pipe(
    z.coerce
      .number<string>({ error: "Enter a percentage from 1 to 99." })
      .int("Enter a whole percentage.")
      .min(1, "Enter a percentage from 1 to 99.")
      .max(CRITICAL_PERCENT - 1, "Enter at most 99%: at 100% the assistant stops, which is always the second alert."),
  );

/** Field names are the settings keys. */
export const BudgetFormSchema = z.object({ monthlyBudgetUsd: dollars, budgetWarningPercent: percent });

export function parseBudgetForm(form: FormData): FormResult<BudgetSettings> {
  const result = BudgetFormSchema.safeParse({
    monthlyBudgetUsd: form.get("monthlyBudgetUsd") ?? undefined,
    budgetWarningPercent: form.get("budgetWarningPercent") ?? undefined,
  });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: z.flattenError(result.error).fieldErrors as FieldErrors };
}

/** "$50.00"; amounts below a cent but above zero read "<$0.01" rather than a misleading "$0.00". */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.005) return "<$0.01";
  return amount.toLocaleString("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
