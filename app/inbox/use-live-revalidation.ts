import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** What the inbox stream sends (see app/escalations/announce.server.ts): each may change the page. */
const LIVE_EVENT_TYPES = ["escalation", "message", "note", "handoff"];
const DEBOUNCE_MS = 150;

/**
 * Keeps an inbox page current without reloads: listens to /dashboard/inbox/events (one
 * conversation's, when given) and reloads the page's data shortly after each burst of events.
 * The stream starts at the cursor the page's data was read at, so nothing in between is missed;
 * after a drop the browser resumes from the last event it had.
 */
export function useLiveRevalidation({ liveCursor, conversationId }: { liveCursor: string; conversationId?: string }): void {
  const { revalidate } = useRevalidator();
  const revalidateLatest = useRef(revalidate);
  revalidateLatest.current = revalidate;
  // Reloaded data brings a newer cursor; the open stream is already past it and stays open.
  const start = useRef({ liveCursor, conversationId });
  if (start.current.conversationId !== conversationId) start.current = { liveCursor, conversationId };
  const query = new URLSearchParams({ after: start.current.liveCursor, ...(conversationId ? { conversation: conversationId } : {}) });
  const streamUrl = `/dashboard/inbox/events?${query}`;

  useEffect(() => {
    const source = new EventSource(streamUrl);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => revalidateLatest.current(), DEBOUNCE_MS);
    };
    LIVE_EVENT_TYPES.forEach((type) => source.addEventListener(type, schedule));
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [streamUrl]);
}
