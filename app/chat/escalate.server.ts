import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Conversation, Message, type Escalation } from "../../db/entities";
import { announceEscalation, announceMessage } from "../escalations/announce.server";
import { enqueueWebhookEvent } from "../webhooks/webhooks.server";

export const HANDOFF_CONFIRMATION = "Thanks, we have let our team know. Someone will reply here as soon as they can.";

/**
 * Hands a conversation to the team, inside the caller's tenant transaction. One unresolved
 * escalation per conversation (a partial unique index): a second trigger, or two at once, finds
 * the first instead of opening another. Only a new escalation is announced (system message,
 * conversation status, webhook).
 */
export async function openEscalation(
  em: EntityManager,
  {
    tenantId,
    conversationId,
    endUserId,
    trigger,
    reason,
  }: { tenantId: string; conversationId: string; endUserId: string | null; trigger: Escalation["trigger"]; reason: string },
): Promise<{ escalationId: string; created: boolean }> {
  const [created] = await em.execute<{ id: string }[]>(
    `insert into escalations (id, tenant_id, conversation_id, end_user_id, trigger, reason, priority, status)
     values (?, ?, ?, ?, ?, ?, 'normal', 'open')
     on conflict (conversation_id) where status <> 'resolved' do nothing
     returning id`,
    [randomUUID(), tenantId, conversationId, endUserId, trigger, reason],
  );
  if (!created) {
    const [existing] = await em.execute<{ id: string }[]>(`select id from escalations where conversation_id = ? and status <> 'resolved'`, [conversationId]);
    return { escalationId: existing.id, created: false };
  }
  const conversation = await em.findOneOrFail(Conversation, { id: conversationId, tenant: tenantId });
  conversation.status = "escalated";
  const notice = em.create(Message, { tenant: tenantId, conversation: conversationId, role: "system", content: HANDOFF_CONFIRMATION });
  await enqueueWebhookEvent(em, {
    tenantId,
    event: "escalation.created",
    payload: { escalationId: created.id, conversationId, trigger, priority: "normal", status: "open" },
  });
  await em.flush();
  await announceMessage(em, tenantId, notice);
  await announceEscalation(
    em,
    tenantId,
    { escalationId: created.id, conversationId, change: "created", status: "open", priority: "normal", assigneeId: null },
    { visitorSees: true },
  );
  return { escalationId: created.id, created: true };
}

/**
 * A message that asks for a person in so many words ("can I talk to a human?", "agent please").
 * A question about people ("are you a human?", "how do I add an agent?") is not a request.
 */
export function asksForPerson(message: string): boolean {
  const text = message.toLowerCase();
  const person = String.raw`(human|person|people|agent|someone|somebody|representative|operator|staff|support team|real person)`;
  return (
    new RegExp(String.raw`\b(talk|speak|chat|connect|put|transfer)\b[^.?!]{0,25}\b(to|with)\b[^.?!]{0,15}\b${person}\b`).test(text) ||
    new RegExp(String.raw`^\s*(a\s+)?${person}(,)?\s*(please|pls|now)?[.!?]*\s*$`).test(text) ||
    /\b(i|we)\s+(want|need|would like|'d like)\s+(a|an|to talk to a|to speak to a|to speak with a|to talk with a)\s+(human|person|agent|real person|representative)\b/.test(text)
  );
}

/** Two answers marked not helpful in one conversation mean the assistant is not helping. */
export const NOT_HELPFUL_BEFORE_HANDOFF = 2;
