import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../db/tenant-scope";
import { embedForTenant } from "./embedding-usage.server";
import type { EmbeddingProvider } from "./embeddings/provider";
import { extractExactTerms } from "./exact-terms";
import { questionSubject } from "./question-words";

export type RetrievalMode = "hybrid" | "vector" | "keyword";
export type FusionMethod = "rrf" | "weighted";

export interface RetrievedChunk {
  chunkId: string;
  documentId: string;
  title: string;
  headingPath: string;
  content: string;
  sourceUrl: string | null;
  /** Each leg's own score and rank (1-based) where the chunk appeared in that leg. */
  vector?: { similarity: number; rank: number };
  keyword?: KeywordScore;
  exactMatch: boolean;
  score: number;
}

export interface KeywordScore {
  bm25: number;
  rank: number;
  /**
   * How much of what the question asks about the chunk matches, on a scale that means the same in a tenant with
   * three chunks and one with 100,000 (BM25 itself grows with the logarithm of the chunk count): the chunk's BM25
   * over the question's subject words (without stop words and phrasing such as "how long", see question-words.ts),
   * divided by the score of an ideal chunk that holds each of those words once at average length, which is the sum
   * of their IDFs. A word no chunk holds counts with the IDF of document frequency 0, so a question about something
   * the knowledge base never mentions matches no chunk well. Around 1, the chunk holds everything the question
   * names; a chunk that repeats the words (headings are indexed twice) reaches 1.5 to 2. For long messages the ideal
   * is capped (IDEAL_MATCH_UNSEEN_WORDS).
   */
  share: number;
}

export interface RetrievalResult {
  results: RetrievedChunk[];
  timings: { embedMs: number; searchMs: number; totalMs: number };
}

export interface RetrievalOptions {
  tenantId: string;
  query: string;
  embedder: EmbeddingProvider;
  /** The query's vector from `embedder`, when the caller started embedding it earlier (to overlap other work). */
  queryVector?: Promise<number[]>;
  k?: number;
  mode?: RetrievalMode;
  fusion?: FusionMethod;
  /** How many candidates each leg contributes before fusion. */
  candidates?: number;
  /** Share of the vector leg in weighted fusion (the keyword leg gets the rest). */
  vectorWeight?: number;
}

/** The BEIR-tuned Anserini values; on our evaluation set they beat the textbook 1.2 / 0.75. */
export const BM25_K1 = 0.9;
export const BM25_B = 0.4;
const RRF_K = 60;
/** Share of the vector leg in weighted fusion, chosen on the evaluation set (npm run eval:retrieval). */
export const DEFAULT_VECTOR_WEIGHT = 0.4;
/** A chunk holding a code the visitor typed (an error number, a SKU) outranks mere similarity. */
const EXACT_MATCH_BONUS = 1;


function modelLiteral(id: string): string {
  if (!/^[\w.:/-]+$/.test(id)) throw new Error(`Unsafe embedding model id: ${id}`);
  return `'${id}'`;
}

async function vectorLeg(em: EntityManager, tenantId: string, embedder: EmbeddingProvider, vector: number[], limit: number) {
  const dims = Math.trunc(embedder.dimensions);
  // The literal model id and dimension match the model's partial HNSW index expression.
  // relaxed_order keeps scanning the index until `limit` rows of this tenant are found.
  // 200: at 100,000 chunks in a tenant, recall@10 against exact search was 0.90 at 60, 0.99 at 200,
  // for 3 ms more at p95 (npm run bench -- retrieval-scale).
  await em.execute(`set local hnsw.iterative_scan = relaxed_order; set local hnsw.ef_search = ${Math.max(HNSW_EF_SEARCH, limit)}`);
  // With ef_search 200 the planner prices the HNSW scan above an exact scan of the tenant's rows
  // and picks the exact one well past where it is slower (10,000 chunks: 40 ms exact, 3 ms with
  // the index; npm run bench -- chat). Small tenants keep the planner's exact scan, which is cheap
  // there and never misses; larger ones are held to the index.
  const { n } = await corpusStats(em, tenantId);
  const holdToIndex = n > EXACT_VECTOR_SCAN_MAX_CHUNKS;
  if (holdToIndex) await em.execute(`set local enable_seqscan = off; set local enable_bitmapscan = off`);
  const literal = `[${vector.join(",")}]`;
  const rows = await em.execute<{ id: string; distance: number }[]>(
    `select id, distance from (
       select c.id, c.embedding::vector(${dims}) <=> ?::vector(${dims}) as distance
         from knowledge_chunks c
        where c.tenant_id = ? and c.embedding_model = ${modelLiteral(embedder.id)}
        order by c.embedding::vector(${dims}) <=> ?::vector(${dims})
        limit ?) nearest
     order by distance`,
    [literal, tenantId, literal, limit],
  );
  if (holdToIndex) await em.execute(`set local enable_seqscan = default; set local enable_bitmapscan = default`);
  return rows.map((row, index) => ({ id: row.id, similarity: 1 - Number(row.distance), rank: index + 1 }));
}

