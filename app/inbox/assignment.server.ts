import { ref } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Escalation, User } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import { hasRole } from "../auth/roles";
import { actingAgent, assigneeName, lockEscalation, refuseIfResolved, type Actor } from "./acting-agent.server";
import { flushAndAnnounce, queueEscalationWebhook } from "./escalation-events.server";
import { escalationNotFound, InboxError } from "./inbox-error";
import { recordRead } from "./read-marks.server";

/**
 * Takes an unassigned escalation. One statement decides, so when two agents claim at once exactly
 * one wins; the other learns who has it.
 */
export async function claimEscalation({ actor, escalationId }: { actor: Actor; escalationId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const user = await actingAgent(em, actor);
    const now = new Date();
    const [claimed] = await em.execute<{ id: string }[]>(
      `update escalations set assignee_id = ?, status = 'assigned', assigned_at = ?, last_activity_at = ?, updated_at = ?
       where id = ? and tenant_id = ? and assignee_id is null and status <> 'resolved'
       returning id`,
      [user.id, now, now, now, escalationId, tenantId],
    );
    if (!claimed) return explainLostClaim(em, tenantId, escalationId, user);
    const escalation = await em.findOneOrFail(Escalation, { id: escalationId, tenant: tenantId });
    await recordTakeOver(em, tenantId, escalation, user, now);
    await flushAndAnnounce(em, tenantId, escalation, "claimed", { visitorSees: true });
  });
}

async function explainLostClaim(em: EntityManager, tenantId: string, escalationId: string, user: User): Promise<void> {
  const escalation = await em.findOne(Escalation, { id: escalationId, tenant: tenantId });
  if (!escalation) throw escalationNotFound();
  refuseIfResolved(escalation);
  if (escalation.assignee?.id === user.id) return;
  throw new InboxError("conflict", `Already claimed by ${await assigneeName(escalation)}.`);
}

/**
 * What follows whenever someone takes an unassigned escalation (a claim, or a reply or status
 * change that implies one): the webhook, the audit trail and their read mark.
 */
export async function recordTakeOver(em: EntityManager, tenantId: string, escalation: Escalation, user: User, at: Date): Promise<void> {
  await queueEscalationWebhook(em, tenantId, "escalation.assigned", escalation);
  recordAudit(em, { tenantId, actorId: user.id, action: "escalation.claimed", targetType: "escalation", targetId: escalation.id });
  await recordRead(em, { tenantId, userId: user.id, escalationId: escalation.id, at });
}

/** Sets the assignee on a locked, unresolved escalation; a customer waiting on stays waiting. */
export function takeOver(escalation: Escalation, assignee: User, at: Date): void {
  escalation.assignee = ref(assignee);
  escalation.assignedAt = at;
  escalation.lastActivityAt = at;
  if (escalation.status === "open") escalation.status = "assigned";
}

/**
 * Hands the escalation to a teammate. Admins and owners assign any escalation; an agent may pass on
 * one they have. The assignee must be an agent, admin or owner of this workspace.
 */
export async function assignEscalation({ actor, escalationId, assigneeId }: { actor: Actor; escalationId: string; assigneeId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const user = await actingAgent(em, actor);
    const escalation = await lockEscalation(em, tenantId, escalationId);
    refuseIfResolved(escalation);
    if (!hasRole(user.role, "admin") && escalation.assignee?.id !== user.id) {
      throw new InboxError("forbidden", "Only admins and owners can assign a conversation that is not yours. Claim it first if nobody has it.");
    }
    const assignee = await assignableTeammate(em, tenantId, assigneeId);
    if (escalation.assignee?.id === assignee.id) return;
    const previousAssigneeId = escalation.assignee?.id ?? null;
    const now = new Date();
    takeOver(escalation, assignee, now);
    await queueEscalationWebhook(em, tenantId, "escalation.assigned", escalation);
    recordAudit(em, {
      tenantId,
      actorId: user.id,
      action: "escalation.assigned",
      targetType: "escalation",
      targetId: escalation.id,
      details: { from: previousAssigneeId, to: assignee.id },
    });
    await recordRead(em, { tenantId, userId: user.id, escalationId: escalation.id, at: now });
    await flushAndAnnounce(em, tenantId, escalation, "assigned", { visitorSees: true });
  });
}

async function assignableTeammate(em: EntityManager, tenantId: string, userId: string): Promise<User> {
  // Another workspace's user is invisible here (row level security), so it reads as unknown.
  const teammate = await em.findOne(User, { id: userId, tenant: tenantId });
  if (!teammate) throw new InboxError("invalid", "Choose a teammate from this workspace.", "assigneeId");
  if (!hasRole(teammate.role, "agent")) {
    throw new InboxError("invalid", `${teammate.name} is a viewer and cannot take conversations. Choose an agent, admin or owner.`, "assigneeId");
  }
  return teammate;
}

/** Puts the escalation back in the queue for anyone to claim. Admins and owners, or the agent who has it. */
export async function unassignEscalation({ actor, escalationId }: { actor: Actor; escalationId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const user = await actingAgent(em, actor);
    const escalation = await lockEscalation(em, tenantId, escalationId);
    refuseIfResolved(escalation);
    if (!escalation.assignee) return;
    if (!hasRole(user.role, "admin") && escalation.assignee.id !== user.id) {
      throw new InboxError("forbidden", `Only admins and owners can unassign ${await assigneeName(escalation)}.`);
    }
    const previousAssigneeId = escalation.assignee.id;
    const now = new Date();
    escalation.assignee = null;
    escalation.assignedAt = null;
    escalation.status = "open";
    escalation.lastActivityAt = now;
    recordAudit(em, { tenantId, actorId: user.id, action: "escalation.unassigned", targetType: "escalation", targetId: escalation.id, details: { from: previousAssigneeId } });
    await recordRead(em, { tenantId, userId: user.id, escalationId: escalation.id, at: now });
    await flushAndAnnounce(em, tenantId, escalation, "unassigned", { visitorSees: true });
  });
}
