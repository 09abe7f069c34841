/** One server-sent event: `type` is "message" when the event had no `event:` field, as in EventSource. */
export interface ServerSentEvent {
  type: string;
  data: string;
  /** The last `id:` the stream sent (this event's or an earlier one's), "" before any: what a reconnect resumes after. */
  id: string;
}

export interface SseParser {
  /** Feeds the next piece of decoded text; chunks may split lines anywhere, even between "\r" and "\n". */
  push(chunk: string): void;
  /** The stream ended: an event without its closing blank line is dropped, as the spec says. */
  end(): void;
}

/** The text/event-stream format (WHATWG HTML §9.2.6), for responses EventSource can't fetch (it only GETs). */
export function createSseParser(onEvent: (event: ServerSentEvent) => void): SseParser {
  let buffer = "";
  let lastEventId = "";
  let type = "";
  let dataLines: string[] = [];

  function dispatch() {
    if (dataLines.length) onEvent({ type: type || "message", data: dataLines.join("\n"), id: lastEventId });
    type = "";
    dataLines = [];
  }

  function processLine(line: string) {
    if (line === "") return dispatch();
    if (line.startsWith(":")) return; // a comment, e.g. a keep-alive
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") type = value;
    else if (field === "data") dataLines.push(value);
    else if (field === "id" && !value.includes("\0")) lastEventId = value;
    // `retry` is the server's reconnection hint for EventSource; the widget keeps its own backoff.
  }

  function processBuffer(final: boolean) {
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = lineEnd.exec(buffer); match; match = lineEnd.exec(buffer)) {
      // A trailing "\r" may be the first half of "\r\n": wait for the next chunk to know.
      if (match[0] === "\r" && match.index === buffer.length - 1 && !final) break;
      processLine(buffer.slice(start, match.index));
      start = lineEnd.lastIndex;
    }
    buffer = buffer.slice(start);
  }

  return {
    push(chunk) {
      buffer += chunk;
      processBuffer(false);
    },
    end() {
      processBuffer(true);
      buffer = "";
      type = "";
      dataLines = [];
    },
  };
}

/**
 * Reads a fetch response's event stream to its end, or until `onEvent` returns true; rejects when
 * the connection breaks off. Either way the connection is released.
 */
export async function readEventStream(response: Response, onEvent: (event: ServerSentEvent) => boolean | void): Promise<void> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let stop = false;
  const parser = createSseParser((event) => {
    stop ||= onEvent(event) === true;
  });
  try {
    while (!stop) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
