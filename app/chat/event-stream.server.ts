/** One Server-Sent Event: a name and a JSON payload. */
export interface NamedEvent {
  event: string;
  data: unknown;
}

const encoder = new TextEncoder();

function encode({ event, data }: NamedEvent): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Streams events as `text/event-stream`. If the client goes away the events are still drained to
 * the end, because producing them is what stores the conversation; only the writing stops.
 */
export function eventStreamResponse(events: AsyncIterable<NamedEvent>, baseHeaders: Headers, onFailure: (error: unknown) => NamedEvent): Response {
  let clientGone = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: NamedEvent) => {
        if (!clientGone) controller.enqueue(encode(event));
      };
      try {
        for await (const event of events) send(event);
      } catch (error) {
        send(onFailure(error));
      }
      if (!clientGone) controller.close();
    },
    cancel() {
      clientGone = true;
    },
  });
  const headers = new Headers(baseHeaders);
  headers.set("Content-Type", "text/event-stream; charset=utf-8");
  // no-transform: proxies and compression must pass each event on as it comes.
  headers.set("Cache-Control", "no-cache, no-transform");
  headers.set("X-Accel-Buffering", "no");
  return new Response(stream, { status: 200, headers });
}
