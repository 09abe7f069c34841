import { env } from "../env.server";
import { ensureVectorIndex, queueReembedding } from "./embedding-model.server";
import { embeddingProviderFromEnv } from "./embeddings/index.server";
import { startIngestionWorker, type IngestionWorker } from "./worker.server";

// On globalThis: documents.server (in the Remix bundle) wakes the worker that server.ts started.
const holder = globalThis as typeof globalThis & { __helpdeskIngestionWorker?: IngestionWorker };

/**
 * Starts this process's ingestion worker; server.ts calls it once the database is ready. A model
 * other than the one the knowledge was embedded with gets its index, and re-embedding is queued.
 */
export async function startKnowledgeWork(): Promise<{ stop(): Promise<void> }> {
  const embedder = embeddingProviderFromEnv(process.env);
  await ensureVectorIndex(embedder);
  await queueReembedding(embedder);
  const worker = startIngestionWorker({ embedder, allowPrivateNetwork: env().KNOWLEDGE_ALLOW_PRIVATE_URLS });
  holder.__helpdeskIngestionWorker = worker;
  return {
    async stop() {
      holder.__helpdeskIngestionWorker = undefined;
      await worker.stop();
      if ("close" in embedder && typeof embedder.close === "function") await embedder.close();
    },
  };
}

/** New work was queued by this process: start it now rather than at the next poll. */
export function wakeIngestionWorker(): void {
  holder.__helpdeskIngestionWorker?.wake();
}
