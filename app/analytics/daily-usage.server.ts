import type { EntityManager } from "@mikro-orm/postgresql";
import type { DailyUsage } from "./daily-usage";
import type { DayRange } from "./overview/date-range";

/** The tenant's usage rollup rows for the days from `days.from` to `days.to`, both included. */
export async function readDailyUsage(em: EntityManager, { tenantId, days }: { tenantId: string; days: DayRange }): Promise<DailyUsage[]> {
  const rows = await em.execute<{ day: string; service: string; provider: string; model: string; calls: number; input_tokens: number; output_tokens: number; cost_usd: number }[]>(
    // The day as text: the driver would turn a date into local midnight.
    `select to_char(day, 'YYYY-MM-DD') as day, service, provider, model, calls,
            input_tokens::float8 as input_tokens, output_tokens::float8 as output_tokens, cost_usd::float8 as cost_usd
     from analytics_usage_daily
     where tenant_id = ? and day between ? and ?
     order by day, service, provider, model`,
    [tenantId, days.from, days.to],
  );
  return rows.map((row) => ({
    day: row.day,
    service: row.service,
    provider: row.provider,
    model: row.model,
    calls: Number(row.calls),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
  }));
}
