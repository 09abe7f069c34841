import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Tenant } from "./Tenant";

/** Model usage and cost per workspace, UTC day, service, provider and model; kept up to date as usage events are written. */
export const AnalyticsUsageDaily = defineEntity({
  name: "AnalyticsUsageDaily",
  tableName: "analytics_usage_daily",
  properties: {
    id: p.uuid().primary().defaultRaw("gen_random_uuid()"),
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    day: p.string().columnType("date"),
    service: p.string(),
    provider: p.string().length(40),
    model: p.string().length(120),
    calls: p.integer().default(0),
    inputTokens: p.bigint("number").default(0),
    outputTokens: p.bigint("number").default(0),
    costUsd: p.decimal("number").precision(14).scale(6).default(0),
  },
});
export type AnalyticsUsageDaily = InferEntity<typeof AnalyticsUsageDaily>;
