import type { EntityManager } from "@mikro-orm/postgresql";

/** What the tenant's model calls have cost since the start of this calendar month (UTC). */
export async function monthToDateSpend(em: EntityManager, tenantId: string): Promise<number> {
  const [row] = await em.execute<{ spend: string | null }[]>(
    `select sum(cost_usd) as spend from usage_events
     where tenant_id = ? and created_at >= date_trunc('month', now() at time zone 'utc') at time zone 'utc'`,
    [tenantId],
  );
  return Number(row?.spend ?? 0);
}
