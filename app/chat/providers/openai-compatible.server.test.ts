import type { ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAiCompatibleChat, type OpenAiCompatibleChatConfig } from "./openai-compatible.server";
import { ChatProviderError, type ChatRequest, type ChatStreamEvent } from "./provider";
import { sendJson, startFakeModelServer, stopFakeModelServers, type FakeModelHandler, type ReceivedRequest as FakeRequest } from "../../testing/fake-model-server";

type ReceivedRequest = FakeRequest<{ model: string; messages: unknown[]; stream: boolean; stream_options?: unknown; temperature?: number; max_tokens?: number }>;

afterEach(stopFakeModelServers);

const startServer = (handler: FakeModelHandler<ReceivedRequest["body"]>) => startFakeModelServer(handler);

function startEventStream(response: ServerResponse) {
  response.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
  response.flushHeaders();
}

/** One `chat.completion.chunk` event as OpenAI sends it. */
function chunkEvent(model: string, delta: { role?: string; content?: string }, finishReason: string | null = null) {
  const choices = [{ index: 0, delta, finish_reason: finishReason }];
  return `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_750_000_000, model, choices, usage: null })}\n\n`;
}

function usageEvent(model: string, promptTokens: number, completionTokens: number) {
  const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  return `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_750_000_000, model, choices: [], usage })}\n\n`;
}

/** A complete answer in OpenAI's wire format: the role chunk, one chunk per token, the finish chunk, usage, [DONE]. */
function completeStream(model: string, tokens: string[]) {
  return [
    chunkEvent(model, { role: "assistant", content: "" }),
    ...tokens.map((content) => chunkEvent(model, { content })),
    chunkEvent(model, {}, "stop"),
    usageEvent(model, 11, tokens.length),
    "data: [DONE]\n\n",
  ];
}

function answer(response: ServerResponse, model: string, tokens: string[]) {
  startEventStream(response);
  response.end(completeStream(model, tokens).join(""));
}

const question: ChatRequest = {
  messages: [
    { role: "system", content: "Answer from the help centre." },
    { role: "user", content: "How do I reset my password?" },
  ],
};

function chat(baseUrl: string, overrides: Partial<OpenAiCompatibleChatConfig> = {}) {
  return createOpenAiCompatibleChat({ baseUrl, model: "gpt-4o-mini", ...overrides });
}

