import { createHash, randomUUID } from "node:crypto";
import type { FilterQuery } from "@mikro-orm/core";
import { KnowledgeChunk, KnowledgeDocument } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";
import { notFound } from "../utils/errors";
import { wakeIngestionWorker } from "./background.server";
import { enqueueJob } from "./jobs.server";
import { adjustDocumentFrequencies } from "./term-statistics.server";

type Actor = Pick<CurrentUser, "id" | "tenant">;
type SourceType = "text" | "file" | "url" | "faq";
type DocumentStatus = "pending" | "processing" | "ready" | "failed";

export interface NewDocument {
  title: string;
  sourceType: SourceType;
  source: Buffer;
  sourceUrl?: string;
  fileName?: string;
  mimeType?: string;
  tags?: string[];
}

export type AddOutcome = { title: string; documentId: string; status: "queued" } | { title: string; documentId: string; status: "unchanged" };

function checksumOf(document: NewDocument): string {
  const hash = createHash("sha256");
  hash.update(document.sourceType);
  hash.update(document.sourceType === "url" ? (document.sourceUrl ?? "") : document.source);
  return hash.digest("hex");
}

/**
 * Adds documents and queues their ingestion in one transaction. Content identical to an existing
 * document (same checksum) is not added twice: that document is reported as unchanged instead.
 */
export async function addDocuments({ actor, documents }: { actor: Actor; documents: NewDocument[] }): Promise<AddOutcome[]> {
  const tenantId = actor.tenant.id;
  const outcomes = await withTenant(tenantId, async (em) => {
    const outcomes: AddOutcome[] = [];
    for (const input of documents) {
      const checksum = checksumOf(input);
      const existing = await em.findOne(KnowledgeDocument, { tenant: tenantId, checksum, status: { $ne: "failed" } }, { fields: ["id", "title"] });
      if (existing) {
        outcomes.push({ title: existing.title, documentId: existing.id, status: "unchanged" });
        continue;
      }
      const document = em.create(KnowledgeDocument, {
        // Set here, not at flush, because the job below refers to it.
        id: randomUUID(),
        tenant: tenantId,
        title: input.title.slice(0, 300),
        sourceType: input.sourceType,
        source: input.source,
        sourceUrl: input.sourceUrl ?? null,
        fileName: input.fileName ?? null,
        mimeType: input.mimeType ?? null,
        checksum,
        tags: input.tags ?? [],
      });
      enqueueJob(em, { tenantId, documentId: document.id, kind: "ingest" });
      outcomes.push({ title: document.title, documentId: document.id, status: "queued" });
    }
    const added = outcomes.filter((outcome) => outcome.status === "queued");
    if (added.length) {
      recordAudit(em, { tenantId, actorId: actor.id, action: "knowledge.added", details: { documents: added.map((outcome) => outcome.title) } });
    }
    return outcomes;
  });
  wakeIngestionWorker();
  return outcomes;
}

function toDocumentSummary(document: KnowledgeDocument) {
  return {
    id: document.id,
    title: document.title,
    sourceType: document.sourceType as SourceType,
    sourceUrl: document.sourceUrl ?? null,
    fileName: document.fileName ?? null,
    status: document.status as DocumentStatus,
    error: document.error ?? null,
    chunkCount: document.chunkCount,
    embeddedCount: document.embeddedCount,
    tags: document.tags,
    updatedAt: document.updatedAt,
  };
}

export interface DocumentFilter {
  search?: string;
  status?: DocumentStatus;
  tag?: string;
}

export async function listDocuments({ tenantId, filter = {}, limit = 100, offset = 0 }: { tenantId: string; filter?: DocumentFilter; limit?: number; offset?: number }) {
  return withTenant(tenantId, async (em) => {
    const where: FilterQuery<KnowledgeDocument> = { tenant: tenantId };
    if (filter.status) where.status = filter.status;
    if (filter.tag) where.tags = { $contains: [filter.tag] };
    if (filter.search) where.title = { $ilike: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    const [documents, total] = await em.findAndCount(KnowledgeDocument, where, { orderBy: { updatedAt: "desc" }, limit, offset });
    const tags = await em.execute<{ tag: string }[]>(
      `select distinct unnest(tags) as tag from knowledge_documents where tenant_id = ? order by tag limit 200`,
      [tenantId],
    );
    return {
      total,
      tags: tags.map((row) => row.tag),
      documents: documents.map(toDocumentSummary),
    };
  });
}

export async function getDocument({ tenantId, documentId }: { tenantId: string; documentId: string }) {
  return withTenant(tenantId, async (em) => {
    const document = await em.findOne(KnowledgeDocument, { id: documentId, tenant: tenantId }, { populate: ["content"] });
    if (!document) notFound("That document");
    const chunks = await em.find(KnowledgeChunk, { document: documentId, tenant: tenantId }, { orderBy: { position: "asc" } });
    return {
      ...toDocumentSummary(document),
      content: document.content,
      embeddingModel: document.embeddingModel ?? null,
      chunks: chunks.map((chunk) => ({
        id: chunk.id,
        position: chunk.position,
        headingPath: chunk.headingPath,
        content: chunk.content,
        tokenCount: chunk.tokenCount,
        embedded: chunk.embeddingModel != null,
      })),
    };
  });
}

/** Edits title and tags; for pasted text and FAQ entries, also the content, which re-indexes it. */
export async function updateDocument({
  actor,
  documentId,
  title,
  tags,
  source,
}: {
  actor: Actor;
  documentId: string;
  title: string;
  tags: string[];
  source?: Buffer;
}) {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const document = await em.findOne(KnowledgeDocument, { id: documentId, tenant: tenantId });
    if (!document) notFound("That document");
    document.title = title.slice(0, 300);
    document.tags = tags;
    if (source && (document.sourceType === "text" || document.sourceType === "faq")) {
      document.source = source;
      document.checksum = checksumOf({ title, sourceType: document.sourceType, source });
      document.status = "pending";
      enqueueJob(em, { tenantId, documentId, kind: "ingest" });
    }
    recordAudit(em, { tenantId, actorId: actor.id, action: "knowledge.updated", targetType: "knowledge_document", targetId: documentId });
  });
  wakeIngestionWorker();
}

export async function reindexDocuments({ actor, documentIds }: { actor: Actor; documentIds: string[] }): Promise<number> {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const documents = await em.find(KnowledgeDocument, { id: { $in: documentIds }, tenant: tenantId });
    for (const document of documents) {
      document.status = "pending";
      document.error = null;
      enqueueJob(em, { tenantId, documentId: document.id, kind: "ingest" });
    }
    return documents.length;
  }).finally(wakeIngestionWorker);
}

export async function deleteDocuments({ actor, documentIds }: { actor: Actor; documentIds: string[] }): Promise<number> {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    await adjustDocumentFrequencies(em, tenantId, documentIds, -1);
    const deleted = await em.nativeDelete(KnowledgeDocument, { id: { $in: documentIds }, tenant: tenantId });
    if (deleted) recordAudit(em, { tenantId, actorId: actor.id, action: "knowledge.deleted", details: { count: deleted } });
    return deleted;
  });
}
