import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { Conversation } from "./Conversation";
import { EndUser } from "./EndUser";
import { LEAD_STATUSES } from "./lead-statuses";
import { Tenant } from "./Tenant";


/** A prospective customer noticed in a conversation. */
export const Lead = defineEntity({
  name: "Lead",
  tableName: "leads",
  indexes: [{ properties: ["tenant", "status", "createdAt"] }],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    conversation: () => p.manyToOne(Conversation).ref().nullable().deleteRule("set null"),
    endUser: () => p.manyToOne(EndUser).ref().nullable().deleteRule("set null"),
    name: p.string().length(120).nullable(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(40).nullable(),
    intent: p.text().default(""),
    status: p.enum([...LEAD_STATUSES]).default("new"),
    notes: p.text().default(""),
  },
});
export type Lead = InferEntity<typeof Lead>;
