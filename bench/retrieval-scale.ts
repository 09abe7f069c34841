import type { EntityManager } from "@mikro-orm/postgresql";
import { Worker } from "node:worker_threads";
import type { EmbeddingProvider } from "../app/knowledge/embeddings/provider";
import { retrieve, type RetrievalMode } from "../app/knowledge/retrieval.server";
import { startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { closeOrm, connectOrm } from "../db/orm";
import { withTenant } from "../db/tenant-scope";
import { createTestTenant } from "../db/testing/fixtures";
import { createRandom, dot, memberVector, queryText, topicModel, type Cluster } from "./retrieval-scale/data";
import type { GeneratorInput, GeneratorMessage } from "./retrieval-scale/generator";
import { formatSummary, summarize } from "./stats";

/**
 * Retrieval at scale with RLS on (the issue's targets): 20 tenants, 100,000 chunks in the largest,
 * hybrid top-10 p95 <= 50 ms on the embedded database, vector recall@10 >= 0.95 against exact
 * search within the tenant, always k results. Sizes can be lowered for a quick run with
 * RETRIEVAL_SCALE_LARGE / RETRIEVAL_SCALE_SMALL.
 */

const MODEL = "use-lite-512";
const HNSW_INDEX = "knowledge_chunks_embedding_use_lite_512";
const LARGE_CHUNKS = Number(process.env.RETRIEVAL_SCALE_LARGE ?? 100_000);
const SMALL_CHUNKS = Number(process.env.RETRIEVAL_SCALE_SMALL ?? 2_000);
const TENANTS = 20;
const SEED = 20261125;
const CHUNK_BATCH = 500;
const DOCUMENT_BATCH = 1_000;
const LARGE_QUERIES = 200;
const SMALL_QUERIES = 50;
const WARM_UP = 20;
const RECALL_QUERIES = 100;
const K = 10;
/** What retrieve() uses by default: candidates = max(30, 3k), ef_search = max(40, 2 × candidates). */
const CANDIDATES = Math.max(30, K * 3);
const EF_SWEEP = [40, 60, 100, 200, 400];

type Connection = ReturnType<EntityManager["getConnection"]>;

interface Query {
  text: string;
  vector: number[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;
const thousands = (n: number) => n.toLocaleString("en-US");

function placeholders(rows: number, columns: string): string {
  return Array.from({ length: rows }, () => columns).join(",");
}

/**
 * Inserts what the generator worker produces, batch by batch, as multi-row INSERTs on the ORM's
 * pool (owner role, outside tenant scope). Parameters go as bind parameters through knex: the
 * ORM's own execute() inlines them into the SQL text client-side, which doubled the time.
 */
async function bulkLoad(conn: Connection, tenants: { tenantId: string; chunks: number }[]) {
  const knex = conn.getKnex();
  const figures = { documents: 0, chunks: 0, documentMs: 0, chunkMs: 0, waitMs: 0, generateMs: 0, literalBytes: 0 };
  const input: GeneratorInput = { seed: SEED, tenants, chunkBatch: CHUNK_BATCH, documentBatch: DOCUMENT_BATCH };
  const worker = new Worker(new URL("./retrieval-scale/generator-entry.mjs", import.meta.url), { workerData: input });
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
      }
      worker.postMessage("ack");
    }
  } finally {
    await worker.terminate();
  }
  return figures;
}

/**
 * The BM25 postings and term counts of one tenant, with the same to_tsvector text as storeChunks
 * (title, heading path, content), in one statement.
 */