async function collect(events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const collected: ChatStreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** The events that arrived before the stream failed, and the failure, which must be a ChatProviderError. */
async function failure(events: AsyncIterable<ChatStreamEvent>) {
  const collected: ChatStreamEvent[] = [];
  try {
    for await (const event of events) collected.push(event);
  } catch (error) {
    if (!(error instanceof ChatProviderError)) throw new Error(`Expected a ChatProviderError, got ${String(error)}`, { cause: error });
    return { events: collected, error };
  }
  throw new Error(`Expected the stream to fail, it ended with ${JSON.stringify(collected)}`);
}

const tokensOf = (events: ChatStreamEvent[]) => events.flatMap((event) => (event.type === "token" ? [event.text] : []));

describe("OpenAI-compatible chat", () => {
  it("posts a streaming request and yields the tokens in order, then the usage the server reported", async () => {
    const tokens = ["To", " reset", " it", ", open", " Settings."];
    const server = await startServer((_request, response) => answer(response, "gpt-4o-mini-2024-07-18", tokens));
    const provider = chat(`${server.baseUrl}/`, { apiKey: "sk-test" });

    const events = await collect(provider.stream({ ...question, temperature: 0.2, maxTokens: 300 }));

    expect(provider.id).toBe("openai-compatible:gpt-4o-mini");
    expect(events).toEqual([
      { type: "token", text: "To" },
      { type: "token", text: " reset" },
      { type: "token", text: " it" },
      { type: "token", text: ", open" },
      { type: "token", text: " Settings." },
      { type: "usage", promptTokens: 11, completionTokens: 5, model: "gpt-4o-mini-2024-07-18", estimated: false },
    ]);
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request.url).toBe("/v1/chat/completions");
    expect(request.headers).toMatchObject({ authorization: "Bearer sk-test", "content-type": "application/json", accept: "text/event-stream" });
    expect(request.body).toEqual({
      model: "gpt-4o-mini",
      messages: question.messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_tokens: 300,
    });
  });

  it("reassembles events cut at any byte, with CRLF line ends, comments, event lines and multi-byte characters", async () => {
    const tokens = ["Bonjour", " 👋", " — voilà", "\n\nÇa", " marche."];
    const wire = [": keep-alive\n\n", "event: message\n", ...completeStream("m", tokens)].join("").replaceAll("\n", "\r\n");
    const bytes = Buffer.from(wire);
    const server = await startServer(async (_request, response) => {
      startEventStream(response);
      // Slices of 1 to 7 bytes, so that line ends ("\r" | "\n"), "data:" prefixes, JSON and UTF-8 sequences all get cut.
      for (let start = 0, size = 1; start < bytes.length; start += size, size = (size % 7) + 1) {
        response.write(bytes.subarray(start, start + size));
        await delay(1);
      }
      response.end();
    });

    const events = await collect(chat(server.baseUrl).stream(question));

    expect(tokensOf(events)).toEqual(tokens);
    expect(events.at(-1)).toEqual({ type: "usage", promptTokens: 11, completionTokens: 5, model: "m", estimated: false });
    expect(server.received[0].headers.authorization).toBeUndefined();
  });

  it("waits as long as Retry-After says after a 429, then streams the answer", async () => {
    const server = await startServer((_request, response, attempt) => {
      // Fractional seconds keep the test short; the point is a wait longer than the longest first backoff (500 ms).
      if (attempt === 0) sendJson(response, 429, { error: { message: "Rate limit reached for gpt-4o-mini" } }, { "Retry-After": "0.7" });
      else answer(response, "gpt-4o-mini", ["Hello"]);
    });

    const started = performance.now();
    const events = await collect(chat(server.baseUrl).stream(question));

    expect(tokensOf(events)).toEqual(["Hello"]);
    expect(server.received).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(690);
  });

  it("moves to the fallback model when the primary still fails after its retries, and reports who answered", async () => {
    const server = await startServer((request, response) => {
      if (request.body.model === "gpt-4.1") sendJson(response, 500, { error: { message: "The server had an error" } }, { "Retry-After": "0" });
      else answer(response, request.body.model, ["From", " the", " fallback"]);
    });

    const events = await collect(chat(server.baseUrl, { model: "gpt-4.1", fallbackModel: "gpt-4.1-mini", maxRetries: 1 }).stream(question));

    expect(server.received.map((request) => request.body.model)).toEqual(["gpt-4.1", "gpt-4.1", "gpt-4.1-mini"]);
    expect(tokensOf(events).join("")).toBe("From the fallback");
    expect(events.at(-1)).toMatchObject({ type: "usage", model: "gpt-4.1-mini" });
  });

  it("goes to the fallback at once when the primary model does not exist, and names both failures when both fail", async () => {
    const server = await startServer((request, response) => {
      if (request.body.model === "llama3.3") sendJson(response, 404, { error: 'model "llama3.3" not found, try pulling it first' });
      else sendJson(response, 503, { error: { message: "Overloaded" } }, { "Retry-After": "0" });
    });

    const { error } = await failure(chat(server.baseUrl, { model: "llama3.3", fallbackModel: "llama3.2", maxRetries: 1 }).stream(question));

    expect(server.received.map((request) => request.body.model)).toEqual(["llama3.3", "llama3.2", "llama3.2"]);
    expect(error).toMatchObject({ code: "http", retryable: true });
    expect(error.message).toBe(
      "openai-compatible:llama3.2: HTTP 503: Overloaded " +
        '(after openai-compatible:llama3.3: HTTP 404: model "llama3.3" not found, try pulling it first)',
    );
  });

  it("fails at once on a 400 with the provider's message, without retrying or falling back", async () => {
    const server = await startServer((_request, response) => {
      const message = "This model's maximum context length is 128000 tokens.";
      sendJson(response, 400, { error: { message, type: "invalid_request_error", code: "context_length_exceeded" } });
    });

    const { error } = await failure(chat(server.baseUrl, { fallbackModel: "gpt-4o" }).stream(question));

    expect(server.received).toHaveLength(1);
    expect(error).toMatchObject({ code: "http", retryable: false });
    expect(error.message).toBe("openai-compatible:gpt-4o-mini: HTTP 400: This model's maximum context length is 128000 tokens.");
  });

  it("reads vLLM's error shape and quotes a non-JSON error page", async () => {
    const server = await startServer((_request, response, attempt) => {
      const vllmError = { object: "error", message: "temperature must be non-negative", type: "BadRequestError", code: 400 };
      if (attempt === 0) sendJson(response, 400, vllmError);
      else response.writeHead(401, { "Content-Type": "text/html" }).end("<html><body>401 Authorization Required</body></html>");
    });
    const provider = chat(server.baseUrl);

    const { error } = await failure(provider.stream(question));
    expect(error.message).toBe("openai-compatible:gpt-4o-mini: HTTP 400: temperature must be non-negative");
    expect((await failure(provider.stream(question))).error.message).toContain("HTTP 401: <html><body>401 Authorization Required");
  });

  it("times out a server that sends nothing, or only headers, before the first byte of the answer, and retries", async () => {
    const server = await startServer((_request, response, attempt) => {
      if (attempt === 1) startEventStream(response);
      // Otherwise: never answers at all.
    });

    const started = performance.now();
    const { error } = await failure(chat(server.baseUrl, { timeoutMs: 200, maxRetries: 1 }).stream(question));

    expect(server.received).toHaveLength(2);
    expect(error).toMatchObject({ code: "timeout", retryable: true, message: "openai-compatible:gpt-4o-mini: no response within 200 ms" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("retries a stream that stalls before its first token", async () => {
    const server = await startServer((_request, response, attempt) => {
      if (attempt === 0) {
        startEventStream(response);
        response.write(chunkEvent("m", { role: "assistant", content: "" }));
      } else answer(response, "m", ["Second", " try"]);
    });

    const events = await collect(chat(server.baseUrl, { idleTimeoutMs: 200 }).stream(question));

    expect(server.received).toHaveLength(2);
    expect(tokensOf(events)).toEqual(["Second", " try"]);
  });

  it("fails without retrying or falling back when the stream stalls after tokens reached the caller", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      response.write(chunkEvent("m", { content: "Half" }) + chunkEvent("m", { content: " an answer" }));
    });

    const { events, error } = await failure(chat(server.baseUrl, { idleTimeoutMs: 200, fallbackModel: "other" }).stream(question));

    expect(tokensOf(events)).toEqual(["Half", " an answer"]);
    expect(server.received).toHaveLength(1);
    expect(error).toMatchObject({ code: "timeout", retryable: true });
    expect(error.message).toBe("openai-compatible:gpt-4o-mini: no data for 200 ms in the middle of the answer");
  });

  it("does not count a slow caller against the idle timeout", async () => {
    const server = await startServer(async (_request, response) => {
      startEventStream(response);
      for (const event of completeStream("m", ["One", " two", " three"])) {
        response.write(event);
        await delay(20);
      }
      response.end();
    });

    const events: ChatStreamEvent[] = [];
    for await (const event of chat(server.baseUrl, { idleTimeoutMs: 100 }).stream(question)) {
      events.push(event);
      await delay(150);
    }

    expect(tokensOf(events)).toEqual(["One", " two", " three"]);
  });

  it("raises a protocol error, without retrying, for a data line that is not JSON", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      response.end(chunkEvent("m", { content: "Fine" }) + 'data: {"choices": [{"delta": {"content": "bro\n\n');
    });

    const { events, error } = await failure(chat(server.baseUrl).stream(question));

    expect(tokensOf(events)).toEqual(["Fine"]);
    expect(server.received).toHaveLength(1);
    expect(error).toMatchObject({ code: "protocol", retryable: false });
    expect(error.message).toBe('openai-compatible:gpt-4o-mini: the stream has a data line that is not JSON: {"choices": [{"delta": {"content": "bro');
  });

  it("raises a protocol error with the server's message for an error object in the middle of the stream", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      response.end(`${chunkEvent("m", { content: "Partial" })}data: {"error": {"message": "The model is overloaded", "type": "server_error"}}\n\n`);
    });

    const { events, error } = await failure(chat(server.baseUrl).stream(question));

    expect(tokensOf(events)).toEqual(["Partial"]);
    expect(error.code).toBe("protocol");
    expect(error.message).toBe("openai-compatible:gpt-4o-mini: the server reported an error mid-stream: The model is overloaded");
  });

  it("raises a protocol error for a chunk of the wrong shape", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      response.end('data: {"choices": [{"delta": {"content": 42}}]}\n\n');
    });

    const { error } = await failure(chat(server.baseUrl).stream(question));

    expect(error.code).toBe("protocol");
    expect(error.message).toMatch(/unexpected chunk: .*choices\[0\]\.delta\.content/s);
  });

  it("raises a protocol error for a stream that ends before the answer is complete", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      response.end(chunkEvent("m", { role: "assistant", content: "" }) + chunkEvent("m", { content: "Cut" }));
    });

    const { events, error } = await failure(chat(server.baseUrl).stream(question));

    expect(tokensOf(events)).toEqual(["Cut"]);
    expect(error).toMatchObject({
      code: "protocol",
      message: "openai-compatible:gpt-4o-mini: the stream ended before the answer was complete (no [DONE] and no finish_reason)",
    });
  });

  it("raises a protocol error for a 200 that is not an event stream", async () => {
    const server = await startServer((_request, response, attempt) => {
      const notStreamed = { id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "Hi" } }] };
      if (attempt === 0) response.writeHead(200, { "Content-Type": "text/html" }).end("<!DOCTYPE html>\n<html><body>Welcome to nginx!</body></html>");
      else sendJson(response, 200, notStreamed);
    });
    const provider = chat(server.baseUrl);

    expect((await failure(provider.stream(question))).error).toMatchObject({
      code: "protocol",
      message: "openai-compatible:gpt-4o-mini: the response is not an event stream: <!DOCTYPE html>",
    });
    const { error } = await failure(provider.stream(question));
    expect(error.code).toBe("protocol");
    expect(error.message).toContain('expected an event stream, got JSON (does the server support stream: true?): {"id":"chatcmpl-1"');
  });

  it("estimates usage at ~4 characters a token when the server reports none, and accepts a finish_reason without [DONE]", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      // As llama.cpp-style servers may: no usage chunk, and the connection closes after the finishing chunk.
      response.end(chunkEvent("local", { content: "Open Settings" }) + chunkEvent("local", { content: ", then Security." }, "stop"));
    });

    const events = await collect(chat(server.baseUrl, { model: "local" }).stream(question));

    const promptChars = "Answer from the help centre.".length + "How do I reset my password?".length; // 28 + 27
    expect(events).toEqual([
      { type: "token", text: "Open Settings" },
      { type: "token", text: ", then Security." },
      { type: "usage", promptTokens: Math.ceil(promptChars / 4), completionTokens: Math.ceil(29 / 4), model: "local", estimated: true },
    ]);
    expect(events.at(-1)).toMatchObject({ promptTokens: 14, completionTokens: 8 });
  });

  it("speaks Azure OpenAI: an api-key header and an api-version parameter", async () => {
    const server = await startServer((_request, response) => answer(response, "gpt-4o-mini-2024-07-18", ["Hi"]));
    const baseUrl = `${server.baseUrl.replace(/\/v1$/, "")}/openai/deployments/support-bot`;

    const provider = chat(baseUrl, { model: "support-bot", apiKey: "azure-key", azure: { apiVersion: "2024-10-21" } });

    const events = await collect(provider.stream(question));

    expect(tokensOf(events)).toEqual(["Hi"]);
    const [request] = server.received;
    expect(request.url).toBe("/openai/deployments/support-bot/chat/completions?api-version=2024-10-21");
    expect(request.headers["api-key"]).toBe("azure-key");
    expect(request.headers.authorization).toBeUndefined();
  });

  it("stops reading and closes the connection when the caller aborts mid-answer", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      response.write(chunkEvent("m", { content: "Still" }) + chunkEvent("m", { content: " typing" }));
    });
    const controller = new AbortController();

    const events: ChatStreamEvent[] = [];
    const streaming = (async () => {
      for await (const event of chat(server.baseUrl).stream({ ...question, signal: controller.signal })) {
        events.push(event);
        if (events.length === 2) controller.abort(new Error("the visitor left"));
      }
    })();

    const error = await streaming.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ChatProviderError);
    expect(error).toMatchObject({ code: "aborted", retryable: false, cause: new Error("the visitor left") });
    expect(tokensOf(events)).toEqual(["Still", " typing"]);
    await server.received[0].closed;
  });

  it("stops waiting for a retry when the caller aborts", async () => {
    const server = await startServer((_request, response) => {
      sendJson(response, 429, { error: { message: "Slow down" } }, { "Retry-After": "5" });
    });
    const controller = new AbortController();

    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const { error } = await failure(chat(server.baseUrl).stream({ ...question, signal: controller.signal }));

    expect(error.code).toBe("aborted");
    expect(server.received).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("closes the connection when the caller stops iterating early", async () => {
    const server = await startServer((_request, response) => {
      startEventStream(response);
      response.write(chunkEvent("m", { content: "Enough" }));
    });

    for await (const event of chat(server.baseUrl).stream(question)) {
      expect(event).toEqual({ type: "token", text: "Enough" });
      break;
    }

    await server.received[0].closed;
  });

  it("retries a refused connection and reports it as a network error", async () => {
    const server = await startServer(() => undefined);
    await server.close(); // the port is now free: nothing listens on it
    let attempts = 0;
    const countingFetch: typeof fetch = (...args) => {
      attempts++;
      return fetch(...args);
    };

    const { error } = await failure(chat(server.baseUrl, { maxRetries: 1, fetch: countingFetch }).stream(question));

    expect(attempts).toBe(2);
    expect(error).toMatchObject({ code: "network", retryable: true });
    expect(error.message).toContain("ECONNREFUSED");
  });
});
