import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateVisitor } from "~/chat/sessions.server";
import { limitRate, widgetEndpoint } from "~/chat/widget-endpoint.server";
import { bearerToken, WidgetApiFailure } from "~/chat/widget-http.server";
import { InvalidLiveCursorError, liveEventStreamResponse, resumeCursor } from "~/live/live-stream.server";

/** Per session and minute: a widget reconnecting with backoff (one stream per open tab) stays well below it; a reconnect loop does not. */
const CONNECTS_PER_MINUTE = 30;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return widgetEndpoint(request, params.publicId, async ({ widget, cors }) => {
    const session = await authenticateVisitor({ widget, token: bearerToken(request) });
    await limitRate(`widget-events:${session.conversationId}`, CONNECTS_PER_MINUTE, 60);
    const after = await resumeCursor(request, widget.tenantId).catch((error: unknown) => {
      if (error instanceof InvalidLiveCursorError) throw new WidgetApiFailure(400, "invalid_cursor", error.message, { field: "Last-Event-ID" });
      throw error;
    });
    return liveEventStreamResponse({
      tenantId: widget.tenantId,
      conversationId: session.conversationId,
      visitorOnly: true,
      after,
      signal: request.signal,
      headers: cors,
    });
  });
}
