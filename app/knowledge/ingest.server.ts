import type { EntityManager } from "@mikro-orm/postgresql";
import { KnowledgeChunk, KnowledgeDocument } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recheckGapsInBackground } from "../analytics/questions/gap-recheck.server";
import { chunkDocument, type Chunk } from "./chunking.server";
import { embedForTenant } from "./embedding-usage.server";
import type { EmbeddingProvider } from "./embeddings/provider";
import { fetchPage } from "./fetch-page.server";
import { completeJob, renewLease, type ClaimedJob } from "./jobs.server";
import { adjustDocumentFrequencies } from "./term-statistics.server";
import { parseFaq, parseFile, parseHtml, parseText } from "./parsing/index.server";
import type { Block, ParsedDocument } from "./parsing/types";

export interface IngestionSettings {
  embedder: EmbeddingProvider;
  /** Lets URL imports reach private addresses: tests and self-hosted intranets only. */
  allowPrivateNetwork?: boolean;
}

/** Text that is both embedded and indexed for keywords: where the passage sits, then the passage. */
export function searchableText(title: string, headingPath: string, content: string): string {
  return [headingPath ? `${title} > ${headingPath}` : title, content].join("\n");
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level)} ${block.text}`;
    case "list":
      return block.items.map((item) => `- ${item}`).join("\n");
    case "table":
      return block.rows.map((row) => row.join(" | ")).join("\n");
    case "faq":
      return `Q: ${block.question}\nA: ${block.answer}`;
    default:
      return block.text;
  }
}

async function parseSource(document: KnowledgeDocument, settings: IngestionSettings): Promise<ParsedDocument> {
  const source = document.source ?? Buffer.alloc(0);
  switch (document.sourceType) {
    case "file":
      return parseFile({ fileName: document.fileName ?? document.title, bytes: new Uint8Array(source), mimeType: document.mimeType ?? undefined });
    case "text":
      return parseText({ title: document.title, text: source.toString("utf8") });
    case "faq":
      return parseFaq(JSON.parse(source.toString("utf8")) as { question: string; answer: string });
    case "url": {
      const page = await fetchPage(document.sourceUrl ?? "", { allowPrivateNetwork: settings.allowPrivateNetwork });
      return parseHtml({ html: page.body, fallbackTitle: document.title });
    }
  }
}

/**
 * Replaces the document's chunks and their BM25 postings in one statement batch. The heading path
 * is indexed twice: a poor man's BM25F, since a section's title says more than any one sentence in it.
 */
async function storeChunks(em: EntityManager, document: KnowledgeDocument, chunks: Chunk[]): Promise<void> {
  const tenantId = document.tenant.id;
  await adjustDocumentFrequencies(em, tenantId, [document.id], -1);
  await em.nativeDelete(KnowledgeChunk, { document: document.id, tenant: tenantId });
  await em.insertMany(
    KnowledgeChunk,
    chunks.map((chunk) => ({
      id: crypto.randomUUID(),
      tenant: tenantId,
      document: document.id,
      position: chunk.position,
      headingPath: chunk.headingPath,
      content: chunk.content,
      tokenCount: chunk.tokenCount,
      createdAt: new Date(),
    })),
  );
  await em.execute(
    `with terms as (
       select c.id as chunk_id, c.tenant_id, t.lexeme, coalesce(array_length(t.positions, 1), 1) as tf
         from knowledge_chunks c
         cross join lateral unnest(to_tsvector('english', ? || ' ' || c.heading_path || ' ' || c.heading_path || ' ' || c.content)) t
        where c.document_id = ? and c.tenant_id = ?),
     lengths as (select chunk_id, sum(tf)::int as dl from terms group by chunk_id),
     counted as (update knowledge_chunks c set term_count = l.dl from lengths l where c.id = l.chunk_id),
     document_total as (update knowledge_documents d set term_count = (select coalesce(sum(dl), 0) from lengths) where d.id = ?)
     insert into knowledge_postings (chunk_id, lexeme, tenant_id, term_frequency, chunk_length)
     select t.chunk_id, t.lexeme, t.tenant_id, least(t.tf, 32767), least(l.dl, 32767)
       from terms t join lengths l using (chunk_id)`,
    [document.title, document.id, tenantId, document.id],
  );
  await adjustDocumentFrequencies(em, tenantId, [document.id], 1);
}

/** Parse, chunk and store: the first half of an ingest job, skipped when a previous attempt finished it. */
async function prepareChunks(job: ClaimedJob, settings: IngestionSettings): Promise<void> {
  const document = await withTenant(job.tenantId, (em) =>
    em.findOneOrFail(KnowledgeDocument, { id: job.documentId, tenant: job.tenantId }, { populate: ["source"] }),
  );
  // "processing" is set in the same transaction that stores the chunks: it marks this half done.
  if (document.status === "processing") return;
  const parsed = await parseSource(document, settings);
  const chunks = chunkDocument(parsed);
  if (chunks.length === 0) throw new IngestionError("This document has no text to index.");
  await withTenant(job.tenantId, async (em) => {
    const fresh = await em.findOneOrFail(KnowledgeDocument, { id: document.id, tenant: job.tenantId });
    if (document.sourceType !== "text" && parsed.title) fresh.title = parsed.title.slice(0, 300);
    fresh.content = parsed.blocks.map(blockText).join("\n\n");
    fresh.status = "processing";
    fresh.error = null;
    fresh.chunkCount = chunks.length;
    fresh.embeddedCount = 0;
    fresh.embeddingModel = settings.embedder.id;
    await storeChunks(em, fresh, chunks);
    await renewLease(em, job);
  });
}

/**
 * Embeds the document's chunks that have no vector from the current model, batch by batch, each
 * batch committed on its own: a killed worker's successor continues where it stopped. The model
 * call happens between transactions, never inside one, and the next batch is embedded while the
 * previous one is being written, so the database adds little to the embedder's own time. A batch
 * is one model request, and what it cost is recorded as one usage event of the job's tenant.
 */
async function embedChunks(job: ClaimedJob, settings: IngestionSettings): Promise<void> {
  const { embedder } = settings;
  const pending = await withTenant(job.tenantId, (em) =>
    em.execute<{ id: string; heading_path: string; content: string; title: string }[]>(
      `select c.id, c.heading_path, c.content, d.title
         from knowledge_chunks c join knowledge_documents d on d.id = c.document_id
        where c.document_id = ? and c.tenant_id = ? and c.embedding_model is distinct from ?
        order by c.position`,
      [job.documentId, job.tenantId, embedder.id],
    ),
  );
  const batches: (typeof pending)[] = [];
  for (let start = 0; start < pending.length; start += embedder.maxBatchSize) batches.push(pending.slice(start, start + embedder.maxBatchSize));
  const embed = (batch: typeof pending) => {
    const texts = batch.map((row) => searchableText(row.title, row.heading_path, row.content));
    const vectors = embedForTenant({ tenantId: job.tenantId, embedder, texts });
    // Awaited a little later; until then a failure must not count as an unhandled rejection.
    vectors.catch(() => {});
    return vectors;
  };

  // One batch is always queued behind the one being embedded, so the model never waits for us.
  let next = batches.length ? embed(batches[0]) : undefined;
  // Progress counts this model's vectors; a re-embedding (or a resumed job) starts from what is there.
  await withTenant(job.tenantId, (em) =>
    em.execute(
      `update knowledge_documents d set embedded_count =
         (select count(*) from knowledge_chunks c where c.document_id = d.id and c.embedding_model = ?)
        where d.id = ? and d.tenant_id = ?`,
      [embedder.id, job.documentId, job.tenantId],
    ),
  );
  let previousWrite: Promise<void> = Promise.resolve();
  for (let index = 0; index < batches.length; index++) {
    const vectors = await next!;
    next = index + 1 < batches.length ? embed(batches[index + 1]) : undefined;
    await previousWrite;
    previousWrite = storeVectors(job, embedder.id, batches[index].map((row, i) => ({ id: row.id, embedding: `[${vectors[i].join(",")}]` })));
  }
  await previousWrite;
}

async function storeVectors(job: ClaimedJob, modelId: string, rows: { id: string; embedding: string }[]): Promise<void> {
  await withTenant(job.tenantId, async (em) => {
    const updated = await em.execute<{ id: string }[]>(
      `update knowledge_chunks c set embedding = v.embedding::vector, embedding_model = ?
         from jsonb_to_recordset(?::jsonb) as v(id uuid, embedding text)
        where c.id = v.id and c.tenant_id = ? and c.embedding_model is distinct from ?
        returning c.id`,
      [modelId, JSON.stringify(rows), job.tenantId, modelId],
    );
    await em.execute(`update knowledge_documents set embedded_count = embedded_count + ? where id = ? and tenant_id = ?`, [
      updated.length,
      job.documentId,
      job.tenantId,
    ]);
    await renewLease(em, job);
  });
}

/** A failure no retry can fix (bad file, bad URL): the document shows this message. */
export class IngestionError extends Error {}

/** Runs one claimed job to completion. Throws on failure; the worker decides about retries. */
export async function runIngestionJob(job: ClaimedJob, settings: IngestionSettings): Promise<void> {
  const exists = await withTenant(job.tenantId, (em) => em.count(KnowledgeDocument, { id: job.documentId, tenant: job.tenantId }));
  if (exists) {
    if (job.kind === "ingest") await prepareChunks(job, settings);
    await embedChunks(job, settings);
  }
  await withTenant(job.tenantId, async (em) => {
    await em.nativeUpdate(
      KnowledgeDocument,
      { id: job.documentId, tenant: job.tenantId },
      { status: "ready", error: null, embeddingModel: settings.embedder.id },
    );
    await completeJob(em, job);
  });
  // New or changed knowledge may answer questions that went unanswered.
  if (exists) recheckGapsInBackground({ tenantId: job.tenantId, embedder: settings.embedder });
}
