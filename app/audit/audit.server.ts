import type { EntityManager } from "@mikro-orm/postgresql";
import { AuditLog } from "../../db/entities";

export interface AuditEntry {
  tenantId: string;
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ipAddress?: string | null;
  details?: Record<string, unknown>;
}

/** Adds an audit row to the caller's tenant unit of work; it is written when that work commits. */
export function recordAudit(em: EntityManager, entry: AuditEntry): void {
  em.create(AuditLog, {
    tenant: entry.tenantId,
    actor: entry.actorId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ipAddress: entry.ipAddress ?? null,
    details: entry.details ?? {},
  });
}

export async function listAuditLog({ em, tenantId, limit = 50 }: { em: EntityManager; tenantId: string; limit?: number }) {
  return em.find(
    AuditLog,
    { tenant: tenantId },
    { orderBy: { createdAt: "desc" }, limit, populate: ["actor"] },
  );
}
