import { withTenant } from "../../db/tenant-scope";
import { isLiveCursor, liveHead, readLiveEvents, type LiveCursor, type StoredLiveEvent } from "./live-events.server";
import { liveHub } from "./live-hub.server";

const HEARTBEAT_MS = 15_000;
/** How soon a browser reconnects after the stream drops. */
const RETRY_MS = 1_000;

const encoder = new TextEncoder();

function encodeEvent(event: StoredLiveEvent): Uint8Array {
  return encoder.encode(`id: ${event.cursor}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
}

export interface LiveStreamOptions {
  tenantId: string;
  /** Only this conversation's events (a widget, or an agent's conversation view). */
  conversationId?: string;
  /** Only what the visitor may see: never internal notes or inbox changes. */
  visitorOnly: boolean;
  /** Resume after this event (Last-Event-ID); every event after it is sent, in order, once. */
  after: LiveCursor;
  signal: AbortSignal;
  headers: Headers;
}

/**
 * A `text/event-stream` of live events, open until the client leaves. Each event carries its
 * cursor as the SSE id, so a reconnect (the browser's own, or the widget's) resumes exactly where
 * it stopped. Events are read from the database as the tenant whenever the hub says there may be
 * new ones; a read in progress is followed by one more rather than run twice at once.
 */
export function liveEventStreamResponse(options: LiveStreamOptions): Response {
  let cursor = options.after;
  let closed = false;
  let draining: Promise<void> | null = null;
  let drainAgain = false;
  const cleanups: (() => void)[] = [];

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        cleanups.forEach((cleanup) => cleanup());
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const drain = async () => {
        do {
          drainAgain = false;
          for (;;) {
            const events = await withTenant(options.tenantId, (em) =>
              readLiveEvents(em, { after: cursor, conversationId: options.conversationId, visitorOnly: options.visitorOnly }),
            );
            if (closed) return;
            for (const event of events) controller.enqueue(encodeEvent(event));
            if (events.length) cursor = events[events.length - 1].cursor;
            if (events.length < 200) break;
          }
        } while (drainAgain && !closed);
      };
      const wake = () => {
        if (closed) return;
        if (draining) {
          drainAgain = true;
          return;
        }
        draining = drain()
          .catch((error) => {
            console.warn("Live stream read failed:", error instanceof Error ? error.message : error);
            close();
          })
          .finally(() => {
            draining = null;
          });
      };

      controller.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      const hub = await liveHub();
      cleanups.push(hub.subscribe({ tenantId: options.tenantId, conversationId: options.conversationId }, wake));
      const heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(`: keep-alive\n\n`));
      }, HEARTBEAT_MS);
      cleanups.push(() => clearInterval(heartbeat));
      if (options.signal.aborted) return close();
      options.signal.addEventListener("abort", close, { once: true });
      // Subscribed first, then read: an event committed in between is read now or wakes us later.
      wake();
    },
    cancel() {
      closed = true;
      cleanups.forEach((cleanup) => cleanup());
    },
  });

  const headers = new Headers(options.headers);
  headers.set("Content-Type", "text/event-stream; charset=utf-8");
  headers.set("Cache-Control", "no-cache, no-transform");
  headers.set("X-Accel-Buffering", "no");
  return new Response(stream, { status: 200, headers });
}

export class InvalidLiveCursorError extends Error {}

/**
 * Where a stream resumes: the Last-Event-ID a reconnecting client sends, else `?after=` (a cursor a
 * page or the widget got with its data), else the tenant's current head.
 */
export async function resumeCursor(request: Request, tenantId: string): Promise<LiveCursor> {
  const requested = request.headers.get("Last-Event-ID") ?? new URL(request.url).searchParams.get("after");
  if (requested === null || requested === "") return withTenant(tenantId, (em) => liveHead(em));
  if (!isLiveCursor(requested)) throw new InvalidLiveCursorError(`Last-Event-ID / after must be a cursor from this stream, like "812-40"; got ${JSON.stringify(requested.slice(0, 40))}.`);
  return requested;
}
