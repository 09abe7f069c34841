import type { EntityManager } from "@mikro-orm/postgresql";
import { IngestionJob } from "../../db/entities";
import { withSystem, withTenant } from "../../db/tenant-scope";

export type JobKind = "ingest" | "reembed";

export interface ClaimedJob {
  id: string;
  tenantId: string;
  documentId: string;
  kind: JobKind;
  attempts: number;
}

/** A claimed job belongs to its worker this long; the worker renews it after every batch. */
export const JOB_LEASE_MS = 60_000;
export const MAX_JOB_ATTEMPTS = 3;

/** Queues work in the caller's tenant unit of work, so the job exists if and only if the change commits. */
export function enqueueJob(em: EntityManager, job: { tenantId: string; documentId: string; kind: JobKind }): void {
  em.create(IngestionJob, { tenant: job.tenantId, document: job.documentId, kind: job.kind });
}

/**
 * Takes the oldest runnable job of any tenant: queued and due, or running with a lapsed lease
 * (its worker died). SKIP LOCKED lets any number of workers drain the queue without blocking.
 */
export async function claimNextJob(leaseMs = JOB_LEASE_MS): Promise<ClaimedJob | null> {
  const rows = await withSystem((em) =>
    em.execute<{ id: string; tenant_id: string; document_id: string; kind: JobKind; attempts: number }[]>(
      `update ingestion_jobs set status = 'running', attempts = attempts + 1,
              lease_expires_at = now() + make_interval(secs => ?), updated_at = now()
        where id = (
          select id from ingestion_jobs
           where (status = 'queued' and run_after <= now())
              or (status = 'running' and lease_expires_at < now())
           order by run_after, created_at
           for update skip locked
           limit 1)
        returning id, tenant_id, document_id, kind, attempts`,
      [leaseMs / 1000],
    ),
  );
  const row = rows[0];
  return row ? { id: row.id, tenantId: row.tenant_id, documentId: row.document_id, kind: row.kind, attempts: row.attempts } : null;
}

export async function renewLease(em: EntityManager, job: ClaimedJob, leaseMs = JOB_LEASE_MS): Promise<void> {
  await em.nativeUpdate(IngestionJob, { id: job.id, tenant: job.tenantId }, { leaseExpiresAt: new Date(Date.now() + leaseMs) });
}

export async function completeJob(em: EntityManager, job: ClaimedJob): Promise<void> {
  await em.nativeUpdate(IngestionJob, { id: job.id, tenant: job.tenantId }, { status: "done", leaseExpiresAt: null, lastError: null });
}

/**
 * A failure the job may outgrow (a crash, a provider hiccup) is retried with backoff; the last
 * attempt, or a failure no retry can fix, fails the job for good. Returns whether it will retry.
 */
export async function failJob(job: ClaimedJob, error: string, { retryable }: { retryable: boolean }): Promise<boolean> {
  const retry = retryable && job.attempts < MAX_JOB_ATTEMPTS;
  await withTenant(job.tenantId, (em) =>
    em.nativeUpdate(
      IngestionJob,
      { id: job.id, tenant: job.tenantId },
      retry
        ? { status: "queued", lastError: error, leaseExpiresAt: null, runAfter: new Date(Date.now() + 2 ** job.attempts * 1000) }
        : { status: "failed", lastError: error, leaseExpiresAt: null },
    ),
  );
  return retry;
}
