import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { Tenant } from "./Tenant";

export const WEBHOOK_EVENTS = ["escalation.created", "escalation.assigned", "escalation.resolved", "budget.threshold_crossed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Where a workspace wants its events POSTed (one per workspace), signed with its secret. */
export const WebhookEndpoint = defineEntity({
  name: "WebhookEndpoint",
  tableName: "webhook_endpoints",
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").unique(),
    url: p.string().length(2048),
    secret: p.string().length(64).hidden().lazy(true, false),
    events: p.array<WebhookEvent>().default("{}"),
    isActive: p.boolean().default(true),
  },
});
export type WebhookEndpoint = InferEntity<typeof WebhookEndpoint>;
