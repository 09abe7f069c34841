import { formatUsd, type BudgetSeverity } from "./budget-settings";

export interface BudgetAlertView {
  id: string;
  period: string;
  severity: BudgetSeverity;
  thresholdPercent: number;
  spendUsd: number;
  limitUsd: number;
  createdAt: Date;
  acknowledgedAt: Date | null;
}

/** What admins read about an alert, in the banner and on the usage page. */
export function budgetAlertMessage(alert: Pick<BudgetAlertView, "severity" | "thresholdPercent" | "spendUsd" | "limitUsd">): string {
  const reached = `Spend has reached ${alert.thresholdPercent}% of this month's ${formatUsd(alert.limitUsd)} budget (${formatUsd(alert.spendUsd)}).`;
  return alert.severity === "critical" ? `${reached} The assistant has stopped calling models; visitors are offered a person.` : reached;
}