/** How long a process reuses a tenant's chunk count and average length: they move slowly, and a stale value only nudges scores. */
const CORPUS_STATS_TTL_MS = 60_000;
const corpusStatsCache = new Map<string, { n: number; avgdl: number; expires: number }>();

async function corpusStats(em: EntityManager, tenantId: string) {
  const cached = corpusStatsCache.get(tenantId);
  if (cached && cached.expires > Date.now()) return cached;
  const [row] = await em.execute<{ n: number; avgdl: number }[]>(
    `select greatest(sum(chunk_count), 1)::float8 as n,
            greatest(sum(term_count), 1)::float8 / greatest(sum(chunk_count), 1) as avgdl
       from knowledge_documents where tenant_id = ?`,
    [tenantId],
  );
  const stats = { n: Number(row.n), avgdl: Number(row.avgdl), expires: Date.now() + CORPUS_STATS_TTL_MS };
  corpusStatsCache.set(tenantId, stats);
  return stats;
}

const HNSW_EF_SEARCH = 200;
/** Up to this many chunks an exact vector scan of the tenant costs a few milliseconds. */
const EXACT_VECTOR_SCAN_MAX_CHUNKS = 2_000;

/** Chunks put forward by the postings read, to be scored with every query term. */
const KEYWORD_CANDIDATES = 200;
/**
 * How many postings of common words (see keywordLeg) one query reads, shared among them. At 100,000 chunks, against
 * exhaustive BM25 (npm run bench -- retrieval-scale): 4,000 found 60% of its top 10, 6,000 66%, 8,000 72%, for
 * p95 22, 23 and 26 ms.
 */
const COMMON_POSTINGS_READ = 6_000;
/** At most this many postings of rarer words are read in full, rarest word first: a long message costs no more. */
const RARE_POSTINGS_READ = 20_000;
/**
 * A long message tells a story around its question ("I bought my nephew a gift card for his birthday …") that no
 * answer repeats, so the ideal chunk for the keyword share is asked to hold at most the weight of this many words
 * that no chunk holds. Chosen on the answer evaluation (bench/answer-eval): from 1.75 to 2.5 about equally good;
 * from 3 up, the stories of long answerable questions count against them again, and without a cap the share
 * separated answerable from unanswerable questions worse than absolute BM25.
 */
const IDEAL_MATCH_UNSEEN_WORDS = 2.25;

/**
 * Okapi BM25 over the tenant's own statistics (knowledge_terms, knowledge_postings), with
 * PostgreSQL's English stemming and stop words; the IDF is Lucene's, never negative.
 *
 * Reading every posting of a word that a third of the chunks contain ("account", "order") is what
 * makes keyword search slow on a large tenant. So a word in more than max(1,000, 1%) of the chunks
 * is "common": of its postings only the heaviest are read (most occurrences, then shortest chunk:
 * the order of knowledge_postings_by_impact), COMMON_POSTINGS_READ shared among the common words of
 * the query. Every posting of the rarer words is read, rarest first, up to RARE_POSTINGS_READ; a
 * word past that counts as common. The chunks with the highest sums over what was read are the
 * candidates; each is then completed with its postings of the common words, looked up by primary
 * key, so the scores returned are exact BM25. In a tenant without common words (under about 1,000
 * chunks) the first pass reads everything and the ranking is exhaustive. What a query costs is
 * bounded whatever its length: a message of 417 distinct words takes 60 ms at 100,000 chunks.
 *
 * The ideal score behind each hit's `share` comes from the query's own rows of knowledge_terms (a
 * subject word without one is unseen), and the share is summed alongside the score: no further
 * lookups. Term scores are computed in float8: numeric arithmetic on thousands of postings cost more
 * than the share adds (at 20,000 chunks, 0.6 ms against 0.5 ms per query).
 */
