import { KnowledgeDocument } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { EmbeddingError } from "./embeddings/provider";
import { PageFetchError } from "./fetch-page.server";
import { IngestionError, runIngestionJob, type IngestionSettings } from "./ingest.server";
import { claimNextJob, failJob, type ClaimedJob } from "./jobs.server";
import { ParseError } from "./parsing/types";

/** What the tenant admin reads next to a failed document. */
function describeFailure(error: unknown, attempts: number): { message: string; retryable: boolean } {
  if (error instanceof ParseError || error instanceof PageFetchError || error instanceof IngestionError) {
    return { message: error.message, retryable: false };
  }
  if (error instanceof EmbeddingError) {
    return { message: `The embedding model failed: ${error.message}`, retryable: error.retryable };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Indexing failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${detail}`, retryable: true };
}

async function processJob(job: ClaimedJob, settings: IngestionSettings): Promise<void> {
  try {
    await runIngestionJob(job, settings);
  } catch (error) {
    const failure = describeFailure(error, job.attempts);
    const retrying = await failJob(job, failure.message, failure);
    if (!retrying) {
      await withTenant(job.tenantId, (em) =>
        em.nativeUpdate(KnowledgeDocument, { id: job.documentId, tenant: job.tenantId }, { status: "failed", error: failure.message }),
      );
    }
  }
}

/**
 * Drains every runnable job and returns how many ran. Two jobs run side by side by default: while
 * one waits for the embedder, the other parses and stores, so the embedder is rarely idle.
 */
export async function runPendingJobs(settings: IngestionSettings & { concurrency?: number }): Promise<number> {
  const lanes = Array.from({ length: settings.concurrency ?? 2 }, async () => {
    let count = 0;
    for (let job = await claimNextJob(); job; job = await claimNextJob()) {
      await processJob(job, settings);
      count++;
    }
    return count;
  });
  return (await Promise.all(lanes)).reduce((total, count) => total + count, 0);
}

export interface IngestionWorker {
  /** Look for work now instead of at the next poll (after this process queued a job). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * A background loop that drains the job queue, then sleeps until woken or the poll interval
 * passes. Any number of processes may run one: claims never overlap (SKIP LOCKED + leases).
 */
export function startIngestionWorker(settings: IngestionSettings & { pollIntervalMs?: number }): IngestionWorker {
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await runPendingJobs(settings);
      } catch (error) {
        // The database was unreachable or similar: keep the worker alive and try again later.
        console.error("ingestion worker:", error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, settings.pollIntervalMs ?? 2_000);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}

