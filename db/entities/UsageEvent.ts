import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Conversation } from "./Conversation";
import { Tenant } from "./Tenant";

export const USAGE_SERVICES = ["chat", "embedding"] as const;

/** One billable model call: tokens in and out and what it cost. */
export const UsageEvent = defineEntity({
  name: "UsageEvent",
  tableName: "usage_events",
  indexes: [{ properties: ["tenant", "createdAt"] }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    conversation: () => p.manyToOne(Conversation).ref().nullable().deleteRule("set null"),
    service: p.enum([...USAGE_SERVICES]),
    provider: p.string().length(40),
    model: p.string().length(120),
    inputTokens: p.integer().default(0),
    outputTokens: p.integer().default(0),
    costUsd: p.decimal("number").precision(12).scale(6).default(0),
  },
});
export type UsageEvent = InferEntity<typeof UsageEvent>;
