import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { AiPersonality } from "./AiPersonality";
import { EndUser } from "./EndUser";
import { Tenant } from "./Tenant";
import { Widget } from "./Widget";

export const CONVERSATION_STATUSES = ["open", "escalated", "resolved", "closed"] as const;

/** One chat between an end user and the tenant, through a widget. */
export const Conversation = defineEntity({
  name: "Conversation",
  tableName: "conversations",
  // Plus two covering indexes for the analytics overview (see the analytics_covering_indexes migration).
  indexes: [{ properties: ["tenant", "createdAt"] }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    widget: () => p.manyToOne(Widget).ref().nullable().deleteRule("set null").index(),
    endUser: () => p.manyToOne(EndUser).ref().nullable().deleteRule("set null").index(),
    personality: () => p.manyToOne(AiPersonality).ref().nullable().deleteRule("set null"),
    status: p.enum([...CONVERSATION_STATUSES]).default("open"),
    sessionTokenHash: p.string().length(64).nullable().unique(),
    sessionExpiresAt: p.datetime().columnType("timestamptz").nullable(),
    summary: p.text().nullable(),
    sentiment: p.float().nullable(),
    messageCount: p.integer().default(0),
    costUsd: p.decimal("number").precision(12).scale(6).default(0),
    metadata: p.json<Record<string, unknown>>().default("{}"),
    lastMessageAt: p.datetime().columnType("timestamptz").nullable(),
    /** Facts the analytics overview filters on, kept up to date by the rollup triggers. */
    firstQuestionAt: p.datetime().columnType("timestamptz").nullable(),
    /** From the first question to the first answer. */
    firstAnswerMs: p.integer().nullable(),
    assistantAnswers: p.integer().default(0),
    notHelpfulVotes: p.integer().default(0),
    escalated: p.boolean().default(false),
    endedAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type Conversation = InferEntity<typeof Conversation>;
