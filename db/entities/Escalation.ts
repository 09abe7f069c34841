import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { Conversation } from "./Conversation";
import { EndUser } from "./EndUser";
import { Tenant } from "./Tenant";
import { User } from "./User";

export const ESCALATION_STATUSES = ["open", "assigned", "waiting", "resolved"] as const;
export const ESCALATION_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const ESCALATION_TRIGGERS = ["visitor_request", "low_confidence", "negative_feedback", "keyword_rule", "agent"] as const;

/** A conversation handed to a human. At most one unresolved escalation per conversation. */
export const Escalation = defineEntity({
  name: "Escalation",
  tableName: "escalations",
  indexes: [
    { properties: ["tenant", "status", "createdAt"] },
    { name: "escalations_queue", properties: ["tenant", "status", "priority", "slaDueAt"] },
    { properties: ["tenant", "lastActivityAt"] },
    {
      name: "escalations_one_unresolved_per_conversation",
      expression: `create unique index "escalations_one_unresolved_per_conversation" on "escalations" ("conversation_id") where "status" <> 'resolved'`,
    },
  ],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    conversation: () => p.manyToOne(Conversation).ref().deleteRule("cascade").index(),
    endUser: () => p.manyToOne(EndUser).ref().nullable().deleteRule("set null"),
    trigger: p.enum([...ESCALATION_TRIGGERS]),
    reason: p.text().default(""),
    priority: p.enum([...ESCALATION_PRIORITIES]).default("normal"),
    status: p.enum([...ESCALATION_STATUSES]).default("open"),
    assignee: () => p.manyToOne(User).ref().nullable().deleteRule("set null").index(),
    assignedAt: p.datetime().columnType("timestamptz").nullable(),
    /** The last visitor message, agent message or status change: newer than an agent's read mark means unread. */
    lastActivityAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
    slaDueAt: p.datetime().columnType("timestamptz").nullable(),
    firstResponseAt: p.datetime().columnType("timestamptz").nullable(),
    resolvedAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type Escalation = InferEntity<typeof Escalation>;
