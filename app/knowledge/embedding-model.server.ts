import { getOrm } from "../../db/orm";
import { withSystem } from "../../db/tenant-scope";
import type { EmbeddingProvider } from "./embeddings/provider";

/** pgvector's HNSW indexes `vector` up to this many dimensions. */
const MAX_INDEXED_DIMENSIONS = 2000;

export function vectorIndexName(modelId: string): string {
  return `knowledge_chunks_embedding_${modelId.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`.slice(0, 63);
}

/**
 * Each embedding model gets its own partial HNSW index over the dimension-less column, matching
 * the expression the vector leg queries with. It depends on the configured model, so it is made
 * here, idempotently, rather than in a migration; the offline model's index ships in one.
 */
export async function ensureVectorIndex(embedder: EmbeddingProvider): Promise<boolean> {
  const dims = Math.trunc(embedder.dimensions);
  if (!/^[\w.:/-]+$/.test(embedder.id) || dims < 1 || dims > MAX_INDEXED_DIMENSIONS) return false;
  const orm = await getOrm();
  await orm.em.getConnection().execute(
    `create index if not exists "${vectorIndexName(embedder.id)}" on knowledge_chunks
       using hnsw ((embedding::vector(${dims})) vector_cosine_ops) where embedding_model = '${embedder.id}'`,
  );
  return true;
}

/**
 * Queues a re-embedding job for every document, of every tenant, whose vectors come from another
 * model than the configured one (and that has no job pending). Returns how many were queued.
 */
export async function queueReembedding(embedder: EmbeddingProvider): Promise<number> {
  const queued = await withSystem((em) =>
    em.execute<{ id: string }[]>(
      `insert into ingestion_jobs (id, tenant_id, document_id, kind)
       select gen_random_uuid(), d.tenant_id, d.id, 'reembed'
         from knowledge_documents d
        where d.status = 'ready' and d.embedding_model is distinct from ?
          and not exists (select 1 from ingestion_jobs j where j.document_id = d.id and j.status in ('queued', 'running'))
       returning id`,
      [embedder.id],
    ),
  );
  return queued.length;
}
