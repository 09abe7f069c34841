import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createOfflineEmbedder, OFFLINE_EMBEDDING_MODEL_ID } from "./offline.server";
import { EmbeddingError } from "./provider";

const MODEL_LOAD_TIMEOUT_MS = 60_000;

function dot(a: number[], b: number[]) {
  return a.reduce((sum, value, i) => sum + value * b[i], 0);
}

function helpSentence(i: number) {
  const topics = ["reset a password", "update billing details", "export conversation history", "invite a teammate", "connect the chat widget"];
  return `Article ${i}: to ${topics[i % topics.length]}, open Settings, choose the matching section and follow the steps shown on screen.`;
}

describe("offline embedder (Universal Sentence Encoder lite in worker threads)", () => {
  const embedder = createOfflineEmbedder({ threads: 2 });
  afterAll(() => embedder.close());

  it("returns one 512-dimensional unit vector per text, including an empty one", { timeout: MODEL_LOAD_TIMEOUT_MS }, async () => {
    expect(embedder.id).toBe(OFFLINE_EMBEDDING_MODEL_ID);
    expect(embedder.dimensions).toBe(512);

    const vectors = await embedder.embed(["How do I cancel my subscription?", "", "Refunds take five days."]);

    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(512);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    }
  });

  it("embeds an empty text to the same vector wherever it is in the batch", { timeout: MODEL_LOAD_TIMEOUT_MS }, async () => {
    const [[alone], [, last], [first]] = await Promise.all([
      embedder.embed([""]),
      embedder.embed(["Where is my invoice?", ""]),
      embedder.embed(["", "Where is my invoice?"]),
    ]);

    expect(dot(alone, last)).toBeCloseTo(1, 5);
    expect(dot(alone, first)).toBeCloseTo(1, 5);
  });

  it("places paraphrases closer together than unrelated sentences", { timeout: MODEL_LOAD_TIMEOUT_MS }, async () => {
    const [question, paraphrase, unrelated] = await embedder.embed([
      "How do I reset my password?",
      "I forgot my password and need to change it.",
      "Our warehouse ships orders on weekdays only.",
    ]);

    expect(dot(question, paraphrase)).toBeGreaterThan(dot(question, unrelated) + 0.3);
  });

  it("keeps the order of 100 texts split into batches and spread over two workers", { timeout: MODEL_LOAD_TIMEOUT_MS }, async () => {
    const texts = Array.from({ length: 100 }, (_, i) => helpSentence(i));
    expect(texts.length).toBeGreaterThan(embedder.maxBatchSize * 2);

    // Reversed, every text lands in a different batch at a different position: equal vectors prove the order.
    const [forward, backward] = await Promise.all([embedder.embed(texts), embedder.embed([...texts].reverse())]);

    expect(forward).toHaveLength(100);
    forward.forEach((vector, i) => {
      const similarities = backward.map((other) => dot(vector, other));
      expect(similarities.indexOf(Math.max(...similarities))).toBe(99 - i);
      expect(similarities[99 - i]).toBeCloseTo(1, 5);
    });
  });

  it("keeps the event loop responsive while embedding 500 texts", { timeout: MODEL_LOAD_TIMEOUT_MS }, async () => {
    const texts = Array.from({ length: 500 }, (_, i) => helpSentence(i));
    let last = performance.now();
    let longestGap = 0;
    const tick = () => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    };
    const ticker = setInterval(tick, 5);

    const started = performance.now();
    const vectors = await embedder.embed(texts).finally(() => clearInterval(ticker));
    const elapsed = performance.now() - started;
    tick(); // a loop blocked throughout would never have ticked at all

    expect(vectors).toHaveLength(500);
    // On the main thread the model never yields to timers between batches, so the one gap would be the whole run.
    // Relative, not absolute: on a loaded machine the operating system alone can pause this thread for 100 ms+.
    expect(longestGap).toBeLessThan(elapsed / 10);
  });
});

