import fs from "node:fs";
import path from "node:path";
import { addDocuments } from "../../app/knowledge/documents.server";
import { chunkDocument } from "../../app/knowledge/chunking.server";
import { vectorIndexName } from "../../app/knowledge/embedding-model.server";
import { OFFLINE_EMBEDDING_MODEL_ID } from "../../app/knowledge/embeddings/offline.server";
import type { EmbeddingProvider } from "../../app/knowledge/embeddings/provider";
import { parseFile } from "../../app/knowledge/parsing/index.server";
import { runPendingJobs } from "../../app/knowledge/worker.server";
import { getOrm } from "../../db/orm";
import { withTenant } from "../../db/tenant-scope";
import { createTestTenant } from "../../db/testing/fixtures";
import { bulkLoad, fillTermStatistics, indexTenantTerms, MODEL } from "../retrieval-scale/load";

const ARTICLES = path.resolve("bench/retrieval-eval/articles");
const QUESTIONS = path.resolve("bench/retrieval-eval/questions.json");

export interface ParcelpointQuestion {
  id: string;
  question: string;
  kind: string;
}

export function parcelpointQuestions(): ParcelpointQuestion[] {
  return JSON.parse(fs.readFileSync(QUESTIONS, "utf8")) as ParcelpointQuestion[];
}

function articleFiles(): { name: string; bytes: Buffer }[] {
  return fs
    .readdirSync(ARTICLES)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(ARTICLES, name)) }));
}

/** As many chunks as ingestion will make of the articles: the same parser and chunker, without storing anything. */
async function countArticleChunks(files: { name: string; bytes: Buffer }[]): Promise<number> {
  let chunks = 0;
  for (const file of files) chunks += chunkDocument(await parseFile({ fileName: file.name, bytes: new Uint8Array(file.bytes) })).length;
  return chunks;
}

export interface KnowledgeTenant {
  tenantId: string;
  articleChunks: number;
  fillerChunks: number;
  fillerSeconds: number;
  ingestSeconds: number;
}

/**
 * A tenant with `totalChunks` searchable chunks: the Parcelpoint help centre ingested the normal
 * way (upload, job, parse, chunk, embed, store), so answers quote real articles, plus synthetic
 * filler from the retrieval-scale generator to make up the rest.
 *
 * The filler goes in first, while it is the tenant's only content: the generator's tenant-wide
 * postings and knowledge_terms statements can then be used as they are, and the articles' own
 * ingestion adds its postings and document frequencies on top, as it would in production. Filler
 * vectors are random cluster members, stored under the offline model's id so the vector leg
 * searches them too; the HNSW index is rebuilt after the bulk insert rather than grown row by row.
 */
export async function buildKnowledgeTenant({ totalChunks, embedder }: { totalChunks: number; embedder: EmbeddingProvider }): Promise<KnowledgeTenant> {
  if (MODEL !== OFFLINE_EMBEDDING_MODEL_ID || embedder.id !== OFFLINE_EMBEDDING_MODEL_ID) {
    throw new Error(`Filler vectors are stored as ${MODEL}; the offline embedder is ${OFFLINE_EMBEDDING_MODEL_ID}, the app's is ${embedder.id}.`);
  }
  const { tenantId, ownerId } = await createTestTenant("Parcelpoint");
  const files = articleFiles();
  const articleChunks = await countArticleChunks(files);
  const fillerChunks = totalChunks - articleChunks;
  if (fillerChunks < 0) throw new Error(`The articles alone make ${articleChunks} chunks, more than ${totalChunks}.`);

  const conn = (await getOrm()).em.getConnection();
  let started = performance.now();
  if (fillerChunks > 0) {
    const hnswIndex = vectorIndexName(OFFLINE_EMBEDDING_MODEL_ID);
    const [{ indexdef }] = await conn.execute<{ indexdef: string }[]>(`select indexdef from pg_indexes where indexname = ?`, [hnswIndex]);
    await conn.execute(`drop index ${hnswIndex}`);
    await bulkLoad(conn, [{ tenantId, chunks: fillerChunks }], { chunkBatch: 500, documentBatch: 1_000, keepVectors: [] });
    await conn.execute(indexdef);
    await indexTenantTerms(conn, tenantId);
    await fillTermStatistics(conn, tenantId);
  }
  const fillerSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  await addDocuments({
    actor: { id: ownerId, tenant: { id: tenantId, name: "Parcelpoint", slug: "parcelpoint" } },
    documents: files.map((file) => ({ title: file.name, sourceType: "file" as const, fileName: file.name, source: file.bytes })),
  });
  await runPendingJobs({ embedder });
  const ingestSeconds = (performance.now() - started) / 1000;
  for (const table of ["knowledge_documents", "knowledge_chunks", "knowledge_postings", "knowledge_terms"]) await conn.execute(`vacuum analyze ${table}`);

  const [{ searchable }] = await withTenant(tenantId, (em) =>
    em.execute<{ searchable: number }[]>(`select count(*)::int as searchable from knowledge_chunks where tenant_id = ? and embedding_model = ?`, [
      tenantId,
      OFFLINE_EMBEDDING_MODEL_ID,
    ]),
  );
  if (searchable !== totalChunks) throw new Error(`Expected ${totalChunks} searchable chunks, found ${searchable} (did ingestion fail?).`);
  return { tenantId, articleChunks, fillerChunks, fillerSeconds, ingestSeconds };
}
