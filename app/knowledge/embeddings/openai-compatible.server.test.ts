import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAiCompatibleEmbedder } from "./openai-compatible.server";
import { EmbeddingError, type EmbeddingUsage } from "./provider";
import { sendJson, startFakeModelServer, stopFakeModelServers, type FakeModelHandler, type ReceivedRequest as FakeRequest } from "../../testing/fake-model-server";

type ReceivedRequest = FakeRequest<{ model: string; input: string[]; encoding_format: string }>;

afterEach(stopFakeModelServers);

const startServer = (handler: FakeModelHandler<ReceivedRequest["body"]>) => startFakeModelServer(handler);

/** A 3-dimensional stand-in model: "text 7" embeds to [7, 1, 0], so each vector says which input it belongs to. */
function fakeEmbedding(text: string) {
  return [Number(text.split(" ")[1]), 1, 0];
}

/** The wire format, with `data` deliberately listed in reverse order as the API allows. */
function answerEmbeddings(request: ReceivedRequest, response: ServerResponse, embedding = fakeEmbedding) {
  const data = request.body.input.map((text, index) => ({ object: "embedding", index, embedding: embedding(text) }));
  sendJson(response, 200, {
    object: "list",
    data: data.reverse(),
    model: request.body.model,
    usage: { prompt_tokens: request.body.input.length * 2, total_tokens: request.body.input.length * 2 },
  });
}

function normalised(vector: number[]) {
  const length = Math.hypot(...vector);
  return vector.map((value) => expect.closeTo(value / length, 12));
}

async function failure(promise: Promise<unknown>): Promise<EmbeddingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EmbeddingError)) throw new Error(`Expected an EmbeddingError, got ${String(error)}`);
  return error;
}

const texts = (count: number) => Array.from({ length: count }, (_, i) => `text ${i}`);

