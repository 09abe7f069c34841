import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Tenant } from "./Tenant";
import { WEBHOOK_EVENTS, WebhookEndpoint } from "./WebhookEndpoint";

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivering", "succeeded", "failed"] as const;

/**
 * One event on its way to a workspace's webhook. Senders claim due rows with FOR UPDATE SKIP
 * LOCKED and a lease (`lockedUntil`); a row whose sender died is claimed again once the lease lapses.
 */
export const WebhookDelivery = defineEntity({
  name: "WebhookDelivery",
  tableName: "webhook_deliveries",
  indexes: [
    { properties: ["tenant", "createdAt"] },
    {
      // Finished deliveries pile up; the claim only ever looks at unfinished ones.
      name: "webhook_deliveries_due",
      expression: `create index "webhook_deliveries_due" on "webhook_deliveries" ("next_attempt_at") where "status" in ('pending', 'delivering')`,
    },
  ],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    endpoint: () => p.manyToOne(WebhookEndpoint).ref().deleteRule("cascade"),
    event: p.enum([...WEBHOOK_EVENTS]),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum([...WEBHOOK_DELIVERY_STATUSES]).default("pending"),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
    lockedUntil: p.datetime().columnType("timestamptz").nullable(),
    lastStatusCode: p.integer().nullable(),
    lastError: p.text().nullable(),
    deliveredAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;
