import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Tenant } from "./Tenant";
import { User } from "./User";

/** A server-to-server credential; the key is shown once, only its SHA-256 is stored. */
export const ApiKey = defineEntity({
  name: "ApiKey",
  tableName: "api_keys",
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").index(),
    name: p.string().length(120),
    prefix: p.string().length(16),
    keyHash: p.string().length(64).unique(),
    scopes: p.array().default("{}"),
    createdBy: () => p.manyToOne(User).ref().nullable().deleteRule("set null"),
    lastUsedAt: p.datetime().columnType("timestamptz").nullable(),
    expiresAt: p.datetime().columnType("timestamptz").nullable(),
    revokedAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKey>;
