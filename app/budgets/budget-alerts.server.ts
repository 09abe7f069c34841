import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { BudgetAlert, Tenant } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";
import { notFound } from "../utils/errors";
import { enqueueWebhookEvent } from "../webhooks/webhooks.server";
import type { BudgetAlertView } from "./alert-wording";
import { budgetSettings, thresholdsReached, type BudgetSettings } from "./budget-settings";
import { utcMonth } from "./forecast";
import { monthToDateSpend } from "./spend.server";

/**
 * Records an alert for each threshold this month's spend has reached and that has none yet, and
 * queues the `budget.threshold_crossed` webhook for the alerts this call recorded. Runs in the
 * caller's transaction, right after usage is written, so every app process behaves alike; the
 * unique (tenant, period, severity) key makes two processes crossing at once record one alert
 * and send one webhook.
 */
export async function raiseBudgetAlerts(em: EntityManager, { tenantId, now = new Date() }: { tenantId: string; now?: Date }): Promise<void> {
  const budget = budgetSettings((await em.findOneOrFail(Tenant, { id: tenantId })).settings);
  if (budget.monthlyBudgetUsd === null) return;
  await recordReachedThresholds(em, { tenantId, budget, spendUsd: await monthToDateSpend(em, tenantId, now), now });
}

/**
 * After the limit or warning threshold changes: this month's alerts for thresholds no longer
 * reached are withdrawn (so reaching the new threshold alerts again), and any now reached are raised.
 */
export async function realignBudgetAlerts(em: EntityManager, { tenantId, budget, now = new Date() }: { tenantId: string; budget: BudgetSettings; now?: Date }): Promise<void> {
  const spendUsd = await monthToDateSpend(em, tenantId, now);
  const reached = thresholdsReached(spendUsd, budget).map((threshold) => threshold.severity);
  await em.nativeDelete(BudgetAlert, { tenant: tenantId, period: utcMonth(now).period, ...(reached.length ? { severity: { $nin: reached } } : {}) });
  await recordReachedThresholds(em, { tenantId, budget, spendUsd, now });
}

async function recordReachedThresholds(
  em: EntityManager,
  { tenantId, budget, spendUsd, now }: { tenantId: string; budget: BudgetSettings; spendUsd: number; now: Date },
): Promise<void> {
  const limitUsd = budget.monthlyBudgetUsd;
  if (limitUsd === null) return;
  const { period } = utcMonth(now);
  for (const { severity, thresholdPercent } of thresholdsReached(spendUsd, budget)) {
    const [inserted] = await em.execute<{ id: string }[]>(
      `insert into budget_alerts (id, tenant_id, period, severity, threshold_percent, spend_usd, limit_usd)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, period, severity) do nothing
       returning id`,
      [randomUUID(), tenantId, period, severity, thresholdPercent, spendUsd, limitUsd],
    );
    if (!inserted) continue;
    await enqueueWebhookEvent(em, { tenantId, event: "budget.threshold_crossed", payload: { period, severity, thresholdPercent, spendUsd, limitUsd } });
  }
}

/** This month's alerts, newest first. */
export async function listBudgetAlerts({ tenantId, now = new Date() }: { tenantId: string; now?: Date }): Promise<BudgetAlertView[]> {
  return withTenant(tenantId, async (em) => {
    const alerts = await em.find(BudgetAlert, { tenant: tenantId, period: utcMonth(now).period }, { orderBy: { createdAt: "desc", thresholdPercent: "desc" } });
    return alerts.map(toView);
  });
}

/** The alert admins see in the banner: the most severe one of this month nobody has dismissed. */
export async function pendingBudgetAlert({ tenantId, now = new Date() }: { tenantId: string; now?: Date }): Promise<BudgetAlertView | null> {
  return withTenant(tenantId, async (em) => {
    const alert = await em.findOne(
      BudgetAlert,
      { tenant: tenantId, period: utcMonth(now).period, acknowledgedAt: null },
      { orderBy: { thresholdPercent: "desc" } },
    );
    return alert ? toView(alert) : null;
  });
}

/** Dismisses an alert and any milder one of the same month, which the banner showed it in place of. */
export async function acknowledgeBudgetAlert({ actor, alertId }: { actor: Pick<CurrentUser, "id" | "tenant">; alertId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const alert = await em.findOne(BudgetAlert, { id: alertId, tenant: tenantId });
    if (!alert) notFound("The budget alert");
    const dismissed = await em.nativeUpdate(
      BudgetAlert,
      { tenant: tenantId, period: alert.period, thresholdPercent: { $lte: alert.thresholdPercent }, acknowledgedAt: null },
      { acknowledgedAt: new Date() },
    );
    if (dismissed > 0) {
      recordAudit(em, { tenantId, actorId: actor.id, action: "budget_alert.dismissed", targetType: "budget_alert", targetId: alert.id, details: { period: alert.period, severity: alert.severity } });
    }
  });
}

function toView(alert: BudgetAlert): BudgetAlertView {
  return {
    id: alert.id,
    period: alert.period,
    severity: alert.severity,
    thresholdPercent: alert.thresholdPercent,
    spendUsd: Number(alert.spendUsd),
    limitUsd: Number(alert.limitUsd),
    createdAt: alert.createdAt,
    acknowledgedAt: alert.acknowledgedAt ?? null,
  };
}
