import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Escalation } from "./Escalation";
import { Tenant } from "./Tenant";
import { User } from "./User";

/** When an agent last looked at an escalation: activity after it makes the escalation unread for them. */
export const EscalationRead = defineEntity({
  name: "EscalationRead",
  tableName: "escalation_reads",
  uniques: [{ properties: ["user", "escalation"] }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    user: () => p.manyToOne(User).ref().deleteRule("cascade"),
    escalation: () => p.manyToOne(Escalation).ref().deleteRule("cascade").index(),
    readAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
  },
});
export type EscalationRead = InferEntity<typeof EscalationRead>;
