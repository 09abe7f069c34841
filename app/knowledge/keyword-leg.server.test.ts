import { beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { addDocuments } from "./documents.server";
import type { EmbeddingProvider } from "./embeddings/provider";
import { ensureVectorIndex } from "./embedding-model.server";
import { BM25_B, BM25_K1, retrieve } from "./retrieval.server";
import { runPendingJobs } from "./worker.server";

useTestDatabase();

/**
 * A tenant past the size where the keyword leg stops reading every posting of a common word (one in
 * more than 1,000 chunks): "parcel" is in the 1,050 even-numbered of 2,100 chunks, "locker" in five.
 */
const SECTIONS = 2_100;
const LOCKER_SECTIONS = new Set([8, 300, 512, 800, 1_001]);
/** Sections where "parcel" occurs three times instead of once. */
const HEAVY_PARCEL_SECTIONS = new Set([300, 20, 40, 60, 80, 100, 120]);

function sectionText(i: number): string {
  const parcel = i % 2 === 1 ? "goods" : HEAVY_PARCEL_SECTIONS.has(i) ? "parcel, parcel and parcel" : "parcel";
  const locker = LOCKER_SECTIONS.has(i) ? " from the locker" : "";
  return `## Note ${i}\nCollect the ${parcel}${locker} before day ${i}.`;
}

/** Keyword retrieval needs no vectors; a tiny model keeps ingesting a thousand chunks quick. */
const tinyEmbedder: EmbeddingProvider = {
  id: "test-tiny-2",
  dimensions: 2,
  maxBatchSize: 256,
  embed: async (texts) => texts.map((_, i) => [Math.cos(i), Math.sin(i)]),
};

let tenantId: string;

/** BM25 of one chunk computed here from its raw postings and the tenant's statistics, as a reference. */
async function referenceBm25(chunkId: string, query: string): Promise<number> {
  return withTenant(tenantId, async (em) => {
    const [corpus] = await em.execute<{ n: number; avgdl: number }[]>(
      `select sum(chunk_count)::float8 as n, sum(term_count)::float8 / sum(chunk_count) as avgdl from knowledge_documents`,
    );
    const postings = await em.execute<{ tf: number; length: number; df: number }[]>(
      `select p.term_frequency as tf, p.chunk_length as length, t.document_frequency as df
         from knowledge_postings p join knowledge_terms t on t.lexeme = p.lexeme
        where p.chunk_id = ? and p.lexeme in (select lexeme from unnest(to_tsvector('english', ?)))`,
      [chunkId, query],
    );
    return postings.reduce((sum, { tf, length, df }) => {
      const idf = Math.log(1 + (corpus.n - df + 0.5) / (df + 0.5));
      return sum + (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * length) / corpus.avgdl));
    }, 0);
  });
}

describe("keyword retrieval in a tenant with common words", () => {
  beforeAll(async () => {
    const tenant = await createTestTenant("Parcel lockers");
    tenantId = tenant.tenantId;
    const markdown = `# Pickup notes\n\n${Array.from({ length: SECTIONS }, (_, i) => sectionText(i)).join("\n\n")}`;
    await ensureVectorIndex(tinyEmbedder);
    await addDocuments({
      actor: { id: tenant.ownerId, tenant: { id: tenantId, name: "Parcel lockers", slug: "" } },
      documents: [{ title: "pickup.md", sourceType: "file", fileName: "pickup.md", source: Buffer.from(markdown) }],
    });
    await runPendingJobs({ embedder: tinyEmbedder, allowPrivateNetwork: false });
    const [{ chunks }] = await withTenant(tenantId, (em) => em.execute<{ chunks: number }[]>(`select count(*)::int as chunks from knowledge_chunks`));
    expect(chunks).toBeGreaterThanOrEqual(SECTIONS);
  }, 120_000);

  const search = (query: string, k: number) => retrieve({ tenantId, query, embedder: tinyEmbedder, k, mode: "keyword" });
  const sectionOf = (headingPath: string) => Number(/Note (\d+)$/.exec(headingPath)?.[1]);

  it("ranks chunks holding the rare word first, completed with their common words", async () => {
    const { results } = await search("parcel locker", 5);
    const sections = results.map((result) => sectionOf(result.headingPath));
    expect(new Set(sections)).toEqual(LOCKER_SECTIONS);
    // The locker chunk without "parcel" comes last, and the one with it three times first: the common word counted.
    expect(sections[0]).toBe(300);
    expect(sections[4]).toBe(1_001);
    const scores = results.map((result) => result.keyword!.bm25);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("returns exact BM25 scores", async () => {
    const { results } = await search("parcel locker", 10);
    for (const result of results) expect(result.keyword!.bm25).toBeCloseTo(await referenceBm25(result.chunkId, "parcel locker"), 6);
  });

  it("fills k results from the heaviest postings of common words", async () => {
    const { results } = await search("parcel locker", 10);
    expect(results).toHaveLength(10);
    const sections = results.map((result) => sectionOf(result.headingPath));
    expect(new Set(sections.slice(0, 5))).toEqual(LOCKER_SECTIONS);
    // After the locker chunks come those with "parcel" three times, not a chunk that holds it once.
    for (const section of sections.slice(5)) expect(HEAVY_PARCEL_SECTIONS.has(section)).toBe(true);
  });

  it("answers a question made only of common words", async () => {
    const { results } = await search("parcel", 6);
    expect(results).toHaveLength(6);
    for (const result of results) expect(HEAVY_PARCEL_SECTIONS.has(sectionOf(result.headingPath))).toBe(true);
  });
});
