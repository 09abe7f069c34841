import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Conversation } from "./Conversation";
import { Tenant } from "./Tenant";

/** visitor: shown in the widget of its conversation (and to agents); agents: the dashboard only. */
export const LIVE_EVENT_AUDIENCES = ["visitor", "agents"] as const;

/**
 * One change announced to open widgets and inboxes in every app process. Written by
 * app/live/live-events.server.ts in the transaction that makes the change; read in (txId, seq)
 * order (see the escalation_inbox migration for why).
 */
export const LiveEvent = defineEntity({
  name: "LiveEvent",
  tableName: "live_events",
  properties: {
    id: p.uuid().primary().defaultRaw("gen_random_uuid()"),
    createdAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    conversation: () => p.manyToOne(Conversation).ref().nullable().deleteRule("cascade"),
    /** Assigned by the database (bigserial) on insert. */
    seq: p.string().columnType("bigint").nullable().persist(false),
    /** The writing transaction, pg_current_xact_id(); set by the database. */
    txId: p.string().columnType("xid8").nullable().persist(false),
    audience: p.enum([...LIVE_EVENT_AUDIENCES]),
    type: p.string().length(40),
    payload: p.json<Record<string, unknown>>().default("{}"),
  },
});
export type LiveEvent = InferEntity<typeof LiveEvent>;
