import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { splitIntoBatches } from "./batches";
import { EmbeddingError, type EmbeddingProvider } from "./provider";
import { l2Normalize } from "./vectors";

export const OFFLINE_EMBEDDING_MODEL_ID = "use-lite-512";
const DIMENSIONS = 512;
// Measured on one core: the time per text stops falling at about 8 texts per batch (~17 ms for a 45-word sentence,
// 25–35 ms for a 30–75 word help-centre passage; one text at a time costs up to 40% more). The batch is also the
// unit of fairness between callers (see `dispatch`), so the smallest size at full throughput is chosen: a search
// query arriving during bulk indexing waits for one batch, ~0.2 s, where batches of 64 would make it ~1.6 s.
const MAX_BATCH_SIZE = 8;

export type OfflineEmbedder = EmbeddingProvider & { close(): Promise<void> };

export interface OfflineEmbedderOptions {
  /** Worker threads, each with its own copy of the model (~150 MB resident) and one CPU core's worth of work. Default 1. */
  threads?: number;
  /** Where offline-worker.mjs is, when it is not beside this module nor under the working directory. */
  workerPath?: string | URL;
}

/** One `embed` call: its batches are handed to workers one at a time, taking turns with other calls. */
interface EmbedRequest {
  batches: string[][];
  dispatched: number;
  results: number[][][];
  unfinished: number;
  settled: boolean;
  resolve(vectors: number[][]): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  current?: { request: EmbedRequest; batchIndex: number };
  crash?: Error;
}

type WorkerReply = { vectors: number[][] } | { error: string };

/**
 * The Universal Sentence Encoder (lite) run on this machine, with no network and no API key. The model runs in
 * worker threads because one batch is hundreds of milliseconds of synchronous WebAssembly: on the main thread it
 * would stall every HTTP request the server is handling.
 */
export function createOfflineEmbedder(options: OfflineEmbedderOptions = {}): OfflineEmbedder {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const workerPath = locateWorker(options.workerPath);

  const slots: Slot[] = [];
  /** Requests with batches not yet handed to a worker, oldest first. */
  const waiting: EmbedRequest[] = [];
  let closed = false;

  function startWorker(): Slot {
    // No inherited execArgv: the worker is plain JavaScript and needs no loader such as tsx, and some of the parent's
    // flags (--input-type, for one) stop a worker from starting at all.
    const slot: Slot = { worker: new Worker(workerPath, { execArgv: [] }) };
    slot.worker.on("message", (reply: WorkerReply) => finishBatch(slot, reply));
    // Without an "error" listener a crash in the worker would be rethrown here and take down the whole process.
    slot.worker.on("error", (error) => (slot.crash = error));
    slot.worker.on("exit", (code) => {
      slots.splice(slots.indexOf(slot), 1);
      if (slot.current) {
        const reason = closed ? "the offline embedder was closed" : `the offline embedding worker stopped (exit code ${code}${slot.crash ? `: ${slot.crash.message}` : ""})`;
        fail(slot.current.request, new EmbeddingError(reason, !closed, { cause: slot.crash }));
      }
      // The replacement starts on demand: there is nothing to start it for if no request is waiting.
      dispatch();
    });
    slots.push(slot);
    return slot;
  }

  function finishBatch(slot: Slot, reply: WorkerReply) {
    const { request, batchIndex } = slot.current!;
    slot.current = undefined;
    // An idle worker must not keep the process alive: the server singleton is never closed.
    slot.worker.unref();
    if (!request.settled) {
      try {
        if ("error" in reply) throw new EmbeddingError(`offline embedding failed: ${reply.error}`, false);
        if (reply.vectors.length !== request.batches[batchIndex].length) {
          throw new EmbeddingError(`the offline model returned ${reply.vectors.length} vectors for ${request.batches[batchIndex].length} texts`, false);
        }
        request.results[batchIndex] = reply.vectors.map(l2Normalize);
        if (--request.unfinished === 0) {
          request.settled = true;
          request.resolve(request.results.flat());
        }
      } catch (error) {
        fail(request, error);
      }
    }
    dispatch();
  }

  function fail(request: EmbedRequest, error: unknown) {
    if (request.settled) return;
    request.settled = true;
    const position = waiting.indexOf(request);
    if (position !== -1) waiting.splice(position, 1);
    request.reject(error);
  }

  function dispatch() {
    while (!closed && waiting.length > 0) {
      const slot = slots.find((candidate) => !candidate.current) ?? (slots.length < threads ? startWorker() : undefined);
      if (!slot) return;
      // Least served first, not first come first served: a one-text search query goes next, so it waits only for
      // the batch already in the worker, not for the rest of a large indexing job queued before it.
      const request = waiting.reduce((least, candidate) => (candidate.dispatched < least.dispatched ? candidate : least));
      const batchIndex = request.dispatched++;
      if (request.dispatched === request.batches.length) waiting.splice(waiting.indexOf(request), 1);
      slot.current = { request, batchIndex };
      slot.worker.ref();
      slot.worker.postMessage({ texts: request.batches[batchIndex] });
    }
  }

  return {
    id: OFFLINE_EMBEDDING_MODEL_ID,
    dimensions: DIMENSIONS,
    maxBatchSize: MAX_BATCH_SIZE,

    embed(texts, { signal } = {}) {
      if (closed) return Promise.reject(new EmbeddingError("the offline embedder was closed", false));
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (texts.length === 0) return Promise.resolve([]);
      return new Promise<number[][]>((resolve, reject) => {
        const batches = splitIntoBatches(texts, MAX_BATCH_SIZE);
        const onAbort = () => fail(request, signal!.reason);
        const request: EmbedRequest = {
          batches,
          dispatched: 0,
          results: [],
          unfinished: batches.length,
          settled: false,
          resolve(vectors) {
            signal?.removeEventListener("abort", onAbort);
            resolve(vectors);
          },
          reject(error) {
            signal?.removeEventListener("abort", onAbort);
            reject(error);
          },
        };
        // A batch already in a worker runs to the end (it cannot be interrupted); its vectors are then dropped.
        signal?.addEventListener("abort", onAbort, { once: true });
        waiting.push(request);
        dispatch();
      });
    },

    async close() {
      closed = true;
      for (const request of [...waiting]) fail(request, new EmbeddingError("the offline embedder was closed", false));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/**
 * Beside this module when running from source (tsx, Vitest). The Remix server bundle (build/index.js) does not copy
 * the worker next to itself, so there the file is found under the working directory, which is the project root when
 * the server is started as documented; `workerPath` covers any other layout.
 */
function locateWorker(explicit: string | URL | undefined): string | URL {
  const candidates = explicit
    ? [typeof explicit === "string" ? path.resolve(explicit) : explicit]
    : [new URL("./offline-worker.mjs", import.meta.url), path.resolve("app/knowledge/embeddings/offline-worker.mjs")];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`offline-worker.mjs not found; looked at ${candidates.map(String).join(", ")}`);
  return found;
}
