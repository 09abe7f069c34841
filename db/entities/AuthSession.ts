import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Tenant } from "./Tenant";
import { User } from "./User";

/** A dashboard login. The cookie holds a random token; only its SHA-256 is stored. */
export const AuthSession = defineEntity({
  name: "AuthSession",
  tableName: "auth_sessions",
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").index(),
    user: () => p.manyToOne(User).ref().deleteRule("cascade").index(),
    tokenHash: p.string().length(64).unique(),
    data: p.json<Record<string, unknown>>().default("{}"),
    ipAddress: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
    lastSeenAt: p.datetime().columnType("timestamptz"),
    expiresAt: p.datetime().columnType("timestamptz").index(),
  },
});
export type AuthSession = InferEntity<typeof AuthSession>;
