import type { MikroORM } from "@mikro-orm/postgresql";
import type { EmbeddingProvider } from "../app/knowledge/embeddings/provider";
import { MAX_VISITOR_MESSAGE_CHARS } from "../app/chat/widget-api";
import { extractExactTerms } from "../app/knowledge/exact-terms";
import { BM25_B, BM25_K1, retrieve, type RetrievalMode } from "../app/knowledge/retrieval.server";
import { getOrm } from "../db/orm";
import { withTenant } from "../db/tenant-scope";
import { createTestTenant } from "../db/testing/fixtures";
import { withScratchDatabase } from "../db/testing/scratch-database";
import { CONTENT_WORDS, createRandom, dot, memberVector, queryText, topicModel, type Cluster } from "./retrieval-scale/data";
import {
  bulkLoad, dropPostingsIndexes, exactNeighbours, fillTermStatistics, indexTenantTerms, MODEL, rate, SEED, seconds, thousands, type Query,
} from "./retrieval-scale/load";
import { formatSummary, summarize } from "./stats";

/**
 * Retrieval at scale with RLS on (the issue's targets): 20 tenants, 100,000 chunks in the largest,
 * hybrid top-10 p95 <= 50 ms on the embedded database, vector recall@10 >= 0.95 against exact
 * search within the tenant, always k results.
 *
 * Data (bench/retrieval-scale/data.ts, deterministic): 300 topic clusters of 512-d unit vectors
 * (same-cluster cosine 0.6-0.8), help-centre-like text with Zipf word frequencies and codes such
 * as ERR-1234; one 100k-chunk tenant over all topics, 19 of 2k chunks over 40 topics each. It is
 * bulk-loaded as the owner role, without the HNSW and postings indexes, which are then built from
 * their own definitions. Latency is retrieve()'s search time with a prepared query vector, so it
 * excludes embedding the query.
 *
 * RETRIEVAL_SCALE_LARGE / RETRIEVAL_SCALE_SMALL lower the sizes for a quick run,
 * RETRIEVAL_SCALE_MWM sets maintenance_work_mem for the HNSW build (1GB), RETRIEVAL_SCALE_VERBOSE=1
 * prints progress on stderr.
 */

const HNSW_INDEX = "knowledge_chunks_embedding_use_lite_512";
const LARGE_CHUNKS = Number(process.env.RETRIEVAL_SCALE_LARGE ?? 100_000);
const SMALL_CHUNKS = Number(process.env.RETRIEVAL_SCALE_SMALL ?? 2_000);
const TENANTS = 20;
const CHUNK_BATCH = 500;
const DOCUMENT_BATCH = 1_000;
const LARGE_QUERIES = 200;
const SMALL_QUERIES = 50;
const WARM_UP = 20;
const RECALL_QUERIES = 100;
const K = 10;
const EF_SWEEP = [40, 60, 100, 200, 400];

/**
 * Statements retrieve() sends, seen through the ORM's onQuery hook: the benchmark captures them
 * to EXPLAIN exactly what the app runs, and rewrites its ef_search for the sweep, without copying
 * (and drifting from) the app's SQL.
 */
type QueryHook = (sql: string, params: unknown[]) => string;
let queryHook: QueryHook | undefined;

async function withHook<T>(hook: QueryHook, work: () => Promise<T>): Promise<T> {
  queryHook = hook;
  try {
    return await work();
  } finally {
    queryHook = undefined;
  }
}

const EF_SEARCH_SETTING = /(hnsw\.ef_search\s*=\s*)(\d+)/;

const EXACT_SQL = `select c.id, c.embedding::vector(512) <=> ?::vector(512) as distance from knowledge_chunks c
  where c.tenant_id = ? and c.embedding_model = '${MODEL}'
  order by c.embedding::vector(512) <=> ?::vector(512)
  limit ?`;

