import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { Tenant } from "./Tenant";

/** Ordered from most to least powerful; see app/auth/roles.ts. */
export const USER_ROLES = ["owner", "admin", "agent", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const User = defineEntity({
  name: "User",
  tableName: "users",
  checks: [{ name: "users_email_lowercase", expression: "email = lower(email)" }],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").index(),
    email: p.string().length(254).unique(),
    name: p.string().length(120),
    passwordHash: p.string().hidden().lazy(true, false),
    role: p.enum([...USER_ROLES]).default("agent"),
    lastLoginAt: p.datetime().columnType("timestamptz").nullable(),
    /** Refreshed while the user has the inbox open: "an agent is online" for handoffs. */
    lastSeenAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type User = InferEntity<typeof User>;