async function keywordLeg(em: EntityManager, tenantId: string, query: string, limit: number): Promise<({ id: string } & KeywordScore)[]> {
  const { n, avgdl } = await corpusStats(em, tenantId);
  const commonAbove = Math.max(1_000, Math.ceil(n * 0.01));
  const unseenIdf = Math.log(1 + (n + 0.5) / 0.5);
  const termScore = (idf: string) =>
    `${idf} * p.term_frequency * ${BM25_K1 + 1} / (p.term_frequency + ${BM25_K1} * (${1 - BM25_B} + ${BM25_B} * p.chunk_length / ${avgdl}::float8))`;
  const rows = await em.execute<{ id: string; score: number; share: number }[]>(
    `with subject as (select array(select lexeme from unnest(to_tsvector('english', ?))) as lexemes),
          terms as (
            select lexeme, document_frequency,
                   ln(1 + (?::float8 - document_frequency + 0.5) / (document_frequency + 0.5)) as idf,
                   lexeme = any ((select lexemes from subject)::text[]) as about_subject
              from knowledge_terms
             where tenant_id = ? and lexeme = any (array(select distinct lexeme from unnest(to_tsvector('english', ?))))),
          weights as (
            select lexeme, idf, about_subject,
                   document_frequency > ? or sum(document_frequency) over (order by document_frequency, lexeme) > ${RARE_POSTINGS_READ} as common
              from terms),
          ideal as (
            select least(coalesce(sum(idf) filter (where about_subject), 0)
                           + (cardinality((select lexemes from subject)) - count(*) filter (where about_subject)) * ${unseenIdf},
                         ${IDEAL_MATCH_UNSEEN_WORDS * unseenIdf}) as score
              from weights),
          -- Looked up by key for each posting of a candidate: a join with weights here runs as a nested loop.
          common_words as (
            select array_agg(lexeme) as lexemes, jsonb_object_agg(lexeme, idf) as idf,
                   jsonb_object_agg(lexeme, idf) filter (where about_subject) as subject_idf
              from weights where common),
          candidates as (
            select p.chunk_id, sum(${termScore("w.idf")}) as seen,
                   coalesce(sum(${termScore("w.idf")}) filter (where not w.common), 0) as rare,
                   coalesce(sum(${termScore("w.idf")}) filter (where not w.common and w.about_subject), 0) as rare_subject
              from weights w
              cross join lateral (
                select p.chunk_id, p.term_frequency, p.chunk_length from knowledge_postings p
                 where p.tenant_id = ? and p.lexeme = w.lexeme
                 order by p.term_frequency desc, p.chunk_length
                 limit case when w.common then ${COMMON_POSTINGS_READ} / cardinality((select lexemes from common_words)) end) p
             group by p.chunk_id
             order by seen desc
             limit ${KEYWORD_CANDIDATES})
     select c.chunk_id as id, c.rare + coalesce(common.score, 0) as score,
            coalesce((c.rare_subject + coalesce(common.subject, 0)) / nullif((select score from ideal), 0), 0) as share
       from candidates c
       cross join common_words w
       -- A lateral aggregate per candidate: a join here is planned as a scan of every posting of the common words.
       cross join lateral (
         select sum(${termScore("(w.idf ->> p.lexeme)::float8")}) as score,
                sum(${termScore("(w.subject_idf ->> p.lexeme)::float8")}) as subject
           from knowledge_postings p
          where p.chunk_id = c.chunk_id and p.lexeme = any (w.lexemes)) common
      order by score desc
      limit ?`,
    [questionSubject(query), n, tenantId, query, commonAbove, tenantId, limit],
  );
  return rows.map((row, index) => ({ id: row.id, bm25: Number(row.score), rank: index + 1, share: Number(row.share) }));
}

async function exactMatches(em: EntityManager, tenantId: string, query: string): Promise<Set<string>> {
  const terms = extractExactTerms(query);
  if (terms.length === 0) return new Set();
  // The English parser splits a code ("inv-6582" -> 'inv', '-6582'), so a chunk holds the code when
  // it holds every lexeme of it. The rarest lexeme's postings give the chunks to check ('inv' alone
  // is in every invoice number), and each is checked for the others by primary key. Lexemes go in as
  // an array so the lookups are index scans; DISTINCT or IN (subquery) here made the planner scan
  // every posting.
  const matches = new Set<string>();
  for (const term of terms) {
    const rows = await em.execute<{ chunk_id: string }[]>(
      `with code as (select array_agg(lexeme) as lexemes from unnest(to_tsvector('english', ?))),
            rarest as (
              select lexeme from knowledge_terms
               where tenant_id = ? and lexeme = any ((select lexemes from code)::text[])
               order by document_frequency
               limit 1)
       select p.chunk_id from knowledge_postings p
        where p.tenant_id = ? and p.lexeme = (select lexeme from rarest)
          and (select count(*) from knowledge_postings held
                where held.chunk_id = p.chunk_id and held.lexeme = any ((select lexemes from code)::text[]))
              = (select cardinality(lexemes) from code)
        limit 200`,
      [term, tenantId, tenantId],
    );
    rows.forEach((row) => matches.add(row.chunk_id));
  }
  return matches;
}

