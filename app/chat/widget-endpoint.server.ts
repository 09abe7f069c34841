import type { LoaderFunctionArgs } from "@remix-run/node";
import { hitRateLimit } from "../auth/rate-limit.server";
import { authenticateVisitor, type VisitorSession } from "./sessions.server";
import { resolveWidgetRequest, type WidgetRequest } from "./widget-access.server";
import { bearerToken, failureResponse, WidgetApiFailure } from "./widget-http.server";

/**
 * The frame of every widget route: resolve the widget and check the origin, answer a CORS
 * preflight (Remix sends OPTIONS to the loader), run the handler, and turn a refusal into a JSON
 * error that carries the CORS headers, so the widget can read it and tell the visitor.
 */
export async function widgetEndpoint(
  request: Request,
  publicId: string | undefined,
  handle: (context: WidgetRequest) => Promise<Response>,
): Promise<Response> {
  let cors = new Headers({ Vary: "Origin" });
  try {
    const context = await resolveWidgetRequest(request, publicId);
    cors = context.cors;
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
    return await handle(context);
  } catch (error) {
    if (error instanceof WidgetApiFailure) return failureResponse(error, cors);
    throw error;
  }
}

/** Per minute. Generous for a person typing, tight for a script. */
export const RATE_LIMITS = {
  sessionsPerIp: 20,
  messagesPerSession: 12,
  messagesPerIp: 60,
  otherPerSession: 60,
} as const;

/** Counts one request against a per-visitor or per-address budget; over it, a 429 with Retry-After. */
export async function limitRate(key: string, limit: number, windowSeconds: number): Promise<void> {
  const { allowed, retryAfterSeconds } = await hitRateLimit(key, limit, windowSeconds);
  if (!allowed) {
    throw new WidgetApiFailure(429, "rate_limited", `Too many requests. Try again in ${retryAfterSeconds} seconds.`, {
      headers: { "Retry-After": String(retryAfterSeconds) },
    });
  }
}

export function methodNotAllowed(allowed: string): WidgetApiFailure {
  return new WidgetApiFailure(405, "method_not_allowed", `Use ${allowed}.`, { headers: { Allow: `${allowed}, OPTIONS` } });
}

/** The loader of a widget route that only takes POSTs: answers the CORS preflight, refuses the rest. */
export function postOnlyLoader({ request, params }: LoaderFunctionArgs): Promise<Response> {
  return widgetEndpoint(request, params.publicId, async () => {
    throw methodNotAllowed("POST");
  });
}

/**
 * A visitor's request about their own conversation (feedback, handoff, contact, rating): their
 * session from the bearer token and the per-session rate limit come first.
 */
export function visitorEndpoint(
  request: Request,
  publicId: string | undefined,
  handle: (context: WidgetRequest & { session: VisitorSession }) => Promise<Response>,
): Promise<Response> {
  return widgetEndpoint(request, publicId, async (context) => {
    const session = await authenticateVisitor({ widget: context.widget, token: bearerToken(request) });
    await limitRate(`widget-other:${session.conversationId}`, RATE_LIMITS.otherPerSession, 60);
    return handle({ ...context, session });
  });
}
