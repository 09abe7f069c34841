import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeProvider {
  /** For CHAT_API_BASE_URL: the app appends /chat/completions. */
  baseUrl: string;
  /** performance.now() when each request's headers had arrived, in order. */
  arrivals: number[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat server on 127.0.0.1 that notes when each request arrives and streams
 * `answer` at once in OpenAI's wire format: a role chunk, content deltas, a finish_reason chunk, the
 * usage chunk that `stream_options.include_usage` asks for, then `data: [DONE]`.
 */
export async function startFakeProvider(answer: string[]): Promise<FakeProvider> {
  const arrivals: number[] = [];
  const server = http.createServer((request, response) => {
    arrivals.push(performance.now());
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (piece: string) => (body += piece));
    request.on("end", () => {
      const { model } = JSON.parse(body) as { model: string };
      const chunk = (choices: unknown[], usage: unknown = null) =>
        `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model, choices, usage })}\n\n`;
      response.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
      response.write(chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]));
      for (const text of answer) response.write(chunk([{ index: 0, delta: { content: text }, finish_reason: null }]));
      response.write(chunk([{ index: 0, delta: {}, finish_reason: "stop" }]));
      const completionTokens = Math.ceil(answer.join("").length / 4);
      const promptTokens = Math.ceil(body.length / 4);
      response.write(chunk([], { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }));
      response.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    arrivals,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
