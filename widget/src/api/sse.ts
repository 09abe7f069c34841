/** One server-sent event: `type` is "message" when the event had no `event:` field, as in EventSource. */
export interface ServerSentEvent {
  type: string;
  data: string;
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
  let type = "";
  let dataLines: string[] = [];

  function dispatch() {
    if (dataLines.length) onEvent({ type: type || "message", data: dataLines.join("\n") });
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
    // `id` and `retry` only matter to EventSource's own reconnection, which this isn't.
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
