import { Tenant } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { budgetSettings } from "./budget-settings";
import { utcMonth } from "./forecast";
import { summarizeUsage, type DailyUsage, type UsageSummary } from "./usage-summary";

/** Spend, forecast and breakdowns for the usage page, for the UTC month of `now`. */
export async function usageReport({ tenantId, now = new Date() }: { tenantId: string; now?: Date }): Promise<UsageSummary> {
  const month = utcMonth(now);
  return withTenant(tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const rows = await em.execute<{ day: string; service: string; provider: string; model: string; calls: number; input_tokens: string; output_tokens: string; cost_usd: string }[]>(
      // The day as text: the driver would turn a date into local midnight.
      `select to_char(day, 'YYYY-MM-DD') as day, service, provider, model, calls, input_tokens, output_tokens, cost_usd
       from analytics_usage_daily where tenant_id = ? and day >= ? and day < ?`,
      [tenantId, month.firstDay, month.nextMonthFirstDay],
    );
    const usage: DailyUsage[] = rows.map((row) => ({
      day: row.day,
      service: row.service,
      provider: row.provider,
      model: row.model,
      calls: Number(row.calls),
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      costUsd: Number(row.cost_usd),
    }));
    return summarizeUsage({ rows: usage, month, budget: budgetSettings(tenant.settings) });
  });
}
