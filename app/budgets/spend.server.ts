import type { EntityManager } from "@mikro-orm/postgresql";
import { utcMonth } from "./forecast";

/**
 * What the tenant's model calls have cost in the UTC calendar month of `now`, read from the daily
 * rollup (a few rows a day) rather than by summing every usage event. Inside the transaction that
 * wrote a usage event it already includes that event: the rollup trigger runs on insert.
 */
export async function monthToDateSpend(em: EntityManager, tenantId: string, now = new Date()): Promise<number> {
  const month = utcMonth(now);
  const [row] = await em.execute<{ spend: string | null }[]>(
    `select sum(cost_usd) as spend from analytics_usage_daily where tenant_id = ? and day >= ? and day < ?`,
    [tenantId, month.firstDay, month.nextMonthFirstDay],
  );
  return Number(row?.spend ?? 0);
}
