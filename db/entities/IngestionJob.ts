import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { KnowledgeDocument } from "./KnowledgeDocument";
import { Tenant } from "./Tenant";

export const INGESTION_JOB_KINDS = ["ingest", "reembed"] as const;
export const INGESTION_JOB_STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * Durable background work on one document. Workers claim jobs with FOR UPDATE SKIP LOCKED and a
 * lease; a job whose lease runs out (its process died) is claimed again and resumes.
 */
export const IngestionJob = defineEntity({
  name: "IngestionJob",
  tableName: "ingestion_jobs",
  indexes: [{ properties: ["status", "runAfter"] }],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").index(),
    document: () => p.manyToOne(KnowledgeDocument).ref().deleteRule("cascade").index(),
    kind: p.enum([...INGESTION_JOB_KINDS]),
    status: p.enum([...INGESTION_JOB_STATUSES]).default("queued"),
    attempts: p.integer().default(0),
    runAfter: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
    leaseExpiresAt: p.datetime().columnType("timestamptz").nullable(),
    lastError: p.text().nullable(),
  },
});
export type IngestionJob = InferEntity<typeof IngestionJob>;
