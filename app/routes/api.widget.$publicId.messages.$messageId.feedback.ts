import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordFeedback } from "~/chat/visitor-actions.server";
import { FeedbackBody } from "~/chat/widget-api";
import { postOnlyLoader, visitorEndpoint } from "~/chat/widget-endpoint.server";
import { readWidgetBody, WidgetApiFailure, widgetJson } from "~/chat/widget-http.server";

const MessageId = z.uuid();

export const loader = postOnlyLoader;

export async function action({ request, params }: ActionFunctionArgs) {
  return visitorEndpoint(request, params.publicId, async ({ widget, cors, session }) => {
    const messageId = MessageId.safeParse(params.messageId);
    if (!messageId.success) throw new WidgetApiFailure(404, "message_not_found", "There is no such answer in this conversation.");
    const { feedback } = await readWidgetBody(request, FeedbackBody);
    await recordFeedback({ widget, session, messageId: messageId.data, feedback });
    return widgetJson({ feedback }, 200, cors);
  });
}
