import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormNotice, SubmitButton, TextField } from "~/components/form";
import { Panel } from "~/components/page-header";
import type { FieldErrors } from "~/utils/forms";
import { CRITICAL_PERCENT, MAX_MONTHLY_BUDGET_USD, MIN_MONTHLY_BUDGET_USD, type BudgetSettings } from "./budget-settings";

export const SAVE_BUDGET_INTENT = "save-budget";

export interface BudgetActionResult {
  fieldErrors?: FieldErrors;
  notice?: string;
}

/** The monthly spend limit and when admins are warned; read-only below admin. */
export function BudgetPanel({ budget, canEdit, result }: { budget: BudgetSettings; canEdit: boolean; result?: BudgetActionResult }) {
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === SAVE_BUDGET_INTENT;
  return (
    <Panel title="Budget">
      <Form method="post" className="space-y-4" noValidate key={JSON.stringify(budget)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={SAVE_BUDGET_INTENT} />
        <p className="text-sm text-slate-600">
          What the assistant&apos;s model calls may cost per calendar month (UTC). At the limit the assistant stops calling models and offers visitors a person
          until the month ends or the limit is raised. Owners and admins see a banner and your webhook is told at each threshold.{" "}
          <Link to="/dashboard/usage" className="font-medium text-brand-700 hover:underline">
            See this month&apos;s usage
          </Link>
        </p>
        <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Monthly limit (US dollars)"
            name="monthlyBudgetUsd"
            inputMode="decimal"
            placeholder="No limit"
            defaultValue={budget.monthlyBudgetUsd === null ? "" : budget.monthlyBudgetUsd.toFixed(2)}
            hint={`From $${MIN_MONTHLY_BUDGET_USD} to $${MAX_MONTHLY_BUDGET_USD.toLocaleString("en-US")}. Leave empty for no limit.`}
            errors={result?.fieldErrors?.monthlyBudgetUsd}
          />
          <TextField
            label="Warn at (% of the limit)"
            name="budgetWarningPercent"
            type="number"
            min={1}
            max={CRITICAL_PERCENT - 1}
            defaultValue={budget.budgetWarningPercent}
            hint={`A second, critical alert comes at ${CRITICAL_PERCENT}%.`}
            errors={result?.fieldErrors?.budgetWarningPercent}
          />
        </fieldset>
        {canEdit ? <SubmitButton pending={saving}>Save budget</SubmitButton> : <p className="text-sm text-slate-500">Only owners and admins can change these settings.</p>}
        <FormNotice message={result?.notice} />
      </Form>
    </Panel>
  );
}
