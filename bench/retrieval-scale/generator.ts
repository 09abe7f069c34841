import { parentPort, workerData } from "node:worker_threads";
import { chunkText, createRandom, DIMENSIONS, documentTitle, memberVector, storedVector, topicModel, type Cluster } from "./data";

/**
 * Worker thread: generates the tenants' documents and chunks (text and vector literals) while the
 * main thread, which also runs the embedded database, inserts the previous batch.
 */

export interface GeneratorInput {
  seed: number;
  tenants: { tenantId: string; chunks: number }[];
  /** Tenants (by index) whose chunk ids and stored float32 vectors are sent back, for exact search. */
  keepVectors: number[];
  chunkBatch: number;
  documentBatch: number;
}

export type GeneratorMessage =
  | { type: "documents"; count: number; params: unknown[] }
  | { type: "chunks"; count: number; params: unknown[]; literalBytes: number; kept?: { tenant: number; ids: string[]; vectors: Float32Array } }
  | { type: "done"; generateMs: number };

/** Batches posted and not yet acknowledged: bounds the memory the worker can run ahead by. */
const AHEAD = 4;

const input = workerData as GeneratorInput;
const port = parentPort!;
let outstanding = 0;
let wake: (() => void) | undefined;
port.on("message", () => {
  outstanding--;
  wake?.();
});

let generateMs = 0;
async function post(message: GeneratorMessage) {
  while (outstanding >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  outstanding++;
  port.postMessage(message, message.type === "chunks" && message.kept ? [message.kept.vectors.buffer as ArrayBuffer] : []);
}

const { pickers } = topicModel(input.seed, input.tenants.length);
const random = createRandom(input.seed + 1);
for (const [index, tenant] of input.tenants.entries()) {
  let started = performance.now();
  const documents: { id: string; cluster: Cluster; chunks: number }[] = [];
  let params: unknown[] = [];
  let count = 0;
  for (let remaining = tenant.chunks; remaining > 0; ) {
    const chunks = Math.min(remaining, 6 + random.int(9));
    const cluster = pickers[index](random);
    const id = random.uuid();
    documents.push({ id, cluster, chunks });
    const checksum = (random.uuid() + random.uuid()).replace(/-/g, "");
    params.push(id, tenant.tenantId, documentTitle(random, cluster), checksum, chunks, chunks);
    remaining -= chunks;
    if (++count === input.documentBatch || remaining <= 0) {
      generateMs += performance.now() - started;
      await post({ type: "documents", count, params });
      started = performance.now();
      params = [];
      count = 0;
    }
  }
  let literalBytes = 0;
  const keep = input.keepVectors.includes(index);
  let ids: string[] = [];
  let vectors = new Float32Array(keep ? input.chunkBatch * DIMENSIONS : 0);
  const kept = () => (keep ? { tenant: index, ids, vectors: vectors.slice(0, ids.length * DIMENSIONS) } : undefined);
  for (const document of documents) {
    for (let position = 0; position < document.chunks; position++) {
      const content = chunkText(random, document.cluster);
      const { literal, float32 } = storedVector(memberVector(random, document.cluster));
      const id = random.uuid();
      literalBytes += literal.length;
      params.push(id, tenant.tenantId, document.id, position, "", content, Math.round(content.split(" ").length * 1.3), literal);
      if (keep) {
        vectors.set(float32, ids.length * DIMENSIONS);
        ids.push(id);
      }
      if (++count === input.chunkBatch) {
        generateMs += performance.now() - started;
        await post({ type: "chunks", count, params, literalBytes, kept: kept() });
        started = performance.now();
        params = [];
        count = 0;
        literalBytes = 0;
        ids = [];
        vectors = new Float32Array(keep ? input.chunkBatch * DIMENSIONS : 0);
      }
    }
  }
  generateMs += performance.now() - started;
  if (count) await post({ type: "chunks", count, params, literalBytes, kept: kept() });
  params = [];
  count = 0;
}
await post({ type: "done", generateMs });
