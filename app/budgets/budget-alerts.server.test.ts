import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { AuditLog, BudgetAlert, Tenant, UsageEvent, WebhookDelivery, WebhookEndpoint } from "../../db/entities";
import type { TenantSettings } from "../../db/entities/Tenant";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { getRequest, postForm, signedIn } from "../auth/test-sign-in.server";
import * as dashboardRoute from "../routes/dashboard";
import * as usageRoute from "../routes/dashboard.usage";
import { acknowledgeBudgetAlert, listBudgetAlerts, pendingBudgetAlert } from "./budget-alerts.server";
import { updateBudgetSettings } from "./budget-settings.server";
import { utcMonth } from "./forecast";
import { recordUsage } from "./record-usage.server";
import { monthToDateSpend } from "./spend.server";
import { usageReport } from "./usage-report.server";

useTestDatabase();

interface TestTenant {
  tenantId: string;
  ownerId: string;
  actor: { id: string; tenant: { id: string; name: string; slug: string } };
}

let acme: TestTenant;

async function newTenant(name: string, settings: TenantSettings = {}, { webhook = true } = {}): Promise<TestTenant> {
  const { tenantId, ownerId } = await createTestTenant(name);
  await withTenant(tenantId, async (em) => {
    (await em.findOneOrFail(Tenant, { id: tenantId })).settings = settings;
    if (webhook) em.create(WebhookEndpoint, { tenant: tenantId, url: "https://hooks.example.test/budget", secret: randomUUID(), events: ["budget.threshold_crossed"] });
  });
  return { tenantId, ownerId, actor: { id: ownerId, tenant: { id: tenantId, name, slug: "" } } };
}

function spend(tenantId: string, costUsd: number) {
  return withTenant(tenantId, (em) =>
    recordUsage(em, { tenantId, service: "chat", provider: "openai-compatible", model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 200, costUsd }),
  );
}

const alertsOf = (tenantId: string) =>
  withTenant(tenantId, (em) => em.find(BudgetAlert, { tenant: tenantId }, { orderBy: { thresholdPercent: "asc" } }));
const budgetWebhooksOf = (tenantId: string) =>
  withTenant(tenantId, (em) => em.find(WebhookDelivery, { tenant: tenantId, event: "budget.threshold_crossed" }, { orderBy: { createdAt: "asc" } }));

beforeEach(async () => {
  acme = await newTenant("Acme", { monthlyBudgetUsd: 1, budgetWarningPercent: 80 });
});

