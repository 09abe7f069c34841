import type { LiveVisitorEvents } from "./contract";
import { ApiFailure, request, type WidgetTarget } from "./http";
import { readEventStream } from "./sse";
import { delay } from "../utils/delay";

export type LiveEvent = { [Type in keyof LiveVisitorEvents]: { type: Type; data: LiveVisitorEvents[Type] } }[keyof LiveVisitorEvents];

const LIVE_EVENT_TYPES = new Set<string>(["message", "handoff"] satisfies (keyof LiveVisitorEvents)[]);
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

export interface LiveStreamOptions {
  target: WidgetTarget;
  token: string;
  /** The liveCursor that came with the messages the widget shows: the stream starts after it. */
  after: string;
  /** With the event's cursor: a stream opened later `after` it picks up right there. */
  onEvent: (event: LiveEvent, cursor: string) => void;
  /** The session is no longer valid (401): the stream stops for good. */
  onSessionGone: () => void;
}

/**
 * Follows the conversation's live events until the returned function is called. fetch, not
 * EventSource, because only fetch can send the bearer token. When the connection drops it
 * reconnects with Last-Event-ID, so nothing is missed or repeated, waiting 1 s, 2 s, 4 s … up to
 * 30 s (±25 %, so the widgets one server restart cut off don't all return at once). A stream the
 * server accepted starts the waiting over, as EventSource does.
 */
export function followLiveEvents(options: LiveStreamOptions): () => void {
  const abort = new AbortController();
  void follow(options, abort.signal);
  return () => abort.abort();
}

async function follow({ target, token, after, onEvent, onSessionGone }: LiveStreamOptions, signal: AbortSignal): Promise<void> {
  let lastEventId = "";
  /** Reconnects since the server last accepted the stream. */
  let attempt = 0;
  while (!signal.aborted) {
    try {
      const response = await request(target, `/events?after=${encodeURIComponent(after)}`, {
        token,
        signal,
        accept: "text/event-stream",
        headers: lastEventId ? { "Last-Event-ID": lastEventId } : {},
      });
      attempt = 0;
      // An event that fails to parse ends this connection; its id is kept, so the reconnect skips it.
      await readEventStream(response, ({ type, data, id }) => {
        lastEventId = id;
        if (LIVE_EVENT_TYPES.has(type)) onEvent({ type, data: JSON.parse(data) } as LiveEvent, id);
      });
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return onSessionGone();
    }
    await delay(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt++ * (0.75 + Math.random() / 2)), signal);
  }
}

