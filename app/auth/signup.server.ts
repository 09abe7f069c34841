import { randomBytes } from "node:crypto";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { Tenant, User } from "../../db/entities";
import { withSystem, withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import { hashPassword } from "./password.server";

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists. Log in instead.");
  }
}

function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "workspace"}-${randomBytes(3).toString("hex")}`;
}

/** Creates a workspace and its owner in one transaction; the email must be new. */
export async function createTenantWithOwner(input: {
  organisation: string;
  name: string;
  email: string;
  password: string;
  ipAddress?: string;
}): Promise<{ tenantId: string; userId: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    const created = await withSystem(async (em) => {
      if (await em.count(User, { email: input.email })) throw new EmailTakenError();
      const tenant = em.create(Tenant, { name: input.organisation, slug: slugify(input.organisation) });
      const user = em.create(User, {
        tenant,
        email: input.email,
        name: input.name,
        passwordHash,
        role: "owner",
      });
      await em.flush();
      return { tenantId: tenant.id, userId: user.id };
    });
    await withTenant(created.tenantId, async (em) => {
      recordAudit(em, {
        tenantId: created.tenantId,
        actorId: created.userId,
        action: "tenant.created",
        ipAddress: input.ipAddress,
      });
    });
    return created;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new EmailTakenError();
    throw error;
  }
}