async function indexTenantTerms(conn: Connection, tenantId: string): Promise<number> {
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

/** Copies of the statements in app/knowledge/retrieval.server.ts (vectorLeg, keywordLeg), for EXPLAIN and the ef_search sweep. */
const VECTOR_SQL = `select id, distance from (
       select c.id, c.embedding::vector(512) <=> ?::vector(512) as distance
         from knowledge_chunks c
        where c.tenant_id = ? and c.embedding_model = '${MODEL}'
        order by c.embedding::vector(512) <=> ?::vector(512)
        limit ?) nearest
     order by distance`;
const KEYWORD_SQL = `with query_terms as (select distinct lexeme from unnest(to_tsvector('english', ?))),
          matches as (
            select p.chunk_id, p.lexeme, p.term_frequency as tf, p.chunk_length as dl
              from knowledge_postings p join query_terms using (lexeme)
             where p.tenant_id = ?),
          document_frequency as (select lexeme, count(*)::float8 as df from matches group by lexeme),
          corpus as (
            select greatest(sum(chunk_count), 1)::float8 as n,
                   greatest(sum(term_count), 1)::float8 / greatest(sum(chunk_count), 1) as avgdl
              from knowledge_documents where tenant_id = ?)
     select m.chunk_id as id,
            sum(ln(1 + (corpus.n - f.df + 0.5) / (f.df + 0.5))
                * m.tf * 2.2 / (m.tf + 1.2 * (0.25 + 0.75 * m.dl / corpus.avgdl))) as score
       from matches m join document_frequency f using (lexeme) cross join corpus
      group by m.chunk_id
      order by score desc
      limit ?`;

/** The vector leg as retrieve() runs it (same settings, same statement), at a chosen ef_search. */
async function vectorSearch(em: EntityManager, tenantId: string, vector: number[], limit: number, efSearch: number) {
  await em.execute(`set local hnsw.iterative_scan = relaxed_order`);
  await em.execute(`set local hnsw.ef_search = ${efSearch}`);
  const literal = `[${vector.join(",")}]`;
  const rows = await em.execute<{ id: string; distance: number }[]>(VECTOR_SQL, [literal, tenantId, literal, limit]);
  return rows.map((row) => ({ id: row.id, distance: Number(row.distance) }));
}

const EXACT_SQL = `select c.id, c.embedding::vector(512) <=> ?::vector(512) as distance from knowledge_chunks c
  where c.tenant_id = ? and c.embedding_model = '${MODEL}'
  order by c.embedding::vector(512) <=> ?::vector(512)
  limit ?`;

/** Exact nearest neighbours within the tenant and model: index scans off, so a full scan and sort. */
async function exactSearch(tenantId: string, vector: number[], limit: number) {
  const literal = `[${vector.join(",")}]`;
  return withTenant(tenantId, async (em) => {
    await em.execute("set local enable_indexscan = off");
    await em.execute("set local enable_bitmapscan = off");
    const rows = await em.execute<{ id: string; distance: number }[]>(EXACT_SQL, [literal, tenantId, literal, limit]);
    return rows.map((row) => ({ id: row.id, distance: Number(row.distance) }));
  });
}

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
  const shorten = (line: string) => line.replace(/'\[[^\]]{200,}\]'/g, "'[512 values]'");
  return [`  ${title}`, ...rows.map((row) => `    ${shorten(Object.values(row)[0])}`)];
}


