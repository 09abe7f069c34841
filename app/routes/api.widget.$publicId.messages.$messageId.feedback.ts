import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateVisitor } from "~/chat/sessions.server";
import { recordFeedback } from "~/chat/visitor-actions.server";
import { FeedbackBody } from "~/chat/widget-api";
import { limitRate, methodNotAllowed, RATE_LIMITS, widgetEndpoint } from "~/chat/widget-endpoint.server";
import { bearerToken, readWidgetBody, WidgetApiFailure, widgetJson } from "~/chat/widget-http.server";

const MessageId = z.uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async () => {
    throw methodNotAllowed("POST");
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async ({ widget, cors }) => {
    const session = await authenticateVisitor({ widget, token: bearerToken(request) });
    const messageId = MessageId.safeParse(params.messageId);
    if (!messageId.success) throw new WidgetApiFailure(404, "message_not_found", "There is no such answer in this conversation.");
    await limitRate(`widget-other:${session.conversationId}`, RATE_LIMITS.otherPerSession, 60);
    const { feedback } = await readWidgetBody(request, FeedbackBody);
    await recordFeedback({ widget, session, messageId: messageId.data, feedback });
    return widgetJson({ feedback }, 200, cors);
  });
}