describe("OpenAI-compatible embedder", () => {
  it("posts batches in the OpenAI wire format and returns unit vectors in input order", async () => {
    const server = await startServer((request, response) => answerEmbeddings(request, response));
    const embedder = createOpenAiCompatibleEmbedder({
      baseUrl: `${server.baseUrl}/`,
      apiKey: "sk-test",
      model: "text-embedding-3-small",
      dimensions: 3,
      maxBatchSize: 3,
    });

    const usage: EmbeddingUsage[] = [];
    const vectors = await embedder.embed(texts(7), { onUsage: (report) => usage.push(report) });

    expect(embedder.id).toBe("openai-compatible:text-embedding-3-small");
    expect(vectors).toEqual(texts(7).map((text) => normalised(fakeEmbedding(text))));
    expect(server.received.map((request) => request.body.input)).toEqual([
      ["text 0", "text 1", "text 2"],
      ["text 3", "text 4", "text 5"],
      ["text 6"],
    ]);
    for (const request of server.received) {
      expect(request).toMatchObject({ method: "POST", url: "/v1/embeddings", headers: { authorization: "Bearer sk-test" } });
      expect(request.body).toMatchObject({ model: "text-embedding-3-small", encoding_format: "float" });
    }
    expect(usage).toEqual([6, 6, 2].map((inputTokens) => ({ provider: "openai-compatible", model: "text-embedding-3-small", inputTokens })));
  });

  it("sends no Authorization header without an API key, and no request for no texts", async () => {
    const server = await startServer((request, response) => answerEmbeddings(request, response));
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "nomic-embed-text", dimensions: 3 });

    expect(await embedder.embed([])).toEqual([]);
    await embedder.embed(["text 1"]);

    expect(server.received).toHaveLength(1);
    expect(server.received[0].headers.authorization).toBeUndefined();
  });

  it("waits as long as Retry-After says after a 429, then succeeds", async () => {
    const server = await startServer((request, response, attempt) => {
      if (attempt === 0) sendJson(response, 429, { error: { message: "Rate limit reached" } }, { "Retry-After": "1" });
      else answerEmbeddings(request, response);
    });
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3 });

    const started = performance.now();
    const vectors = await embedder.embed(["text 4"]);

    expect(vectors).toEqual([normalised([4, 1, 0])]);
    expect(server.received).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("retries a 500 with backoff, then succeeds", async () => {
    const server = await startServer((request, response, attempt) => {
      if (attempt === 0) sendJson(response, 500, { error: { message: "The server had an error" } });
      else answerEmbeddings(request, response);
    });
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3 });

    expect(await embedder.embed(["text 2"])).toEqual([normalised([2, 1, 0])]);
    expect(server.received).toHaveLength(2);
  });

  it("gives up after maxRetries with a retryable error that quotes a non-JSON error page", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(503, { "Content-Type": "text/html" }).end("<html><body>Service Unavailable</body></html>");
    });
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3, maxRetries: 1 });

    const error = await failure(embedder.embed(["text 1"]));

    expect(server.received).toHaveLength(2);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("HTTP 503");
    expect(error.message).toContain("Service Unavailable");
  });

  it("fails at once on a 401, naming the status and the provider's message", async () => {
    const server = await startServer((_request, response) => {
      sendJson(response, 401, { error: { message: "Incorrect API key provided: sk-wrong.", type: "invalid_request_error" } });
    });
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, apiKey: "sk-wrong", model: "m", dimensions: 3 });

    const error = await failure(embedder.embed(["text 1"]));

    expect(server.received).toHaveLength(1);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe("openai-compatible:m: HTTP 401: Incorrect API key provided: sk-wrong.");
  });

  it("reads the plain-string error some compatible servers send", async () => {
    const server = await startServer((_request, response) => sendJson(response, 404, { error: 'model "nomic-embed-text" not found' }));
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "nomic-embed-text", dimensions: 3 });

    const error = await failure(embedder.embed(["text 1"]));

    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('HTTP 404: model "nomic-embed-text" not found') });
  });

  it("times out a server that never answers, retrying before giving up", async () => {
    const server = await startServer(() => {
      // Never answers.
    });
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3, timeoutMs: 200, maxRetries: 1 });

    const error = await failure(embedder.embed(["text 1"]));

    expect(server.received).toHaveLength(2);
    expect(error).toMatchObject({ retryable: true, message: "openai-compatible:m: no response within 200 ms" });
  });

  it("retries a refused connection and reports it as retryable", async () => {
    const server = await startServer(() => undefined);
    await server.close(); // the port is now free: nothing listens on it
    let attempts = 0;
    const countingFetch: typeof fetch = (...args) => {
      attempts++;
      return fetch(...args);
    };
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3, maxRetries: 1, fetch: countingFetch });

    const error = await failure(embedder.embed(["text 1"]));

    expect(attempts).toBe(2);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("stops at once when the caller aborts, with the caller's reason", async () => {
    const server = await startServer(() => undefined);
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3 });
    const controller = new AbortController();
    const reason = new Error("the visitor left");

    const embedding = embedder.embed(["text 1"], { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);

    await expect(embedding).rejects.toBe(reason);
    expect(server.received).toHaveLength(1);
  });

  it("refuses vectors of another size than configured", async () => {
    const server = await startServer((request, response) => answerEmbeddings(request, response, () => [1, 2, 3, 4]));
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3 });

    const usage: EmbeddingUsage[] = [];
    const error = await failure(embedder.embed(["text 1"], { onUsage: (report) => usage.push(report) }));

    expect(error).toMatchObject({ retryable: false, message: "openai-compatible:m: the model returned 4-dimensional vectors, but 3 are configured" });
    // The provider billed the request all the same.
    expect(usage).toEqual([{ provider: "openai-compatible", model: "m", inputTokens: 2 }]);
  });

  it("refuses a body that is not JSON", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200).end('{"data": [{"index": 0, "embed');
    });
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3 });

    const error = await failure(embedder.embed(["text 1"]));

    expect(server.received).toHaveLength(1);
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining("the response is not JSON") });
  });

  it("refuses JSON of the wrong shape, a missing item and a zero vector", async () => {
    const server = await startServer((request, response, attempt) => {
      if (attempt === 0) sendJson(response, 200, { data: [{ index: 0, embedding: "AAAA" }] });
      else if (attempt === 1) sendJson(response, 200, { data: [{ index: 0, embedding: [1, 1, 1] }] });
      else answerEmbeddings(request, response, () => [0, 0, 0]);
    });
    const embedder = createOpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: "m", dimensions: 3 });

    expect((await failure(embedder.embed(["text 1"]))).message).toMatch(/unexpected response: .*data\[0\]\.embedding/s);
    expect((await failure(embedder.embed(["text 1", "text 2"]))).message).toContain("indexes [0] for 2 inputs");
    expect((await failure(embedder.embed(["text 1"]))).message).toContain("zero or non-finite vector");
  });
});
