import type { EntityManager } from "@mikro-orm/postgresql";
import { Worker } from "node:worker_threads";
import type { GeneratorInput, GeneratorMessage } from "./generator";

export const MODEL = "use-lite-512";
export const SEED = 20261125;

export type Connection = ReturnType<EntityManager["getConnection"]>;

export interface Query {
  text: string;
  vector: number[];
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;
export const thousands = (n: number) => n.toLocaleString("en-US");

function placeholders(rows: number, columns: string): string {
  return Array.from({ length: rows }, () => columns).join(",");
}

/**
 * Inserts what the generator worker produces, batch by batch, as multi-row INSERTs on the ORM's
 * pool (owner role, outside tenant scope). Parameters go as bind parameters through knex: the
 * ORM's own execute() inlines them into the SQL text client-side, which doubled the time.
 */
export async function bulkLoad(
  conn: Connection,
  tenants: { tenantId: string; chunks: number }[],
  { chunkBatch, documentBatch, keepVectors }: { chunkBatch: number; documentBatch: number; keepVectors: number[] },
) {
  const knex = conn.getKnex();
  const figures = { documents: 0, chunks: 0, documentMs: 0, chunkMs: 0, waitMs: 0, generateMs: 0, literalBytes: 0 };
  const input: GeneratorInput = { seed: SEED, tenants, chunkBatch, documentBatch, keepVectors };
  const kept = new Map<number, { ids: string[]; parts: Float32Array[] }>(keepVectors.map((tenant) => [tenant, { ids: [], parts: [] }]));
  const worker = new Worker(new URL("./generator-entry.mjs", import.meta.url), { workerData: input });
  const queue: GeneratorMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  worker.on("message", (message: GeneratorMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on("error", (error) => {
    failure = error;
    wake?.();
  });
  try {
    for (;;) {
      if (queue.length === 0) {
        const waiting = performance.now();
        await new Promise<void>((resolve) => (wake = resolve));
        figures.waitMs += performance.now() - waiting;
        if (failure) throw failure;
        continue;
      }
      const message = queue.shift()!;
      if (message.type === "done") {
        figures.generateMs = message.generateMs;
        break;
      }
      const started = performance.now();
      if (message.type === "documents") {
        await knex.raw(
          `insert into knowledge_documents (id, tenant_id, title, source_type, content, checksum, status, chunk_count, embedded_count, embedding_model)
           values ${placeholders(message.count, `(?, ?, ?, 'text', '', ?, 'ready', ?, ?, '${MODEL}')`)}`,
          message.params as never[],
        );
        figures.documentMs += performance.now() - started;
        figures.documents += message.count;
      } else {
        await knex.raw(
          `insert into knowledge_chunks (id, tenant_id, document_id, position, heading_path, content, token_count, embedding, embedding_model)
           values ${placeholders(message.count, `(?, ?, ?, ?, ?, ?, ?, ?::vector, '${MODEL}')`)}`,
          message.params as never[],
        );
        figures.chunkMs += performance.now() - started;
        figures.chunks += message.count;
        figures.literalBytes += message.literalBytes;
        if (message.kept) {
          kept.get(message.kept.tenant)!.ids.push(...message.kept.ids);
          kept.get(message.kept.tenant)!.parts.push(message.kept.vectors);
        }
      }
      worker.postMessage("ack");
    }
  } finally {
    await worker.terminate();
  }
  const vectors = new Map<number, TenantVectors>();
  for (const [tenant, { ids, parts }] of kept) {
    const all = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      all.set(part, offset);
      offset += part.length;
    }
    vectors.set(tenant, { ids, vectors: all });
  }
  return { ...figures, vectors };
}

/** A tenant's chunk ids and their vectors as stored (float32, row-major, 512 per chunk). */
export interface TenantVectors {
  ids: string[];
  vectors: Float32Array;
}

/**
 * Exact k nearest neighbours by cosine distance (1 - a·b / (|a| |b|), as pgvector's <=>), by brute
 * force over every stored vector of the tenant, in double precision.
 */
export function exactNeighbours(tenant: TenantVectors, query: ArrayLike<number>, k: number): { id: string; distance: number }[] {
  const dims = query.length;
  const q = Float32Array.from(query);
  let queryNorm = 0;
  for (let i = 0; i < dims; i++) queryNorm += q[i] * q[i];
  const best: { index: number; distance: number }[] = [];
  const { vectors } = tenant;
  for (let row = 0, base = 0; row < tenant.ids.length; row++, base += dims) {
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < dims; i++) {
      const value = vectors[base + i];
      dot += value * q[i];
      norm += value * value;
    }
    const distance = 1 - dot / Math.sqrt(norm * queryNorm);
    if (best.length < k || distance < best[best.length - 1].distance) {
      best.push({ index: row, distance });
      best.sort((a, b) => a.distance - b.distance);
      if (best.length > k) best.pop();
    }
  }
  return best.map(({ index, distance }) => ({ id: tenant.ids[index], distance }));
}

/**
 * The postings indexes are dropped for the bulk insert and rebuilt after it (sorted builds instead
 * of 3 million random inserts into indexes larger than shared_buffers), from their own definitions.
 */
export async function dropPostingsIndexes(conn: Connection): Promise<string[]> {
  const [{ pkey }] = await conn.execute<{ pkey: string }[]>(
    `select pg_get_constraintdef(oid) as pkey from pg_constraint where conname = 'knowledge_postings_pkey'`,
  );
  const [{ indexdef }] = await conn.execute<{ indexdef: string }[]>(
    `select indexdef from pg_indexes where indexname = 'knowledge_postings_by_impact'`,
  );
  await conn.execute(`alter table knowledge_postings drop constraint knowledge_postings_pkey`);
  await conn.execute(`drop index knowledge_postings_by_impact`);
  return [`alter table knowledge_postings add constraint knowledge_postings_pkey ${pkey}`, indexdef];
}

/**
 * The BM25 postings and term counts of one tenant, with the same to_tsvector text as storeChunks
 * (title, heading path, content), in one statement.
 */
export async function indexTenantTerms(conn: Connection, tenantId: string): Promise<number> {
  const [row] = await conn.execute<{ postings: number }[]>(
    `with terms as (
       select c.id as chunk_id, c.document_id, c.tenant_id, t.lexeme, coalesce(array_length(t.positions, 1), 1) as tf
         from knowledge_chunks c
         join knowledge_documents d on d.id = c.document_id
         cross join lateral unnest(to_tsvector('english', d.title || ' ' || c.heading_path || ' ' || c.content)) t
        where c.tenant_id = ?),
     lengths as (select chunk_id, document_id, sum(tf)::int as dl from terms group by chunk_id, document_id),
     counted as (update knowledge_chunks c set term_count = l.dl from lengths l where c.id = l.chunk_id),
     document_total as (
       update knowledge_documents d set term_count = s.total
         from (select document_id, sum(dl)::int as total from lengths group by document_id) s
        where d.id = s.document_id),
     inserted as (
       insert into knowledge_postings (chunk_id, lexeme, tenant_id, term_frequency, chunk_length)
       select t.chunk_id, t.lexeme, t.tenant_id, least(t.tf, 32767), least(l.dl, 32767)
         from terms t join lengths l using (chunk_id)
       returning 1)
     select count(*)::int as postings from inserted`,
    [tenantId],
  );
  return row.postings;
}


/**
 * Per-tenant BM25 document frequencies (knowledge_terms), as the app's adjustDocumentFrequencies
 * keeps them next to the postings; skipped where the schema has no such table.
 */
export async function fillTermStatistics(conn: Connection, tenantId: string): Promise<number | undefined> {
  const [{ exists }] = await conn.execute<{ exists: boolean }[]>(`select to_regclass('knowledge_terms') is not null as exists`);
  if (!exists) return undefined;
  const [row] = await conn.execute<{ terms: number }[]>(
    `with inserted as (
       insert into knowledge_terms (tenant_id, lexeme, document_frequency)
       select tenant_id, lexeme, count(*) from knowledge_postings where tenant_id = ? group by tenant_id, lexeme
       returning 1)
     select count(*)::int as terms from inserted`,
    [tenantId],
  );
  return row.terms;
}
