import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Conversation, Message, Tenant, type Escalation } from "../../db/entities";
import { announceEscalation, announceMessage } from "../escalations/announce.server";
import { visitorAvailability } from "../escalations/availability.server";
import { escalationSettings, slaDueAt, type EscalationPriority } from "../escalations/escalation-settings";
import { escalationPriority } from "../escalations/priority";
import { enqueueWebhookEvent } from "../webhooks/webhooks.server";
import type { WidgetAvailability } from "./widget-api";

export const HANDOFF_CONFIRMATION = "Thanks, we have let our team know. Someone will reply here as soon as they can.";

/** The visitor's messages read for urgency words: enough for "my card was charged twice" a turn or two back. */
const URGENCY_LOOKBACK_MESSAGES = 5;

/**
 * Hands a conversation to the team, inside the caller's tenant transaction. One unresolved
 * escalation per conversation (a partial unique index): a second trigger, or two at once, finds
 * the first instead of opening another. Only a new escalation is announced (system message,
 * conversation status, webhook). Its priority is the keyword rule's (`rulePriority`, else normal),
 * raised to high when the visitor's recent messages sound urgent; its reply is due by the
 * workspace's SLA for that priority.
 */
export async function openEscalation(
  em: EntityManager,
  {
    tenantId,
    conversationId,
    endUserId,
    trigger,
    reason,
    rulePriority = null,
    now = new Date(),
  }: {
    tenantId: string;
    conversationId: string;
    endUserId: string | null;
    trigger: Escalation["trigger"];
    reason: string;
    rulePriority?: EscalationPriority | null;
    now?: Date;
  },
): Promise<{ escalationId: string; created: boolean; noticeId: string | null }> {
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const recent = await em.find(
    Message,
    { conversation: conversationId, role: "visitor" },
    { orderBy: { createdAt: "desc" }, limit: URGENCY_LOOKBACK_MESSAGES, fields: ["content"] },
  );
  const priority = escalationPriority({ rulePriority, visitorMessages: recent.map((message) => message.content) });
  const [created] = await em.execute<{ id: string }[]>(
    `insert into escalations (id, tenant_id, conversation_id, end_user_id, trigger, reason, priority, status, sla_due_at)
     values (?, ?, ?, ?, ?, ?, ?, 'open', ?)
     on conflict (conversation_id) where status <> 'resolved' do nothing
     returning id`,
    [randomUUID(), tenantId, conversationId, endUserId, trigger, reason, priority, slaDueAt(escalationSettings(tenant.settings.escalation), priority, now)],
  );
  if (!created) {
    const [existing] = await em.execute<{ id: string }[]>(`select id from escalations where conversation_id = ? and status <> 'resolved'`, [conversationId]);
    return { escalationId: existing.id, created: false, noticeId: null };
  }
  const conversation = await em.findOneOrFail(Conversation, { id: conversationId, tenant: tenantId });
  conversation.status = "escalated";
  const notice = em.create(Message, { tenant: tenantId, conversation: conversationId, role: "system", content: HANDOFF_CONFIRMATION });
  await enqueueWebhookEvent(em, {
    tenantId,
    event: "escalation.created",
    payload: { escalationId: created.id, conversationId, trigger, priority, status: "open" },
  });
  await em.flush();
  await announceMessage(em, tenantId, notice);
  await announceEscalation(
    em,
    tenantId,
    { escalationId: created.id, conversationId, change: "created", status: "open", priority, assigneeId: null },
    { visitorSees: true },
  );
  return { escalationId: created.id, created: true, noticeId: notice.id };
}

/**
 * A handover the visitor is waiting on (they asked, or their message triggered one): opens the
 * escalation as openEscalation does, and says whether someone can reply now.
 */
export async function handOverToTeam(
  em: EntityManager,
  escalation: Omit<Parameters<typeof openEscalation>[1], "now">,
): Promise<{ escalationId: string; noticeId: string | null; availability: WidgetAvailability }> {
  const now = new Date();
  const { escalationId, noticeId } = await openEscalation(em, { ...escalation, now });
  const availability = await visitorAvailability(em, { tenantId: escalation.tenantId, conversationId: escalation.conversationId, now });
  return { escalationId, noticeId, availability };
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
