import { Tenant } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { readDailyUsage } from "../analytics/daily-usage.server";
import { addDays } from "../analytics/overview/date-range";
import { budgetSettings } from "./budget-settings";
import { utcMonth } from "./forecast";
import { summarizeUsage, type UsageSummary } from "./usage-summary";

/** Spend, forecast and breakdowns for the usage page, for the UTC month of `now`. */
export async function usageReport({ tenantId, now = new Date() }: { tenantId: string; now?: Date }): Promise<UsageSummary> {
  const month = utcMonth(now);
  return withTenant(tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const usage = await readDailyUsage(em, { tenantId, days: { from: month.firstDay, to: addDays(month.nextMonthFirstDay, -1) } });
    return summarizeUsage({ rows: usage, month, budget: budgetSettings(tenant.settings) });
  });
}
