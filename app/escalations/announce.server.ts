import type { EntityManager } from "@mikro-orm/postgresql";
import type { Escalation, Message } from "../../db/entities";
import { handoffState, toWidgetMessage } from "../chat/sessions.server";
import type { LiveVisitorEvents } from "../chat/widget-api";
import { publishLiveEvent } from "../live/live-events.server";

/** What changed about an escalation, for open inboxes. */
export type EscalationChange = "created" | "claimed" | "assigned" | "unassigned" | "waiting" | "resolved" | "reopened" | "priority" | "activity";

/** The inbox's live event: enough to decide whether to refresh, nothing a list row does not show. */
export interface EscalationLiveEvent {
  escalationId: string;
  conversationId: string;
  change: EscalationChange;
  status: Escalation["status"];
  priority: Escalation["priority"];
  assigneeId: string | null;
}

/**
 * Tells open inboxes that an escalation changed and, when the visitor can see the difference
 * (taken, resolved, reopened), tells their widget too. Call it in the transaction of the change.
 */
export async function announceEscalation(
  em: EntityManager,
  tenantId: string,
  event: EscalationLiveEvent,
  { visitorSees }: { visitorSees: boolean },
): Promise<void> {
  await publishLiveEvent(em, { tenantId, conversationId: event.conversationId, audience: "agents", type: "escalation", payload: { ...event } });
  if (!visitorSees) return;
  const handoff = await handoffState(em, event.conversationId);
  if (!handoff) return;
  const [conversation] = await em.execute<{ status: LiveVisitorEvents["handoff"]["conversationStatus"] }[]>(
    `select status from conversations where id = ?`,
    [event.conversationId],
  );
  const payload: LiveVisitorEvents["handoff"] = { handoff, conversationStatus: conversation.status };
  await publishLiveEvent(em, { tenantId, conversationId: event.conversationId, audience: "visitor", type: "handoff", payload: { ...payload } });
}

/**
 * Tells open widgets and inboxes about a new message. Agents' internal notes go to the inbox only;
 * the author must be loaded for an agent's reply to carry their name. Flush the message first.
 */
export async function announceMessage(em: EntityManager, tenantId: string, message: Message): Promise<void> {
  const conversationId = message.conversation.id;
  if (message.role === "note") {
    await publishLiveEvent(em, {
      tenantId,
      conversationId,
      audience: "agents",
      type: "note",
      payload: { id: message.id, content: message.content, authorId: message.author?.id ?? null, createdAt: message.createdAt.toISOString() },
    });
    return;
  }
  const payload: LiveVisitorEvents["message"] = { message: toWidgetMessage(message) };
  await publishLiveEvent(em, { tenantId, conversationId, audience: "visitor", type: "message", payload: { ...payload } });
}

/**
 * The visitor did something in a conversation handed to the team (wrote, left an email): its open
 * escalation becomes the latest activity (unread for agents), takes the end user if it had none,
 * and open inboxes refresh. Returns that escalation's state, or null when there is none.
 */
export async function recordVisitorActivity(
  em: EntityManager,
  { tenantId, conversationId, endUserId }: { tenantId: string; conversationId: string; endUserId: string | null },
): Promise<Pick<Escalation, "id" | "status" | "priority"> | null> {
  const [escalation] = await em.execute<(Pick<Escalation, "id" | "status" | "priority"> & { assignee_id: string | null })[]>(
    `update escalations set last_activity_at = now(), end_user_id = coalesce(end_user_id, ?) where conversation_id = ? and status <> 'resolved'
     returning id, status, priority, assignee_id`,
    [endUserId, conversationId],
  );
  if (!escalation) return null;
  await announceEscalation(
    em,
    tenantId,
    { escalationId: escalation.id, conversationId, change: "activity", status: escalation.status, priority: escalation.priority, assigneeId: escalation.assignee_id },
    { visitorSees: false },
  );
  return escalation;
}