/** Exact nearest neighbours in the database, within the tenant and model: index scans off, so a full scan and sort. */
async function exactSearch(tenantId: string, vector: number[], limit: number) {
  const literal = `[${vector.join(",")}]`;
  return withTenant(tenantId, async (em) => {
    await em.execute("set local enable_indexscan = off");
    await em.execute("set local enable_bitmapscan = off");
    const rows = await em.execute<{ id: string; distance: number }[]>(EXACT_SQL, [literal, tenantId, literal, limit]);
    return rows.map((row) => ({ id: row.id, distance: Number(row.distance) }));
  });
}

/**
 * The top-k BM25 scores over every posting of every query word, with the keyword leg's formula and
 * statistics: what the keyword leg approximates on a large tenant by reading only the heaviest
 * postings of common words. Scores, not ids, are compared, as chunks of equal score tie.
 */
async function exhaustiveBm25(tenantId: string, query: string, k: number): Promise<number[]> {
  return withTenant(tenantId, async (em) => {
    const rows = await em.execute<{ score: number }[]>(
      `with stats as (
         select greatest(sum(chunk_count), 1)::float8 as n, greatest(sum(term_count), 1)::float8 / greatest(sum(chunk_count), 1) as avgdl
           from knowledge_documents where tenant_id = ?),
       weights as (
         select lexeme, ln(1 + ((select n from stats) - document_frequency + 0.5) / (document_frequency + 0.5)) as idf
           from knowledge_terms
          where tenant_id = ? and lexeme = any (array(select distinct lexeme from unnest(to_tsvector('english', ?)))))
       select sum(w.idf * p.term_frequency * ${BM25_K1 + 1}
                  / (p.term_frequency + ${BM25_K1} * (${1 - BM25_B} + ${BM25_B} * p.chunk_length / (select avgdl from stats)))) as score
         from knowledge_postings p join weights w using (lexeme)
        where p.tenant_id = ?
        group by p.chunk_id
        order by score desc
        limit ?`,
      [tenantId, tenantId, query, tenantId, k],
    );
    return rows.map((row) => Number(row.score));
  });
}

const progress = (message: string) => {
  if (process.env.RETRIEVAL_SCALE_VERBOSE) console.error(`[retrieval-scale ${new Date().toISOString().slice(11, 19)}] ${message}`);
};

function recallAt(approximate: string[], exact: string[], k: number): number {
  const truth = new Set(exact.slice(0, k));
  return approximate.slice(0, k).filter((id) => truth.has(id)).length / k;
}

