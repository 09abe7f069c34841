import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Tenant } from "./Tenant";
import { User, USER_ROLES } from "./User";

/** A pending team invite; the link carries a random token, only its SHA-256 is stored. */
export const Invitation = defineEntity({
  name: "Invitation",
  tableName: "invitations",
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").index(),
    email: p.string().length(254),
    role: p.enum([...USER_ROLES]),
    tokenHash: p.string().length(64).unique(),
    invitedBy: () => p.manyToOne(User).ref().nullable().deleteRule("set null"),
    expiresAt: p.datetime().columnType("timestamptz"),
    acceptedAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type Invitation = InferEntity<typeof Invitation>;
