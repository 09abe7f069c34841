import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Tenant } from "./Tenant";
import { User } from "./User";

/** Who did what to which record, for the tenant's security trail. */
export const AuditLog = defineEntity({
  name: "AuditLog",
  tableName: "audit_logs",
  indexes: [{ properties: ["tenant", "createdAt"] }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    actor: () => p.manyToOne(User).ref().nullable().deleteRule("set null"),
    action: p.string().length(80),
    targetType: p.string().length(60).nullable(),
    targetId: p.string().length(64).nullable(),
    ipAddress: p.string().length(64).nullable(),
    details: p.json<Record<string, unknown>>().default("{}"),
  },
});
export type AuditLog = InferEntity<typeof AuditLog>;
