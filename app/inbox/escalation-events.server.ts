import type { EntityManager } from "@mikro-orm/postgresql";
import type { Escalation } from "../../db/entities";
import { announceEscalation, type EscalationChange } from "../escalations/announce.server";
import { enqueueWebhookEvent } from "../webhooks/webhooks.server";

function summary(escalation: Escalation) {
  return {
    escalationId: escalation.id,
    conversationId: escalation.conversation.id,
    status: escalation.status,
    priority: escalation.priority,
    assigneeId: escalation.assignee?.id ?? null,
  };
}

/** Writes the pending changes, then tells open inboxes (and, when it shows, the customer's widget). */
export async function flushAndAnnounce(
  em: EntityManager,
  tenantId: string,
  escalation: Escalation,
  change: EscalationChange,
  { visitorSees }: { visitorSees: boolean },
): Promise<void> {
  await em.flush();
  await announceEscalation(em, tenantId, { ...summary(escalation), change }, { visitorSees });
}

/** Queues the webhook in the same transaction as the change it reports. */
export async function queueEscalationWebhook(
  em: EntityManager,
  tenantId: string,
  event: "escalation.assigned" | "escalation.resolved",
  escalation: Escalation,
): Promise<void> {
  await enqueueWebhookEvent(em, { tenantId, event, payload: summary(escalation) });
}