/** The scan nodes of a plan, e.g. "Index Scan using knowledge_chunks_embedding_use_lite_512". */
function scanNodes(rows: Record<string, string>[]): string {
  return rows
    .map((row) => Object.values(row)[0])
    .filter((line) => /Scan/.test(line) && !/Index Searches|Heap Fetches/.test(line))
    .map((line) => line.replace(/^[\s>-]*/, "").replace(/\s*\(cost.*$/, "").replace(/ on knowledge_chunks c$/, ""))
    .join(" + ");
}

function planLines(title: string, rows: Record<string, string>[]): string[] {
  const shorten = (line: string) => line.replace(/'\[[-+0-9.,e]{200,}\]'/g, "'[512 values]'");
  return [`  ${title}`, ...rows.map((row) => `    ${shorten(Object.values(row)[0])}`)];
}

type Captured = { sql: string; params: unknown[] };

/** What a captured statement is, for the printout. */
function statementName(sql: string): string {
  if (sql.includes("<=>")) return "vector leg";
  if (sql.includes("with code as")) return "exact-match lookup";
  if (/score/.test(sql) && sql.includes("knowledge_postings")) return "keyword leg (BM25)";
  if (sql.includes("join knowledge_documents")) return "loading the chunks";
  if (sql.includes("knowledge_documents")) return "corpus statistics";
  return sql.replace(/\s+/g, " ").slice(0, 60);
}

/** Runs a captured retrieve() transaction again, with EXPLAIN before each query (settings and role replayed as they were). */
async function explainCaptured(orm: MikroORM, statements: Captured[], analyze: boolean) {
  return orm.em.fork().transactional(async (em) => {
    const plans: { name: string; plan: Record<string, string>[] }[] = [];
    for (const { sql, params } of statements) {
      if (!/^\s*(select|with)\b/i.test(sql) || sql.includes("set_config(")) {
        await em.execute(sql, params);
        continue;
      }
      const plan = await em.execute<Record<string, string>[]>(`explain (${analyze ? "analyze, buffers off" : "costs on"}) ${sql}`, params);
      plans.push({ name: statementName(sql), plan });
    }
    return plans;
  });
}

export function benchRetrievalScale(): Promise<string[]> {
  const benchStarted = performance.now();
  const lines: string[] = [];
  return withScratchDatabase(async () => {
    const orm = await getOrm();
    orm.config.set("onQuery", (sql: string, params: unknown[]) => (queryHook ? queryHook(sql, params) : sql));
    const conn = orm.em.getConnection();
    const { clusters, pickers } = topicModel(SEED, TENANTS);
    const random = createRandom(SEED + 2);

    // Data sanity: how tight the clusters are.
    {
      const same: number[] = [];
      const other: number[] = [];
      for (let i = 0; i < 300; i++) {
        const a = clusters[random.int(clusters.length)];
        const b = clusters[random.int(clusters.length)];
        same.push(dot(memberVector(random, a), memberVector(random, a)));
        if (a !== b) other.push(dot(memberVector(random, a), memberVector(random, b)));
      }
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      lines.push(
        `data: ${clusters.length} clusters in 512-d, documents of 6-14 chunks on one topic; cosine between two chunks of a cluster mean ${mean(same).toFixed(2)} (min ${Math.min(...same).toFixed(2)}, max ${Math.max(...same).toFixed(2)}), of different clusters mean ${mean(other).toFixed(2)}`,
      );
    }

    const tenants: { tenantId: string; chunks: number }[] = [];
    for (let i = 0; i < TENANTS; i++) {
      const { tenantId } = await createTestTenant(`Scale tenant ${i}`);
      tenants.push({ tenantId, chunks: i === 0 ? LARGE_CHUNKS : SMALL_CHUNKS });
    }
    const large = { ...tenants[0], pick: pickers[0] };
    const small = { ...tenants[1], pick: pickers[1] };

    // Bulk load without the HNSW index (and the postings indexes), then build them as the migration defined them.
    const [{ indexdef }] = await conn.execute<{ indexdef: string }[]>(`select indexdef from pg_indexes where indexname = ?`, [HNSW_INDEX]);
    await conn.execute(`drop index ${HNSW_INDEX}`);
    const postingsIndexes = await dropPostingsIndexes(conn);
    progress("loading");
    const loadStarted = performance.now();
    const figures = await bulkLoad(conn, tenants, { chunkBatch: CHUNK_BATCH, documentBatch: DOCUMENT_BATCH, keepVectors: [0, 1] });
    const insertMs = performance.now() - loadStarted;
    lines.push(
      `load: ${TENANTS} tenants, ${thousands(figures.chunks)} chunks (largest ${thousands(LARGE_CHUNKS)}, 19 x ${thousands(SMALL_CHUNKS)}), ${thousands(figures.documents)} documents; inserts took ${seconds(insertMs)}`,
      `  generation in a worker thread (text, vectors, literals): ${seconds(figures.generateMs)}, overlapped; inserts waited for it ${seconds(figures.waitMs)}; vector literals ${(figures.literalBytes / 1e6).toFixed(0)} MB`,
      `  insert documents (${DOCUMENT_BATCH} rows/statement):          ${seconds(figures.documentMs)}, ${rate(figures.documents, figures.documentMs)}`,
      `  insert chunks with vectors (${CHUNK_BATCH} rows/statement): ${seconds(figures.chunkMs)}, ${rate(figures.chunks, figures.chunkMs)}`,
    );

    progress("postings");
    let started = performance.now();
    let postings = 0;
    let largePostingsMs = 0;
    for (const tenant of tenants) {
      const tenantStarted = performance.now();
      postings += await indexTenantTerms(conn, tenant.tenantId);
      if (tenant === tenants[0]) largePostingsMs = performance.now() - tenantStarted;
    }
    const postingsMs = performance.now() - started;
    started = performance.now();
    for (const ddl of postingsIndexes) await conn.execute(ddl);
    const postingsIndexMs = performance.now() - started;
    started = performance.now();
    let terms: number | undefined;
    for (const tenant of tenants) {
      const filled = await fillTermStatistics(conn, tenant.tenantId);
      if (filled !== undefined) terms = (terms ?? 0) + filled;
    }
    const termsMs = performance.now() - started;
    lines.push(
      `  BM25 postings + term counts (one INSERT ... SELECT per tenant): ${seconds(postingsMs)}, ${thousands(postings)} postings, ${rate(postings, postingsMs)} (largest tenant ${seconds(largePostingsMs)}); ${(postings / figures.chunks).toFixed(1)} lexemes per chunk`,
      `  rebuild the 2 postings indexes (primary key, by impact) after it: ${seconds(postingsIndexMs)}`,
      terms === undefined
        ? `  knowledge_terms: not in this schema`
        : `  knowledge_terms (per-tenant document frequencies, one INSERT ... SELECT per tenant): ${seconds(termsMs)}, ${thousands(terms)} rows`,
    );

    started = performance.now();
    for (const table of ["knowledge_chunks", "knowledge_documents", "knowledge_postings", ...(terms === undefined ? [] : ["knowledge_terms"])]) {
      await conn.execute(`vacuum analyze ${table}`);
    }
    lines.push(`  VACUUM ANALYZE:                                   ${seconds(performance.now() - started)}`);

    progress("HNSW build");
    const [{ mwm }] = await conn.execute<{ mwm: string }[]>("select current_setting('maintenance_work_mem') as mwm");
    const buildMemory = process.env.RETRIEVAL_SCALE_MWM ?? "1GB";
    started = performance.now();
    await orm.em.fork().transactional(async (em) => {
      await em.execute(`set local maintenance_work_mem = '${buildMemory}'`);
      await em.execute(indexdef);
    });
    const buildMs = performance.now() - started;
    await conn.execute("analyze knowledge_chunks");
    lines.push(
      `  HNSW build, ${thousands(figures.chunks)} vectors (maintenance_work_mem ${buildMemory}; server default ${mwm}): ${seconds(buildMs)}, ${rate(figures.chunks, buildMs)}`,
    );
    const sizes = await conn.execute<{ name: string; size: string }[]>(
      `select relname as name, pg_size_pretty(pg_total_relation_size(oid)) as size from pg_class
        where relname in ('knowledge_chunks', 'knowledge_postings', '${HNSW_INDEX}', 'knowledge_postings_by_impact') order by relname`,
    );
    lines.push(`  sizes (with indexes and TOAST): ${sizes.map((row) => `${row.name} ${row.size}`).join(", ")}`);
    lines.push(`  load total (inserts, postings, vacuum, indexes): ${seconds(performance.now() - loadStarted)}`);
    const frequent = await conn.execute<{ lexeme: string; share: number }[]>(
      `select lexeme, count(*) * 100.0 / ? as share from knowledge_postings where tenant_id = ? group by lexeme order by count(*) desc limit 8`,
      [LARGE_CHUNKS, large.tenantId],
    );
    lines.push(`  most frequent lexemes in the largest tenant (% of its chunks): ${frequent.map((row) => `${row.lexeme} ${Number(row.share).toFixed(0)}%`).join(", ")}`);

    // Queries: near one of the tenant's topics (centre + noise), text from the same topic's words.
    const prepared = new Map<string, number[]>();
    const makeQueries = (pick: (r: typeof random) => Cluster, count: number): Query[] =>
      Array.from({ length: count }, () => {
        const cluster = pick(random);
        let text = queryText(random, cluster);
        while (prepared.has(text)) text = queryText(random, cluster);
        const vector = Array.from(memberVector(random, cluster));
        prepared.set(text, vector);
        return { text, vector };
      });
    const warmUp = makeQueries(large.pick, WARM_UP);
    const largeQueries = makeQueries(large.pick, LARGE_QUERIES);
    const smallQueries = makeQueries(small.pick, SMALL_QUERIES);
    const embedder: EmbeddingProvider = {
      id: MODEL,
      dimensions: 512,
      maxBatchSize: 64,
      async embed(texts) {
        return texts.map((text) => {
          const vector = prepared.get(text);
          if (!vector) throw new Error(`No prepared vector for ${JSON.stringify(text)}`);
          return vector;
        });
      },
    };

    // Latency: the three modes interleaved per query, so drift (GC, caches) spreads evenly.
    progress("latency");
    const modes: RetrievalMode[] = ["hybrid", "vector", "keyword"];
    for (const query of warmUp) for (const mode of modes) await retrieve({ tenantId: large.tenantId, query: query.text, embedder, k: K, mode, fusion: "rrf" });
    const measure = async (tenantId: string, queries: Query[]) => {
      const samples = new Map<RetrievalMode, number[]>(modes.map((mode) => [mode, []]));
      const fewest = new Map<RetrievalMode, number>(modes.map((mode) => [mode, Infinity]));
      const vectorHits: { id: string; similarity: number }[][] = [];
      const keywordScores: number[][] = [];
      let embedMs = 0;
      for (const [index, query] of queries.entries()) {
        for (const mode of modes) {
          const { results, timings } = await retrieve({ tenantId, query: query.text, embedder, k: K, mode, fusion: "rrf" });
          samples.get(mode)!.push(timings.searchMs);
          embedMs = Math.max(embedMs, timings.embedMs);
          fewest.set(mode, Math.min(fewest.get(mode)!, results.length));
          if (mode === "vector") vectorHits.push(results.map((result) => ({ id: result.chunkId, similarity: result.vector?.similarity ?? NaN })));
          if (mode === "keyword") keywordScores.push(results.map((result) => result.keyword?.bm25 ?? NaN));
        }
        if (index % 50 === 49) progress(`latency: ${index + 1} of ${queries.length} queries`);
      }
      return { samples, fewest, vectorHits, keywordScores, embedMs };
    };
    started = performance.now();
    const largeRun = await measure(large.tenantId, largeQueries);
    const smallRun = await measure(small.tenantId, smallQueries);
    const latencyMs = performance.now() - started;
    const latencyLines = (label: string, run: Awaited<ReturnType<typeof measure>>) =>
      modes.map(
        (mode) =>
          `${formatSummary(`${label} ${mode === "hybrid" ? "hybrid (rrf)" : `${mode} only`} top-${K}`, run.samples.get(mode)!)}  fewest results ${run.fewest.get(mode)}`,
      );
    lines.push(
      `latency of retrieve() (timings.searchMs: the whole tenant transaction with RLS - all legs, fusion, loading the chunks;`,
      `  EXCLUDES query embedding: a prepared vector per query text, embed() took at most ${Math.max(largeRun.embedMs, smallRun.embedMs).toFixed(2)} ms); ${WARM_UP} x 3 warm-up calls first; ${seconds(latencyMs)} in all`,
      ...latencyLines(`largest tenant (${thousands(LARGE_CHUNKS)})`, largeRun),
      ...latencyLines(`small tenant (${thousands(SMALL_CHUNKS)})`, smallRun),
    );
    const byCode = (mode: RetrievalMode, withCode: boolean) =>
      largeRun.samples.get(mode)!.filter((_, i) => extractExactTerms(largeQueries[i].text).length > 0 === withCode);
    const codeQueries = byCode("hybrid", true).length;
    if (codeQueries > 0) {
      lines.push(
        formatSummary(`  largest, hybrid, ${codeQueries} queries with a code`, byCode("hybrid", true)),
        formatSummary(`  largest, hybrid, ${LARGE_QUERIES - codeQueries} queries without`, byCode("hybrid", false)),
        formatSummary(`  largest, keyword, ${LARGE_QUERIES - codeQueries} queries without a code`, byCode("keyword", false)),
      );
    }
    const slowest = largeRun.samples.get("hybrid")!
      .map((ms, i) => ({ ms, i }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map(({ ms, i }) => `${ms.toFixed(0)} ms "${largeQueries[i].text}" (vector ${largeRun.samples.get("vector")![i].toFixed(0)} ms, keyword ${largeRun.samples.get("keyword")![i].toFixed(0)} ms)`);
    lines.push(`  slowest hybrid queries, largest tenant: ${slowest.join("; ")}`);

    // The costliest message a visitor can send the keyword leg: as many distinct words as fit.
    const longMessage = CONTENT_WORDS.join(" ").slice(0, MAX_VISITOR_MESSAGE_CHARS);
    const longSamples: number[] = [];
    for (let i = 0; i < 10; i++) {
      longSamples.push((await retrieve({ tenantId: large.tenantId, query: longMessage, embedder, k: K, mode: "keyword" })).timings.searchMs);
    }
    lines.push(formatSummary(`  largest, keyword, a ${longMessage.length}-character message of ${new Set(longMessage.split(" ")).size} distinct words`, longSamples));
    const hybridP95 = summarize(largeRun.samples.get("hybrid")!).p95;
    lines.push(`  target hybrid p95 <= 50 ms (largest tenant): ${hybridP95.toFixed(1)} ms, ${hybridP95 <= 50 ? "met" : "NOT met"}`);

    // How to_tsvector splits a code the visitor may type (the exact-match lookup starts from the rarest lexeme).
    const codeQuery = largeQueries.find((query) => extractExactTerms(query.text).length > 0);
    if (codeQuery) {
      const code = extractExactTerms(codeQuery.text)[0];
      const [{ lexemes }] = await conn.execute<{ lexemes: string }[]>(`select to_tsvector('english', ?)::text as lexemes`, [code]);
      lines.push(`  to_tsvector('english', '${code}') = ${lexemes}`);
    }

    // How much of exhaustive BM25's top 10 the keyword leg returns (it reads only the heaviest postings of common words).
    progress("keyword agreement");
    started = performance.now();
    const agreement: number[] = [];
    for (const [i, query] of largeQueries.slice(0, RECALL_QUERIES).entries()) {
      const truth = await exhaustiveBm25(large.tenantId, query.text, K);
      const floor = truth.length ? truth[truth.length - 1] : 0;
      // Relative tolerance: the two sums add the same float8 terms in a different order.
      agreement.push(truth.length ? largeRun.keywordScores[i].filter((score) => score >= floor * (1 - 1e-9)).length / truth.length : 1);
    }
    const exhaustiveMs = (performance.now() - started) / agreement.length;
    const meanAgreement = agreement.reduce((sum, value) => sum + value, 0) / agreement.length;
    lines.push(
      `keyword leg against exhaustive BM25 (every posting of every query word, ${exhaustiveMs.toFixed(0)} ms per query), largest tenant, ${agreement.length} queries:`,
      `  share of its top-${K} returned: mean ${meanAgreement.toFixed(3)}, worst query ${Math.min(...agreement).toFixed(1)}, queries below 0.5: ${agreement.filter((value) => value < 0.5).length}`,
    );

    // Recall@10 of the vector leg against exact search within the tenant and model.
    progress("recall");
    started = performance.now();
    const largeExact = largeQueries.slice(0, RECALL_QUERIES).map((query) => exactNeighbours(figures.vectors.get(0)!, query.vector, K));
    const smallExact = smallQueries.map((query) => exactNeighbours(figures.vectors.get(1)!, query.vector, K));
    const exactMs = performance.now() - started;
    // The brute force in JS must agree with the database's own exact search (index scans off).
    started = performance.now();
    const checks = [
      ...[0, 1, 2].map((i) => ({ tenantId: large.tenantId, query: largeQueries[i], exact: largeExact[i] })),
      ...[0, 1].map((i) => ({ tenantId: small.tenantId, query: smallQueries[i], exact: smallExact[i] })),
    ];
    let agreeing = 0;
    for (const check of checks) {
      const fromDatabase = await exactSearch(check.tenantId, check.query.vector, K);
      if (fromDatabase.map((hit) => hit.id).join() === check.exact.map((hit) => hit.id).join()) agreeing++;
    }
    const databaseExactMs = (performance.now() - started) / checks.length;
    const recalls = (approximate: { id: string }[][], exact: { id: string }[][]) =>
      exact.map((truth, i) => recallAt(approximate[i].map((hit) => hit.id), truth.map((hit) => hit.id), K));
    const describe = (values: number[]) => {
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      return `mean ${mean.toFixed(3)}, worst query ${Math.min(...values).toFixed(1)}, queries below 0.5: ${values.filter((value) => value < 0.5).length}`;
    };
    const largeRecalls = recalls(largeRun.vectorHits, largeExact);
    const largeRecall = largeRecalls.reduce((sum, value) => sum + value, 0) / largeRecalls.length;
    const fewestHybridVector = Math.min(...[largeRun, smallRun].flatMap((run) => [run.fewest.get("hybrid")!, run.fewest.get("vector")!]));
    lines.push(
      `recall@${K} of retrieve(mode "vector", k ${K}) against exact search within the tenant and model:`,
      `  exact = brute force over the stored float32 vectors (${seconds(exactMs)} for ${largeExact.length + smallExact.length} queries); it returns the same top-${K} as the database with index and bitmap scans off for ${agreeing} of ${checks.length} queries checked (${databaseExactMs.toFixed(0)} ms per query there)`,
      `  largest tenant, ${largeExact.length} queries: ${describe(largeRecalls)}  (target >= 0.95: ${largeRecall >= 0.95 ? "met" : "NOT met"})`,
      `  small tenant, ${smallExact.length} queries:   ${describe(recalls(smallRun.vectorHits, smallExact))}`,
      `  always ${K} results (hybrid and vector, both tenants): fewest = ${fewestHybridVector} (${fewestHybridVector >= K ? "met" : "NOT met"})`,
    );
    const lost = largeRecalls.map((recall, i) => ({ recall, i })).filter(({ recall }) => recall < 0.5);
    if (lost.length > 0) {
      const meanOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const returned = meanOf(lost.map(({ i }) => largeRun.vectorHits[i][0]?.similarity ?? NaN));
      const truth = meanOf(lost.map(({ i }) => 1 - largeExact[i][0].distance));
      const why = truth - returned > 0.2 ? "the graph search ended among unrelated chunks" : "the tenant has no close neighbours for these";
      lines.push(`  the ${lost.length} queries below 0.5: best similarity returned ${returned.toFixed(2)} on average, true best ${truth.toFixed(2)} (${why})`);
    }

    // ef_search sweep: retrieve(mode "vector") with its "set local hnsw.ef_search" rewritten on the way to the database.
    progress("ef_search sweep");
    const captureCall = async (options: Parameters<typeof retrieve>[0], rewrite: (sql: string) => string = (sql) => sql) => {
      const statements: Captured[] = [];
      await withHook((sql, params) => {
        const sent = rewrite(sql);
        statements.push({ sql: sent, params: [...params] });
        return sent;
      }, () => retrieve(options));
      return statements;
    };
    const probe = await captureCall({ tenantId: large.tenantId, query: largeQueries[0].text, embedder, k: K, mode: "vector" });
    const defaultEf = probe.map((statement) => EF_SEARCH_SETTING.exec(statement.sql)?.[2]).find(Boolean);
    if (!defaultEf) {
      lines.push(`ef_search sweep skipped: retrieve() sets no hnsw.ef_search`);
    } else {
      lines.push(`ef_search sweep: retrieve(mode "vector", k ${K}) with its "set local hnsw.ef_search = ${defaultEf}" rewritten (latency = timings.searchMs):`);
      for (const [label, tenantId, queries, exact] of [
        ["largest", large.tenantId, largeQueries.slice(0, RECALL_QUERIES), largeExact],
        ["small", small.tenantId, smallQueries, smallExact],
      ] as const) {
        for (const ef of EF_SWEEP) {
          const rewrite = (sql: string) => sql.replace(EF_SEARCH_SETTING, `$1${ef}`);
          const samples: number[] = [];
          const found: { id: string }[][] = [];
          for (const query of queries) {
            const { results, timings } = await withHook(rewrite, () => retrieve({ tenantId, query: query.text, embedder, k: K, mode: "vector" }));
            samples.push(timings.searchMs);
            found.push(results.map((result) => ({ id: result.chunkId })));
          }
          const statements = await captureCall({ tenantId, query: queries[0].text, embedder, k: K, mode: "vector" }, rewrite);
          const plan = (await explainCaptured(orm, statements, false)).find((entry) => entry.name === "vector leg")?.plan ?? [];
          lines.push(
            `${formatSummary(`  ${label} ef_search=${ef}${String(ef) === defaultEf ? " (current)" : ""}`, samples)}  recall@${K} ${describe(recalls(found, exact))}, fewest results ${Math.min(...found.map((ids) => ids.length))}; plan: ${scanNodes(plan)}`,
          );
        }
      }
    }

    // Plans of the statements retrieve() ran (captured, then replayed with EXPLAIN ANALYZE as app_tenant, with RLS).
    progress("plans");
    const planQuery = codeQuery ?? largeQueries[0];
    const largePlans = await explainCaptured(orm, await captureCall({ tenantId: large.tenantId, query: planQuery.text, embedder, k: K, mode: "hybrid" }), true);
    const smallPlans = await explainCaptured(orm, await captureCall({ tenantId: small.tenantId, query: smallQueries[0].text, embedder, k: K, mode: "vector" }), true);
    const usesHnsw = (rows: Record<string, string>[] = []) => rows.some((row) => Object.values(row)[0].includes(HNSW_INDEX));
    const vectorPlanOf = (plans: typeof largePlans) => plans.find((entry) => entry.name === "vector leg")?.plan;
    lines.push(
      `plans: the statements of one retrieve() call, captured and replayed with EXPLAIN ANALYZE in the same tenant transaction (role app_tenant, RLS on, same settings):`,
      `  vector leg uses ${HNSW_INDEX}: largest tenant ${usesHnsw(vectorPlanOf(largePlans)) ? "yes" : "NO"}, small tenant ${usesHnsw(vectorPlanOf(smallPlans)) ? "yes" : "no"}`,
      ...largePlans.flatMap(({ name, plan }) => planLines(`largest tenant, hybrid "${planQuery.text}": ${name}`, plan)),
      ...smallPlans.filter(({ name }) => name === "vector leg").flatMap(({ name, plan }) => planLines(`small tenant, vector "${smallQueries[0].text}": ${name}`, plan)),
    );
    lines.push(`wall time ${seconds(performance.now() - benchStarted)}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    return lines;
  });
}
