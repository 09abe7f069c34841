import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { z } from "zod";
import { Conversation, Escalation, Message, Tenant, type User } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import { announceMessage } from "../escalations/announce.server";
import { escalationSettings, slaDueAt } from "../escalations/escalation-settings";
import { actingAgent, lockEscalation, refuseIfSomeoneElses, workableEscalation, type Actor } from "./acting-agent.server";
import { recordTakeOver, takeOver } from "./assignment.server";
import { flushAndAnnounce, queueEscalationWebhook } from "./escalation-events.server";
import { escalationNotFound, InboxError } from "./inbox-error";
import { NoteText, ReplyText, type EscalationPriority } from "./inbox-rules";
import { recordRead } from "./read-marks.server";

export const RESOLVED_NOTICE = "This conversation was resolved. If you need anything else, just write here.";

/** Checked before any database work, so a refused text stores nothing. */
function validText(schema: z.ZodType<string>, content: string): string {
  const parsed = schema.safeParse(content);
  if (!parsed.success) throw new InboxError("invalid", parsed.error.issues[0].message, "content");
  return parsed.data;
}

/** A working agent takes an unassigned escalation by acting on it; returns whether they just did. */
async function takeIfUnassigned(em: EntityManager, tenantId: string, escalation: Escalation, user: User, at: Date): Promise<boolean> {
  if (escalation.assignee) return false;
  takeOver(escalation, user, at);
  await recordTakeOver(em, tenantId, escalation, user, at);
  return true;
}

async function conversationOf(em: EntityManager, tenantId: string, escalation: Escalation): Promise<Conversation> {
  return em.findOneOrFail(Conversation, { id: escalation.conversation.id, tenant: tenantId });
}

/**
 * Sends the customer a reply as the agent. Refused on a resolved escalation and on one someone
 * else has; an unassigned one becomes the replier's. `waitOnCustomer` marks it waiting on the
 * customer's answer; any other reply makes it (or keeps it) assigned.
 */
export async function replyToCustomer({
  actor,
  escalationId,
  content,
  waitOnCustomer = false,
}: {
  actor: Actor;
  escalationId: string;
  content: string;
  waitOnCustomer?: boolean;
}): Promise<{ messageId: string }> {
  const text = validText(ReplyText, content);
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const { user, escalation } = await workableEscalation(em, actor, escalationId, { adminsMay: false });
    const now = new Date();
    const claimedNow = await takeIfUnassigned(em, tenantId, escalation, user, now);
    escalation.status = waitOnCustomer ? "waiting" : "assigned";
    escalation.firstResponseAt ??= now;
    escalation.lastActivityAt = now;
    const conversation = await conversationOf(em, tenantId, escalation);
    conversation.lastMessageAt = now;
    conversation.messageCount += 1;
    // The author is the loaded user, so the widget shows the agent's name.
    const message = em.create(Message, { tenant: tenantId, conversation, role: "agent", author: user, content: text, createdAt: now });
    await recordRead(em, { tenantId, userId: user.id, escalationId: escalation.id, at: now });
    await em.flush();
    await announceMessage(em, tenantId, message);
    await flushAndAnnounce(em, tenantId, escalation, claimedNow ? "claimed" : "activity", { visitorSees: claimedNow });
    return { messageId: message.id };
  });
}

/** An internal note for the team, on any escalation; never shown to the customer. */
export async function addInternalNote({ actor, escalationId, content }: { actor: Actor; escalationId: string; content: string }): Promise<{ messageId: string }> {
  const text = validText(NoteText, content);
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const user = await actingAgent(em, actor);
    const escalation = await em.findOne(Escalation, { id: escalationId, tenant: tenantId });
    if (!escalation) throw escalationNotFound();
    const message = em.create(Message, { tenant: tenantId, conversation: escalation.conversation.id, role: "note", author: user, content: text });
    await em.flush();
    await announceMessage(em, tenantId, message);
    return { messageId: message.id };
  });
}