describe("crossing a threshold", () => {
  it("records one alert per severity and queues one webhook each, however many usage writes cross at once", async () => {
    await spend(acme.tenantId, 0.5);
    expect(await alertsOf(acme.tenantId)).toEqual([]);

    await Promise.all(Array.from({ length: 20 }, () => spend(acme.tenantId, 0.05)));

    const period = utcMonth(new Date()).period;
    const alerts = await alertsOf(acme.tenantId);
    expect(alerts.map((alert) => [alert.period, alert.severity, alert.thresholdPercent, Number(alert.limitUsd)])).toEqual([
      [period, "warning", 80, 1],
      [period, "critical", 100, 1],
    ]);
    // Each was recorded by the write that crossed it: $0.50 plus six, then ten, writes of $0.05.
    expect(alerts.map((alert) => Number(alert.spendUsd))).toEqual([0.8, 1]);
    const deliveries = await budgetWebhooksOf(acme.tenantId);
    expect(deliveries.map((delivery) => delivery.payload)).toEqual([
      { period, severity: "warning", thresholdPercent: 80, spendUsd: 0.8, limitUsd: 1 },
      { period, severity: "critical", thresholdPercent: 100, spendUsd: 1, limitUsd: 1 },
    ]);
    expect(await withTenant(acme.tenantId, (em) => monthToDateSpend(em, acme.tenantId))).toBeCloseTo(1.5, 6);
  });

  it("records both alerts when one write goes straight past the limit", async () => {
    await spend(acme.tenantId, 1.2);
    expect((await alertsOf(acme.tenantId)).map((alert) => alert.severity)).toEqual(["warning", "critical"]);
    expect(await budgetWebhooksOf(acme.tenantId)).toHaveLength(2);
  });

  it("records nothing without a limit", async () => {
    const unlimited = await newTenant("Unlimited");
    await spend(unlimited.tenantId, 5_000);
    expect(await alertsOf(unlimited.tenantId)).toEqual([]);
    expect(await budgetWebhooksOf(unlimited.tenantId)).toEqual([]);
  });

  it("still records the alert when the workspace has no webhook for it", async () => {
    const quiet = await newTenant("Quiet", { monthlyBudgetUsd: 1 }, { webhook: false });
    await spend(quiet.tenantId, 0.9);
    expect((await alertsOf(quiet.tenantId)).map((alert) => alert.severity)).toEqual(["warning"]);
    expect(await withTenant(quiet.tenantId, (em) => em.count(WebhookDelivery, { tenant: quiet.tenantId }))).toBe(0);
  });

  it("never counts another workspace's spend", async () => {
    const big = await newTenant("Big spender", { monthlyBudgetUsd: 1_000 });
    await spend(big.tenantId, 900);
    await spend(acme.tenantId, 0.1);
    expect(await alertsOf(acme.tenantId)).toEqual([]);
    expect(await withTenant(acme.tenantId, (em) => monthToDateSpend(em, acme.tenantId))).toBeCloseTo(0.1, 6);
    expect((await usageReport({ tenantId: acme.tenantId })).byModel).toEqual([expect.objectContaining({ calls: 1, costUsd: 0.1 })]);
    expect((await alertsOf(big.tenantId)).map((alert) => alert.severity)).toEqual(["warning"]);
  });

  it("counts only this UTC month", async () => {
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0, 23, 59));
    await withTenant(acme.tenantId, async (em) => {
      em.create(UsageEvent, { tenant: acme.tenantId, service: "chat", provider: "openai-compatible", model: "gpt-4o-mini", costUsd: 7, createdAt: lastMonth });
    });
    expect(await withTenant(acme.tenantId, (em) => monthToDateSpend(em, acme.tenantId))).toBe(0);
    expect(await withTenant(acme.tenantId, (em) => monthToDateSpend(em, acme.tenantId, lastMonth))).toBe(7);
  });
});

describe("changing the budget", () => {
  it("saves the limit with an audit entry, and alerts at once when spend is already past it", async () => {
    await spend(acme.tenantId, 0.6);
    await updateBudgetSettings({ actor: acme.actor, budget: { monthlyBudgetUsd: 0.5, budgetWarningPercent: 80 } });
    expect((await alertsOf(acme.tenantId)).map((alert) => alert.severity)).toEqual(["warning", "critical"]);
    const audit = await withTenant(acme.tenantId, (em) => em.find(AuditLog, { tenant: acme.tenantId, action: "budget_settings.updated" }));
    expect(audit.map((entry) => entry.details)).toEqual([{ monthlyBudgetUsd: [1, 0.5] }]);
    expect((await withTenant(acme.tenantId, (em) => em.findOneOrFail(Tenant, { id: acme.tenantId }))).settings).toMatchObject({ monthlyBudgetUsd: 0.5 });
  });

  it("withdraws alerts a higher limit no longer reaches, so crossing the new one alerts again", async () => {
    await spend(acme.tenantId, 1);
    await updateBudgetSettings({ actor: acme.actor, budget: { monthlyBudgetUsd: 1.2, budgetWarningPercent: 80 } });
    expect((await alertsOf(acme.tenantId)).map((alert) => [alert.severity, Number(alert.limitUsd)])).toEqual([["warning", 1]]);
    await spend(acme.tenantId, 0.2);
    expect((await alertsOf(acme.tenantId)).map((alert) => [alert.severity, Number(alert.limitUsd)])).toEqual([
      ["warning", 1],
      ["critical", 1.2],
    ]);
  });

  it("lifting the limit removes this month's alerts and lets the assistant answer", async () => {
    await spend(acme.tenantId, 1);
    await updateBudgetSettings({ actor: acme.actor, budget: { monthlyBudgetUsd: null, budgetWarningPercent: 80 } });
    expect(await alertsOf(acme.tenantId)).toEqual([]);
    const settings = (await withTenant(acme.tenantId, (em) => em.findOneOrFail(Tenant, { id: acme.tenantId }))).settings;
    expect("monthlyBudgetUsd" in settings).toBe(false);
  });

  it("writes no audit entry when nothing changed", async () => {
    await updateBudgetSettings({ actor: acme.actor, budget: { monthlyBudgetUsd: 1, budgetWarningPercent: 80 } });
    expect(await withTenant(acme.tenantId, (em) => em.count(AuditLog, { tenant: acme.tenantId, action: "budget_settings.updated" }))).toBe(0);
  });
});

