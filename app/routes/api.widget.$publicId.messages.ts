import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/auth/client-ip.server";
import { eventStreamResponse } from "~/chat/event-stream.server";
import { authenticateVisitor, conversationHistory } from "~/chat/sessions.server";
import { runVisitorTurn } from "~/chat/turn.server";
import { SendMessageBody } from "~/chat/widget-api";
import { limitRate, RATE_LIMITS, widgetEndpoint } from "~/chat/widget-endpoint.server";
import { bearerToken, readWidgetBody, widgetJson } from "~/chat/widget-http.server";
import { embeddingProviderFromEnv } from "~/knowledge/embeddings/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async ({ widget, cors }) => {
    const session = await authenticateVisitor({ widget, token: bearerToken(request) });
    await limitRate(`widget-history:${session.conversationId}`, RATE_LIMITS.otherPerSession, 60);
    return widgetJson(await conversationHistory({ widget, session }), 200, cors);
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async ({ widget, cors }) => {
    const session = await authenticateVisitor({ widget, token: bearerToken(request) });
    await limitRate(`widget-messages:ip:${clientIp(request)}`, RATE_LIMITS.messagesPerIp, 60);
    await limitRate(`widget-messages:session:${session.conversationId}`, RATE_LIMITS.messagesPerSession, 60);
    const body = await readWidgetBody(request, SendMessageBody);
    const events = runVisitorTurn({ widget, session, body, embedder: embeddingProviderFromEnv(process.env) });
    return eventStreamResponse(events, cors, (error) => {
      console.warn("Widget message stream failed:", error);
      return { event: "error", data: { code: "internal_error", message: "Something went wrong. Please try again." } };
    });
  });
}
