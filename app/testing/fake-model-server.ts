import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for a hosted model API (OpenAI-compatible) in tests: a real HTTP server on a free
 * loopback port, so the real client code runs against it over the wire.
 */
export interface ReceivedRequest<Body> {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: Body;
  /** Resolves when the client closes the connection or the server ends the response. */
  closed: Promise<void>;
}

/** Answers one request, told how many came before it. */
export type FakeModelHandler<Body> = (request: ReceivedRequest<Body>, response: ServerResponse, attempt: number) => void | Promise<void>;

const running: Array<{ close(): Promise<void> }> = [];

export async function startFakeModelServer<Body>(
  handler: FakeModelHandler<Body>,
): Promise<{ baseUrl: string; received: ReceivedRequest<Body>[]; close(): Promise<void> }> {
  const received: ReceivedRequest<Body>[] = [];
  const server = createServer(async (message: IncomingMessage, response) => {
    let raw = "";
    for await (const chunk of message) raw += chunk;
    const closed = once(response, "close").then(() => undefined);
    const request = { method: message.method, url: message.url, headers: message.headers, body: JSON.parse(raw) as Body, closed };
    received.push(request);
    await handler(request, response, received.length - 1);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      server.closeAllConnections(); // including the ones a stalling handler never finished
      server.close();
      await once(server, "close");
    })();
    return closing;
  };
  running.push({ close });
  return { baseUrl: `http://127.0.0.1:${port}/v1`, received, close };
}

/** Stops every server this test file started; call it in afterEach. */
export async function stopFakeModelServers(): Promise<void> {
  await Promise.all(running.splice(0).map((server) => server.close()));
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
}