describe("dismissing alerts", () => {
  it("shows the most severe alert until dismissed; dismissing it also dismisses the warning", async () => {
    await spend(acme.tenantId, 1.1);
    const pending = await pendingBudgetAlert({ tenantId: acme.tenantId });
    expect(pending).toMatchObject({ severity: "critical", thresholdPercent: 100, spendUsd: 1.1, limitUsd: 1 });
    await acknowledgeBudgetAlert({ actor: acme.actor, alertId: pending!.id });
    expect(await pendingBudgetAlert({ tenantId: acme.tenantId })).toBeNull();
    expect((await listBudgetAlerts({ tenantId: acme.tenantId })).every((alert) => alert.acknowledgedAt !== null)).toBe(true);
  });

  it("cannot dismiss another workspace's alert", async () => {
    await spend(acme.tenantId, 0.9);
    const alert = await pendingBudgetAlert({ tenantId: acme.tenantId });
    const other = await newTenant("Other");
    const refusal = await acknowledgeBudgetAlert({ actor: other.actor, alertId: alert!.id }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(404);
    expect(await pendingBudgetAlert({ tenantId: acme.tenantId })).toMatchObject({ id: alert!.id });
  });
});

describe("the banner and the usage page", () => {
  const loaderArgs = (cookie: string, path = "/dashboard") => getRequest(cookie, path);

  function dismissRequest(session: { cookie: string; csrf: string }, alertId: string, csrf = session.csrf) {
    return postForm(session, "/dashboard/usage", { csrf, intent: "dismiss-alert", alertId });
  }

  it("shows owners and admins the alert, never agents or viewers", async () => {
    await spend(acme.tenantId, 0.85);
    for (const role of ["owner", "admin"] as const) {
      const layout = await dashboardRoute.loader(loaderArgs((await signedIn(acme, role)).cookie));
      expect(layout.budgetAlert).toMatchObject({ severity: "warning", thresholdPercent: 80, spendUsd: 0.85, limitUsd: 1 });
    }
    for (const role of ["agent", "viewer"] as const) {
      const layout = await dashboardRoute.loader(loaderArgs((await signedIn(acme, role)).cookie));
      expect(layout.budgetAlert).toBeNull();
    }
  });

  it("lets an admin dismiss through the usage page's action, with a CSRF token; agents may not", async () => {
    await spend(acme.tenantId, 0.85);
    const alert = (await pendingBudgetAlert({ tenantId: acme.tenantId }))!;

    const agent = await signedIn(acme, "agent");
    const forbidden = await usageRoute.action(dismissRequest(agent, alert.id)).catch((error: unknown) => error);
    expect((forbidden as Response).status).toBe(403);

    const admin = await signedIn(acme, "admin");
    const forged = await usageRoute.action(dismissRequest(admin, alert.id, "not-the-token")).catch((error: unknown) => error);
    expect((forged as Response).status).toBe(403);
    expect(await pendingBudgetAlert({ tenantId: acme.tenantId })).not.toBeNull();

    await usageRoute.action(dismissRequest(admin, alert.id));
    expect(await pendingBudgetAlert({ tenantId: acme.tenantId })).toBeNull();
    expect((await dashboardRoute.loader(loaderArgs(admin.cookie))).budgetAlert).toBeNull();
    const audit = await withTenant(acme.tenantId, (em) => em.find(AuditLog, { tenant: acme.tenantId, action: "budget_alert.dismissed" }));
    expect(audit).toHaveLength(1);
  });

  it("lets a viewer read the usage page, without dismiss rights", async () => {
    await spend(acme.tenantId, 0.85);
    const viewer = await signedIn(acme, "viewer");
    const page = await usageRoute.loader(loaderArgs(viewer.cookie, "/dashboard/usage"));
    expect(page.canEdit).toBe(false);
    expect(page.usage).toMatchObject({ limitUsd: 1, warningPercent: 80 });
    expect(page.usage.spendUsd).toBeCloseTo(0.85, 6);
    expect(page.usage.percentUsed).toBeCloseTo(85, 6);
    expect(page.alerts.map((alert) => alert.severity)).toEqual(["warning"]);
  });
});
