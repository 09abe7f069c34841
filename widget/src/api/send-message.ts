import type { SendMessageBody, StreamEvents } from "./contract";
import { request, type WidgetTarget } from "./http";
import { readEventStream } from "./sse";

export type StreamEvent = { [Type in keyof StreamEvents]: { type: Type; data: StreamEvents[Type] } }[keyof StreamEvents];

/** How an answer stream ended: with its `done` or `error` event, or cut off before either arrived. */
export type StreamEnd = "done" | "error" | "cut-off";

const STREAM_EVENT_TYPES = new Set<string>(["message", "token", "citations", "handoff", "done", "error"] satisfies (keyof StreamEvents)[]);

/**
 * Sends a visitor message and reads the answer as it streams. Rejects (with an ApiFailure) only when
 * the request itself fails; a stream that breaks off half-way resolves "cut-off" so the caller can
 * send the same clientMessageId again and get the stored answer replayed.
 */
export async function streamMessage(
  target: WidgetTarget,
  token: string,
  body: SendMessageBody,
  onEvent: (event: StreamEvent) => void,
  signal: AbortSignal,
): Promise<StreamEnd> {
  const response = await request(target, "/messages", { method: "POST", token, body, signal, accept: "text/event-stream" });
  let end: StreamEnd = "cut-off";
  try {
    await readEventStream(response, ({ type, data }) => {
      if (!STREAM_EVENT_TYPES.has(type)) return;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return;
      }
      onEvent({ type, data: payload } as StreamEvent);
      if (type === "done" || type === "error") end = type;
      return end !== "cut-off";
    });
  } catch {
    // The connection dropped mid-answer (or the caller aborted): "cut-off" says what the caller needs.
  }
  return end;
}