/** The next move is the customer's. An unassigned escalation becomes the agent's. */
export async function markWaitingOnCustomer({ actor, escalationId }: { actor: Actor; escalationId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const { user, escalation } = await workableEscalation(em, actor, escalationId, { adminsMay: true });
    if (escalation.status === "waiting") return;
    const now = new Date();
    const claimedNow = await takeIfUnassigned(em, tenantId, escalation, user, now);
    escalation.status = "waiting";
    escalation.lastActivityAt = now;
    await recordRead(em, { tenantId, userId: user.id, escalationId: escalation.id, at: now });
    await flushAndAnnounce(em, tenantId, escalation, claimedNow ? "claimed" : "waiting", { visitorSees: claimedNow });
  });
}

/**
 * Closes the handover: the customer is told in the chat and their widget asks for a rating; the
 * webhook hears `escalation.resolved`.
 */
export async function resolveEscalation({ actor, escalationId }: { actor: Actor; escalationId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const user = await actingAgent(em, actor);
    const escalation = await lockEscalation(em, tenantId, escalationId);
    if (escalation.status === "resolved") throw new InboxError("conflict", "This conversation is already resolved.");
    await refuseIfSomeoneElses(escalation, user, { adminsMay: true });
    const now = new Date();
    escalation.status = "resolved";
    escalation.resolvedAt = now;
    escalation.lastActivityAt = now;
    const conversation = await conversationOf(em, tenantId, escalation);
    conversation.status = "resolved";
    const notice = em.create(Message, { tenant: tenantId, conversation, role: "system", content: RESOLVED_NOTICE, createdAt: now });
    await queueEscalationWebhook(em, tenantId, "escalation.resolved", escalation);
    recordAudit(em, { tenantId, actorId: user.id, action: "escalation.resolved", targetType: "escalation", targetId: escalation.id });
    await recordRead(em, { tenantId, userId: user.id, escalationId: escalation.id, at: now });
    await em.flush();
    await announceMessage(em, tenantId, notice);
    await flushAndAnnounce(em, tenantId, escalation, "resolved", { visitorSees: true });
  });
}

const HANDED_OVER_AGAIN = "The customer was handed over again after this was resolved. Work on the newer escalation instead.";

/**
 * Puts a resolved escalation back in play: assigned to whoever had it, or open. Only the
 * conversation's latest escalation can be reopened: at most one per conversation is unresolved.
 */
export async function reopenEscalation({ actor, escalationId }: { actor: Actor; escalationId: string }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const user = await actingAgent(em, actor);
    const escalation = await lockEscalation(em, tenantId, escalationId);
    if (escalation.status !== "resolved") throw new InboxError("conflict", "This conversation is not resolved.");
    const newer = await em.count(Escalation, { tenant: tenantId, conversation: escalation.conversation.id, createdAt: { $gt: escalation.createdAt } });
    if (newer > 0) throw new InboxError("conflict", HANDED_OVER_AGAIN);
    const now = new Date();
    escalation.status = escalation.assignee ? "assigned" : "open";
    escalation.resolvedAt = null;
    escalation.lastActivityAt = now;
    const conversation = await conversationOf(em, tenantId, escalation);
    conversation.status = "escalated";
    recordAudit(em, { tenantId, actorId: user.id, action: "escalation.reopened", targetType: "escalation", targetId: escalation.id });
    await recordRead(em, { tenantId, userId: user.id, escalationId: escalation.id, at: now });
    try {
      await em.flush();
    } catch (error) {
      // Another handover committed since the check above: the partial unique index refuses a second unresolved one.
      if (error instanceof UniqueConstraintViolationException) throw new InboxError("conflict", HANDED_OVER_AGAIN);
      throw error;
    }
    await flushAndAnnounce(em, tenantId, escalation, "reopened", { visitorSees: true });
  });
}

/** A new priority moves the first-reply deadline: the workspace's time for that priority, from the handover. */
export async function changePriority({ actor, escalationId, priority }: { actor: Actor; escalationId: string; priority: EscalationPriority }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const { user, escalation } = await workableEscalation(em, actor, escalationId, { adminsMay: true });
    if (escalation.priority === priority) return;
    const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
    const previous = escalation.priority;
    escalation.priority = priority;
    escalation.slaDueAt = slaDueAt(escalationSettings(tenant.settings.escalation), priority, escalation.createdAt);
    recordAudit(em, {
      tenantId,
      actorId: user.id,
      action: "escalation.priority_changed",
      targetType: "escalation",
      targetId: escalation.id,
      details: { from: previous, to: priority },
    });
    await flushAndAnnounce(em, tenantId, escalation, "priority", { visitorSees: false });
  });
}
