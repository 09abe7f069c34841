import { Tenant } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { listAuditLog, recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";

export async function getWorkspace({ tenantId }: { tenantId: string }) {
  return withTenant(tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const activity = await listAuditLog({ em, tenantId, limit: 25 });
    return {
      name: tenant.name,
      slug: tenant.slug,
      plan: tenant.plan,
      retentionDays: tenant.retentionDays,
      createdAt: tenant.createdAt,
      activity: activity.map((entry) => ({
        id: entry.id,
        action: entry.action,
        actor: entry.actor?.getEntity()?.name ?? null,
        details: entry.details,
        createdAt: entry.createdAt,
      })),
    };
  });
}

export async function updateWorkspace({
  actor,
  name,
  retentionDays,
}: {
  actor: Pick<CurrentUser, "id" | "tenant">;
  name: string;
  retentionDays: number;
}) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    recordAudit(em, {
      tenantId,
      actorId: actor.id,
      action: "workspace.updated",
      details: { name: [tenant.name, name], retentionDays: [tenant.retentionDays, retentionDays] },
    });
    tenant.name = name;
    tenant.retentionDays = retentionDays;
  });
}
