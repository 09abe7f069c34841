import { randomUUID } from "node:crypto";
import { Conversation, Message } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { enqueueWebhookEvent } from "../webhooks/webhooks.server";
import type { VisitorSession } from "./sessions.server";
import type { VisitorWidget } from "./widget-access.server";
import type { FeedbackBody, HandoffResponse } from "./widget-api";
import { WidgetApiFailure } from "./widget-http.server";

const HANDOFF_CONFIRMATION = "Thanks, we have let our team know. Someone will reply here as soon as they can.";

/** Helpful / not helpful on one of the assistant's answers in this visitor's own conversation. */
export async function recordFeedback({
  widget,
  session,
  messageId,
  feedback,
}: {
  widget: VisitorWidget;
  session: VisitorSession;
  messageId: string;
  feedback: FeedbackBody["feedback"];
}): Promise<void> {
  await withTenant(widget.tenantId, async (em) => {
    const message = await em.findOne(Message, { id: messageId, conversation: session.conversationId, role: "assistant" });
    if (!message) throw new WidgetApiFailure(404, "message_not_found", "There is no such answer in this conversation.");
    message.feedback = feedback;
    await em.flush();
  });
}

/**
 * The visitor asked for a person. One open escalation per conversation (a partial unique index
 * enforces it), so pressing the button twice, or in two tabs at once, opens one.
 */
export async function requestHuman({
  widget,
  session,
  reason,
}: {
  widget: VisitorWidget;
  session: VisitorSession;
  reason?: string;
}): Promise<HandoffResponse> {
  return withTenant(widget.tenantId, async (em) => {
    const [created] = await em.execute<{ id: string }[]>(
      `insert into escalations (id, tenant_id, conversation_id, end_user_id, trigger, reason, priority, status)
       values (?, ?, ?, ?, 'visitor_request', ?, 'normal', 'open')
       on conflict (conversation_id) where status <> 'resolved' do nothing
       returning id`,
      [randomUUID(), widget.tenantId, session.conversationId, session.endUserId, reason ?? "The visitor asked for a person."],
    );
    if (!created) {
      const [existing] = await em.execute<{ id: string }[]>(
        `select id from escalations where conversation_id = ? and status <> 'resolved'`,
        [session.conversationId],
      );
      return { escalationId: existing.id, message: HANDOFF_CONFIRMATION };
    }
    const conversation = await em.findOneOrFail(Conversation, { id: session.conversationId, tenant: widget.tenantId });
    conversation.status = "escalated";
    await enqueueWebhookEvent(em, {
      tenantId: widget.tenantId,
      event: "escalation.created",
      payload: { escalationId: created.id, conversationId: session.conversationId, trigger: "visitor_request", priority: "normal", status: "open" },
    });
    em.create(Message, {
      tenant: widget.tenantId,
      conversation: session.conversationId,
      role: "system",
      content: HANDOFF_CONFIRMATION,
    });
    await em.flush();
    return { escalationId: created.id, message: HANDOFF_CONFIRMATION };
  });
}
