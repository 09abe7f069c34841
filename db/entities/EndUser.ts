import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Tenant } from "./Tenant";

/** A tenant's customer, as seen through the widget. Never logs in to the dashboard. */
export const EndUser = defineEntity({
  name: "EndUser",
  tableName: "end_users",
  uniques: [{ properties: ["tenant", "externalId"] }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    externalId: p.string().length(255).nullable(),
    identityVerified: p.boolean().default(false),
    email: p.string().length(254).nullable(),
    name: p.string().length(120).nullable(),
    metadata: p.json<Record<string, unknown>>().default("{}"),
    firstSeenAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
    lastSeenAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
    /** -1 to 1, over their conversations' sentiment. */
    averageSentiment: p.float().nullable(),
    conversationCount: p.integer().default(0),
  },
});
export type EndUser = InferEntity<typeof EndUser>;