describe("offline embedder worker pool", () => {
  const fixture = new URL("./crash-on-demand-worker.fixture.mjs", import.meta.url);

  // The fixture's [x, 1] after normalisation.
  const unit = (x: number) => [expect.closeTo(x / Math.hypot(x, 1), 12), expect.closeTo(1 / Math.hypot(x, 1), 12)];

  it("rejects the request of a crashed worker as retryable and replaces the worker", async () => {
    const embedder = createOfflineEmbedder({ workerPath: fixture });
    try {
      expect(await embedder.embed(["warm up"])).toEqual([unit(0)]);
      const crashed = embedder.embed(["crash"]);
      const queuedBehind = embedder.embed(["fine"]);

      const error = await crashed.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddingError);
      expect(error).toMatchObject({ retryable: true, message: expect.stringContaining("simulated crash") });
      // A fresh worker has answered no batch before; the crashed one had answered one.
      expect(await queuedBehind).toEqual([unit(0)]);
      expect(await embedder.embed(["fine again"])).toEqual([unit(1)]);
    } finally {
      await embedder.close();
    }
  });

  it("rejects an aborted request with the abort reason and never runs its remaining batches", async () => {
    const embedder = createOfflineEmbedder({ workerPath: fixture });
    try {
      const controller = new AbortController();
      const reason = new Error("the visitor left");
      const texts = Array.from({ length: embedder.maxBatchSize * 3 }, (_, i) => `text ${i}`);
      const aborted = embedder.embed(texts, { signal: controller.signal });
      const next = embedder.embed(["next"]);
      controller.abort(reason); // the first batch is already in the worker; two are still waiting

      await expect(aborted).rejects.toBe(reason);
      // Only the aborted request's first batch ran before this one.
      expect(await next).toEqual([unit(1)]);
    } finally {
      await embedder.close();
    }
  });

  it("runs a short request right after the batch in progress, ahead of the rest of a long one", async () => {
    const embedder = createOfflineEmbedder({ workerPath: fixture });
    try {
      const long = embedder.embed(Array.from({ length: embedder.maxBatchSize * 3 }, (_, i) => `text ${i}`));
      const short = embedder.embed(["search query"]);

      expect(await short).toEqual([unit(1)]);
      expect((await long).slice(-1)).toEqual([unit(3)]);
    } finally {
      await embedder.close();
    }
  });

  it("rejects requests made after close", async () => {
    const embedder = createOfflineEmbedder({ workerPath: fixture });
    await embedder.embed(["warm up"]);
    await embedder.close();

    await expect(embedder.embed(["too late"])).rejects.toMatchObject({ name: "EmbeddingError", retryable: false });
  });

  it("refuses a worker file that does not exist, naming where it looked", () => {
    expect(() => createOfflineEmbedder({ workerPath: "/nonexistent/offline-worker.mjs" })).toThrow(/\/nonexistent\/offline-worker\.mjs/);
  });

  it("lets the process exit, after close() and when idle without it", { timeout: MODEL_LOAD_TIMEOUT_MS }, async () => {
    const script = `
      import { createOfflineEmbedder } from "./app/knowledge/embeddings/offline.server.ts";
      const closing = createOfflineEmbedder();
      await closing.embed(["warm up"]);
      const inFlight = closing.embed(["interrupted"]).then(() => "resolved", (error) => error.name + " " + error.message);
      await closing.close();
      console.log(await inFlight);
      // Never closed, like the server's singleton: an idle worker must not hold the process open.
      await createOfflineEmbedder().embed(["left idle"]);
      console.log("done");
    `;
    // A worker left running would keep the child alive until this timeout kills it, failing the test.
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      timeout: MODEL_LOAD_TIMEOUT_MS / 2,
    });

    expect(stdout.trim().split("\n")).toEqual(["EmbeddingError the offline embedder was closed", "done"]);
  });
});
