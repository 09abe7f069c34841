import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Tenant } from "./Tenant";

/**
 * One workspace's counts for one UTC day and one widget (null: conversations without a widget),
 * kept up to date as messages, votes, escalations and ratings are written (see the analytics
 * rollup migration), so the overview adds up a few rows per day instead of every message.
 */
export const AnalyticsDaily = defineEntity({
  name: "AnalyticsDaily",
  tableName: "analytics_daily",
  properties: {
    id: p.uuid().primary().defaultRaw("gen_random_uuid()"),
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    day: p.string().columnType("date"),
    widgetId: p.uuid().nullable(),
    conversations: p.integer().default(0),
    visitorMessages: p.integer().default(0),
    assistantMessages: p.integer().default(0),
    agentMessages: p.integer().default(0),
    escalations: p.integer().default(0),
    helpfulVotes: p.integer().default(0),
    notHelpfulVotes: p.integer().default(0),
    ratings: p.integer().default(0),
    ratingSum: p.integer().default(0),
    rating1: p.integer().fieldName("rating_1").default(0),
    rating2: p.integer().fieldName("rating_2").default(0),
    rating3: p.integer().fieldName("rating_3").default(0),
    rating4: p.integer().fieldName("rating_4").default(0),
    rating5: p.integer().fieldName("rating_5").default(0),
    answered: p.integer().default(0),
    lowConfidence: p.integer().default(0),
    notCovered: p.integer().default(0),
  },
});
export type AnalyticsDaily = InferEntity<typeof AnalyticsDaily>;