function range(values: number[]): [number, number] {
  return values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
}

function normalise(value: number, [low, high]: [number, number]): number {
  return high > low ? (value - low) / (high - low) : 1;
}

type Candidate = Pick<RetrievedChunk, "vector" | "keyword" | "exactMatch"> & { chunkId: string; score: number };

/** Combines the legs' rankings. Exported so the evaluation can compare methods on the same candidates. */
export function fuse(
  vector: { id: string; similarity: number; rank: number }[],
  keyword: ({ id: string } & KeywordScore)[],
  exact: Set<string>,
  method: FusionMethod,
  vectorWeight = DEFAULT_VECTOR_WEIGHT,
): Candidate[] {
  const byId = new Map<string, Candidate>();
  const entry = (id: string) => {
    let candidate = byId.get(id);
    if (!candidate) byId.set(id, (candidate = { chunkId: id, exactMatch: exact.has(id), score: 0 }));
    return candidate;
  };
  // Min-max within each leg's candidates: the legs' raw scores live on unrelated scales.
  const vectorRange = range(vector.map((hit) => hit.similarity));
  const keywordRange = range(keyword.map((hit) => hit.bm25));
  for (const hit of vector) {
    const candidate = entry(hit.id);
    candidate.vector = { similarity: hit.similarity, rank: hit.rank };
    candidate.score += method === "rrf" ? 1 / (RRF_K + hit.rank) : vectorWeight * normalise(hit.similarity, vectorRange);
  }
  for (const hit of keyword) {
    const candidate = entry(hit.id);
    candidate.keyword = { bm25: hit.bm25, rank: hit.rank, share: hit.share };
    candidate.score += method === "rrf" ? 1 / (RRF_K + hit.rank) : (1 - vectorWeight) * normalise(hit.bm25, keywordRange);
  }
  for (const candidate of byId.values()) if (candidate.exactMatch) candidate.score += EXACT_MATCH_BONUS;
  return [...byId.values()].sort((a, b) => b.score - a.score);
}

async function loadChunks(em: EntityManager, tenantId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { document_id: string; title: string; heading_path: string; content: string; source_url: string | null }>();
  const rows = await em.execute<{ id: string; document_id: string; title: string; heading_path: string; content: string; source_url: string | null }[]>(
    `select c.id, c.document_id, d.title, c.heading_path, c.content, d.source_url
       from knowledge_chunks c join knowledge_documents d on d.id = c.document_id
      where c.tenant_id = ? and c.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [tenantId, JSON.stringify(ids)],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** The query's vector; what embedding it cost is recorded against the tenant (and the conversation it was asked in). */
export async function embedQuery({ query, ...asker }: { tenantId: string; conversationId?: string | null; embedder: EmbeddingProvider; query: string }): Promise<number[]> {
  return (await embedForTenant({ ...asker, texts: [query] }))[0];
}

/**
 * Hybrid retrieval: a vector leg (HNSW, cosine, this tenant and this model only), a BM25 keyword
 * leg, exact-match boosts for codes, fused into one ranking. The query is embedded before the
 * transaction opens; the search itself is one short tenant unit of work.
 */
export async function retrieve(options: RetrievalOptions): Promise<RetrievalResult> {
  const { tenantId, query, embedder, k = 10, mode = "hybrid", fusion = "weighted", vectorWeight } = options;
  const candidates = options.candidates ?? Math.max(30, k * 3);
  const started = performance.now();
  const vector = mode === "keyword" ? undefined : await (options.queryVector ?? embedQuery({ tenantId, embedder, query }));
  const embedded = performance.now();
  const results = await withTenant(tenantId, async (em) => {
    const vectorHits = vector ? await vectorLeg(em, tenantId, embedder, vector, candidates) : [];
    const keywordHits = mode === "vector" ? [] : await keywordLeg(em, tenantId, query, candidates);
    const exact = mode === "vector" ? new Set<string>() : await exactMatches(em, tenantId, query);
    const ranked = fuse(vectorHits, keywordHits, exact, fusion, vectorWeight).slice(0, k);
    const details = await loadChunks(em, tenantId, ranked.map((candidate) => candidate.chunkId));
    return ranked.flatMap((candidate): RetrievedChunk[] => {
      const chunk = details.get(candidate.chunkId);
      if (!chunk) return [];
      return [{
        ...candidate,
        documentId: chunk.document_id,
        title: chunk.title,
        headingPath: chunk.heading_path,
        content: chunk.content,
        sourceUrl: chunk.source_url,
      }];
    });
  });
  const finished = performance.now();
  return { results, timings: { embedMs: embedded - started, searchMs: finished - embedded, totalMs: finished - started } };
}
