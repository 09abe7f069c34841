import { Link, useFetcher } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { budgetAlertMessage, type BudgetAlertView } from "./alert-wording";
import type { BudgetSeverity } from "./budget-settings";

export const DISMISS_ALERT_INTENT = "dismiss-alert";
/** The usage page's action dismisses alerts, from its own list and from this banner. */
export const DISMISS_ALERT_ACTION = "/dashboard/usage";

export type BannerAlert = Pick<BudgetAlertView, "id" | "severity" | "thresholdPercent" | "spendUsd" | "limitUsd">;

const TONES: Record<BudgetSeverity, string> = {
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  critical: "border-red-300 bg-red-50 text-red-900",
};

/** This month's budget alert, for owners and admins, on every dashboard page until dismissed. */
export function BudgetBanner({ alert }: { alert: BannerAlert }) {
  return (
    <section aria-label="Budget" className={`flex flex-wrap items-center justify-between gap-3 border-b px-6 py-3 text-sm ${TONES[alert.severity]}`}>
      <p>
        {budgetAlertMessage(alert)}{" "}
        <Link to="/dashboard/usage" className="font-medium underline">
          See usage
        </Link>
      </p>
      <DismissAlertButton alertId={alert.id} />
    </section>
  );
}

/** Posts without leaving the page; the loaders then reload and the banner goes. */
export function DismissAlertButton({ alertId }: { alertId: string }) {
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post" action={DISMISS_ALERT_ACTION}>
      <CsrfInput />
      <input type="hidden" name="intent" value={DISMISS_ALERT_INTENT} />
      <input type="hidden" name="alertId" value={alertId} />
      <button type="submit" disabled={fetcher.state !== "idle"} className="rounded-md border border-current px-3 py-1 font-medium disabled:opacity-60">
        Dismiss
      </button>
    </fetcher.Form>
  );
}
