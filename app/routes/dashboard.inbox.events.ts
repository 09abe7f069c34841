import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/require-user.server";
import { keepPresent } from "~/inbox/inbox.server";
import { InvalidLiveCursorError, liveEventStreamResponse, resumeCursor } from "~/live/live-stream.server";

/**
 * The inbox's live stream (text/event-stream): every change in the workspace, or one
 * conversation's with `?conversation=<id>`. Any member may follow it; while it is open the user
 * counts as online.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const tenantId = user.tenant.id;
  const requested = new URL(request.url).searchParams.get("conversation");
  const conversation = requested === null ? undefined : z.uuid().safeParse(requested);
  if (conversation && !conversation.success) return new Response("conversation must be a conversation id (a UUID).", { status: 400 });
  let after: string;
  try {
    after = await resumeCursor(request, tenantId);
  } catch (error) {
    if (error instanceof InvalidLiveCursorError) return new Response(error.message, { status: 400 });
    throw error;
  }
  keepPresent({ tenantId, userId: user.id, signal: request.signal });
  return liveEventStreamResponse({
    tenantId,
    conversationId: conversation?.data,
    visitorOnly: false,
    after,
    signal: request.signal,
    headers: new Headers(),
  });
}