export async function benchRetrievalScale(): Promise<string[]> {
  const benchStarted = performance.now();
  const lines: string[] = [];
  const database = await startEmbeddedPostgres();
  await migrateDatabase(database.url);
  const orm = await connectOrm(database.url);
  try {
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

    // Bulk load without the HNSW index, then build it exactly as the migration defined it.
    const [{ indexdef }] = await conn.execute<{ indexdef: string }[]>(`select indexdef from pg_indexes where indexname = ?`, [HNSW_INDEX]);
    await conn.execute(`drop index ${HNSW_INDEX}`);
    const loadStarted = performance.now();
    const figures = await bulkLoad(conn, tenants);
    const insertMs = performance.now() - loadStarted;
    lines.push(
      `load: ${TENANTS} tenants, ${thousands(figures.chunks)} chunks (largest ${thousands(LARGE_CHUNKS)}, 19 x ${thousands(SMALL_CHUNKS)}), ${thousands(figures.documents)} documents; inserts took ${seconds(insertMs)}`,
      `  generation in a worker thread (text, vectors, literals): ${seconds(figures.generateMs)}, overlapped; inserts waited for it ${seconds(figures.waitMs)}; vector literals ${(figures.literalBytes / 1e6).toFixed(0)} MB`,
      `  insert documents (${DOCUMENT_BATCH} rows/statement):          ${seconds(figures.documentMs)}, ${rate(figures.documents, figures.documentMs)}`,
      `  insert chunks with vectors (${CHUNK_BATCH} rows/statement): ${seconds(figures.chunkMs)}, ${rate(figures.chunks, figures.chunkMs)}`,
    );

    let started = performance.now();
    let postings = 0;
    let largePostingsMs = 0;
    for (const tenant of tenants) {
      const tenantStarted = performance.now();
      postings += await indexTenantTerms(conn, tenant.tenantId);
      if (tenant === tenants[0]) largePostingsMs = performance.now() - tenantStarted;
    }
    const postingsMs = performance.now() - started;
    lines.push(
      `  BM25 postings + term counts (one INSERT ... SELECT per tenant): ${seconds(postingsMs)}, ${thousands(postings)} postings, ${rate(postings, postingsMs)} (largest tenant ${seconds(largePostingsMs)}); ${(postings / figures.chunks).toFixed(1)} lexemes per chunk`,
    );

    started = performance.now();
    for (const table of ["knowledge_chunks", "knowledge_documents", "knowledge_postings"]) await conn.execute(`vacuum analyze ${table}`);
    lines.push(`  VACUUM ANALYZE:                                   ${seconds(performance.now() - started)}`);

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
        where relname in ('knowledge_chunks', 'knowledge_postings', '${HNSW_INDEX}', 'knowledge_postings_tenant_lexeme') order by relname`,
    );
    lines.push(`  sizes: ${sizes.map((row) => `${row.name} ${row.size}`).join(", ")}`);
    lines.push(`  load total (inserts, postings, vacuum, index): ${seconds(performance.now() - loadStarted)}`);

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
    const modes: RetrievalMode[] = ["hybrid", "vector", "keyword"];
    for (const query of warmUp) for (const mode of modes) await retrieve({ tenantId: large.tenantId, query: query.text, embedder, k: K, mode, fusion: "rrf" });
    const measure = async (tenantId: string, queries: Query[]) => {
      const samples = new Map<RetrievalMode, number[]>(modes.map((mode) => [mode, []]));
      const fewest = new Map<RetrievalMode, number>(modes.map((mode) => [mode, Infinity]));
      const vectorIds: string[][] = [];
      let embedMs = 0;
      for (const query of queries) {
        for (const mode of modes) {
          const { results, timings } = await retrieve({ tenantId, query: query.text, embedder, k: K, mode, fusion: "rrf" });
          samples.get(mode)!.push(timings.searchMs);
          embedMs = Math.max(embedMs, timings.embedMs);
          fewest.set(mode, Math.min(fewest.get(mode)!, results.length));
          if (mode === "vector") vectorIds.push(results.map((result) => result.chunkId));
        }
      }
      return { samples, fewest, vectorIds, embedMs };
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
    const slowest = largeRun.samples.get("hybrid")!
      .map((ms, i) => ({ ms, i }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map(({ ms, i }) => `${ms.toFixed(0)} ms "${largeQueries[i].text}" (vector ${largeRun.samples.get("vector")![i].toFixed(0)} ms, keyword ${largeRun.samples.get("keyword")![i].toFixed(0)} ms)`);
    lines.push(`  slowest hybrid queries, largest tenant: ${slowest.join("; ")}`);
    const hybridP95 = summarize(largeRun.samples.get("hybrid")!).p95;
    lines.push(`  target hybrid p95 <= 50 ms (largest tenant): ${hybridP95.toFixed(1)} ms, ${hybridP95 <= 50 ? "met" : "NOT met"}`);

    // Recall@10 of the vector leg against exact search within the tenant and model.
    started = performance.now();
    const largeExact: { id: string; distance: number }[][] = [];
    for (const query of largeQueries.slice(0, RECALL_QUERIES)) largeExact.push(await exactSearch(large.tenantId, query.vector, K));
    const smallExact: { id: string; distance: number }[][] = [];
    for (const query of smallQueries) smallExact.push(await exactSearch(small.tenantId, query.vector, K));
    const exactMs = performance.now() - started;
    const recalls = (approximate: string[][], exact: { id: string }[][]) =>
      exact.map((truth, i) => recallAt(approximate[i], truth.map((hit) => hit.id), K));
    const describe = (values: number[]) => {
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      return `mean ${mean.toFixed(3)}, worst query ${Math.min(...values).toFixed(1)}, queries below 0.5: ${values.filter((value) => value < 0.5).length}`;
    };
    const largeRecalls = recalls(largeRun.vectorIds, largeExact);
    const largeRecall = largeRecalls.reduce((sum, value) => sum + value, 0) / largeRecalls.length;
    const fewestHybridVector = Math.min(...[largeRun, smallRun].flatMap((run) => [run.fewest.get("hybrid")!, run.fewest.get("vector")!]));
    lines.push(
      `recall@${K} of retrieve(mode "vector", k ${K}) against exact search in the tenant (index and bitmap scans off; ${seconds(exactMs)} for ${largeExact.length + smallExact.length} exact scans):`,
      `  largest tenant, ${largeExact.length} queries: ${describe(largeRecalls)}  (target >= 0.95: ${largeRecall >= 0.95 ? "met" : "NOT met"})`,
      `  small tenant, ${smallExact.length} queries:   ${describe(recalls(smallRun.vectorIds, smallExact))}`,
      `  always ${K} results (hybrid and vector, both tenants): fewest = ${fewestHybridVector} (${fewestHybridVector >= K ? "met" : "NOT met"})`,
    );

    // ef_search sweep: the vector leg's SQL alone, limit = candidates, recall of its top k.
    lines.push(
      `ef_search sweep (the vector leg's SQL alone in a tenant transaction with relaxed_order, limit ${CANDIDATES}, recall of its top ${K}; retrieve() uses ef_search ${Math.max(40, CANDIDATES * 2)}):`,
    );
    for (const [label, tenantId, queries, exact] of [
      ["largest", large.tenantId, largeQueries.slice(0, RECALL_QUERIES), largeExact],
      ["small", small.tenantId, smallQueries, smallExact],
    ] as const) {
      for (const ef of EF_SWEEP) {
        const samples: number[] = [];
        const found: string[][] = [];
        for (const query of queries) {
          const start = performance.now();
          const hits = await withTenant(tenantId, (em) => vectorSearch(em, tenantId, query.vector, CANDIDATES, ef));
          samples.push(performance.now() - start);
          found.push(hits.map((hit) => hit.id));
        }
        const literal = `[${queries[0].vector.join(",")}]`;
        const plan = await withTenant(tenantId, async (em) => {
          await em.execute(`set local hnsw.iterative_scan = relaxed_order`);
          await em.execute(`set local hnsw.ef_search = ${ef}`);
          return em.execute<Record<string, string>[]>(`explain ${VECTOR_SQL}`, [literal, tenantId, literal, CANDIDATES]);
        });
        lines.push(
          `${formatSummary(`  ${label} ef_search=${ef}`, samples)}  recall@${K} ${describe(recalls(found, exact))}, fewest rows ${Math.min(...found.map((ids) => ids.length))}; plan: ${scanNodes(plan)}`,
        );
      }
    }

    // Plans as the tenant role sees them (RLS on), for the statements retrieve() runs.
    const explain = (tenantId: string, sql: string, params: unknown[], settings: string[]) =>
      withTenant(tenantId, async (em) => {
        for (const setting of settings) await em.execute(setting);
        return em.execute<Record<string, string>[]>(`explain (analyze, buffers off) ${sql}`, params);
      });
    const vectorSettings = [`set local hnsw.iterative_scan = relaxed_order`, `set local hnsw.ef_search = ${Math.max(40, CANDIDATES * 2)}`];
    const vectorPlan = (tenantId: string, query: Query) => {
      const literal = `[${query.vector.join(",")}]`;
      return explain(tenantId, VECTOR_SQL, [literal, tenantId, literal, CANDIDATES], vectorSettings);
    };
    const largePlan = await vectorPlan(large.tenantId, largeQueries[0]);
    const smallPlan = await vectorPlan(small.tenantId, smallQueries[0]);
    const keywordPlan = await explain(large.tenantId, KEYWORD_SQL, [largeQueries[0].text, large.tenantId, large.tenantId, CANDIDATES], []);
    const exactLiteral = `[${largeQueries[0].vector.join(",")}]`;
    const exactPlan = await explain(large.tenantId, EXACT_SQL, [exactLiteral, large.tenantId, exactLiteral, K], [
      "set local enable_indexscan = off",
      "set local enable_bitmapscan = off",
    ]);
    const usesHnsw = (rows: Record<string, string>[]) => rows.some((row) => Object.values(row)[0].includes(HNSW_INDEX));
    lines.push(
      `plans (EXPLAIN ANALYZE inside withTenant, i.e. as app_tenant with RLS, same settings as retrieve()):`,
      `  vector leg uses ${HNSW_INDEX}: largest tenant ${usesHnsw(largePlan) ? "yes" : "NO"}, small tenant ${usesHnsw(smallPlan) ? "yes" : "no"}; exact search avoids it: ${usesHnsw(exactPlan) ? "NO" : "yes"}`,
      ...planLines(`largest tenant, vector leg, query "${largeQueries[0].text}":`, largePlan),
      ...planLines(`small tenant, vector leg, query "${smallQueries[0].text}":`, smallPlan),
      ...planLines(`largest tenant, keyword leg, query "${largeQueries[0].text}":`, keywordPlan),
      ...planLines("largest tenant, exact search (index scans off):", exactPlan),
    );
    lines.push(`wall time ${seconds(performance.now() - benchStarted)}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    return lines;
  } finally {
    await closeOrm();
    await database.stop();
  }
}
