import { Tenant } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";
import { realignBudgetAlerts } from "./budget-alerts.server";
import { budgetSettings, withBudgetSettings, type BudgetSettings } from "./budget-settings";

export async function getBudgetSettings({ tenantId }: { tenantId: string }): Promise<BudgetSettings> {
  return withTenant(tenantId, async (em) => budgetSettings((await em.findOneOrFail(Tenant, { id: tenantId })).settings));
}

/**
 * Saves a validated budget (see parseBudgetForm) with an audit entry of what changed. A limit set
 * below this month's spend takes effect at once: its alerts are raised, and the assistant stops
 * on the next message.
 */
export async function updateBudgetSettings({ actor, budget }: { actor: Pick<CurrentUser, "id" | "tenant">; budget: BudgetSettings }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const before = budgetSettings(tenant.settings);
    const changed = (Object.keys(budget) as (keyof BudgetSettings)[]).filter((key) => before[key] !== budget[key]);
    if (changed.length === 0) return;
    recordAudit(em, {
      tenantId,
      actorId: actor.id,
      action: "budget_settings.updated",
      details: Object.fromEntries(changed.map((key) => [key, [before[key], budget[key]]])),
    });
    // A new object, so the ORM sees the JSON column change.
    tenant.settings = withBudgetSettings(tenant.settings, budget);
    await realignBudgetAlerts(em, { tenantId, budget });
  });
}
