import { Message } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { handOverToTeam, HANDOFF_CONFIRMATION, NOT_HELPFUL_BEFORE_HANDOFF, openEscalation } from "./escalate.server";
import type { VisitorSession } from "./sessions.server";
import type { VisitorWidget } from "./widget-access.server";
import type { FeedbackBody, HandoffResponse } from "./widget-api";
import { WidgetApiFailure } from "./widget-http.server";

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
    if (feedback !== "not_helpful") return;
    const notHelpful = await em.count(Message, { conversation: session.conversationId, role: "assistant", feedback: "not_helpful" });
    if (notHelpful >= NOT_HELPFUL_BEFORE_HANDOFF) {
      await openEscalation(em, {
        tenantId: widget.tenantId,
        conversationId: session.conversationId,
        endUserId: session.endUserId,
        trigger: "negative_feedback",
        reason: `The visitor marked ${notHelpful} answers as not helpful.`,
      });
    }
  });
}

/**
 * The visitor asked for a person ("Talk to a human"). Pressing it twice, or in two tabs at once,
 * opens one escalation. The answer says whether someone can reply now.
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
  const { escalationId, noticeId, availability } = await withTenant(widget.tenantId, (em) =>
    handOverToTeam(em, {
      tenantId: widget.tenantId,
      conversationId: session.conversationId,
      endUserId: session.endUserId,
      trigger: "visitor_request",
      reason: reason ?? "The visitor asked for a person.",
    }),
  );
  return { escalationId, message: HANDOFF_CONFIRMATION, noticeId, availability };
}
