import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestionJob, KnowledgeChunk, KnowledgeDocument } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { addDocuments, deleteDocuments, getDocument, listDocuments, reindexDocuments, updateDocument, type NewDocument } from "./documents.server";
import { createOfflineEmbedder, type OfflineEmbedder } from "./embeddings/offline.server";
import type { EmbeddingProvider } from "./embeddings/provider";
import { ensureVectorIndex, queueReembedding } from "./embedding-model.server";
import { claimNextJob } from "./jobs.server";
import { retrieve } from "./retrieval.server";
import { runPendingJobs } from "./worker.server";

useTestDatabase();

let embedder: OfflineEmbedder;
let pages: http.Server;
let pagesBase: string;
type Actor = { id: string; tenant: { id: string; name: string; slug: string } };

async function newActor(name: string): Promise<Actor> {
  const tenant = await createTestTenant(name);
  return { id: tenant.ownerId, tenant: { id: tenant.tenantId, name, slug: "" } };
}

const RETURNS_GUIDE = `# Returns guide

## Return window
You can return any item within 30 days of delivery. Items must be unused and in the original packaging.

## Refund timing
Refunds reach your card within 5 business days after the warehouse receives the parcel.

## Error codes
If the label printer shows ERR-7781, restart the printer and print the label again.`;

const file = (name: string, content: string | Uint8Array): NewDocument => ({
  title: name,
  sourceType: "file",
  fileName: name,
  source: Buffer.from(content),
});

/** Runs the queue with the real embedder, as the background worker would. */
const drain = (settings: { embedder?: EmbeddingProvider } = {}) =>
  runPendingJobs({ embedder: settings.embedder ?? embedder, allowPrivateNetwork: true });

async function documentByTitle(actor: Actor, title: string) {
  const listing = await listDocuments({ tenantId: actor.tenant.id });
  return listing.documents.find((document) => document.title === title || document.fileName === title);
}

beforeAll(async () => {
  embedder = createOfflineEmbedder();
  pages = http.createServer((request, response) => {
    if (request.url === "/help") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<html><head><title>Help</title><script>alert("x")</script></head><body><nav>Menu</nav>
        <main><h1>Opening hours</h1><p>Our support team answers from 9:00 to 17:00 on weekdays.</p>
        <img src=x onerror="alert(1)"><p>On Saturdays we answer from 10:00 to 14:00.</p></main></body></html>`);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
  pagesBase = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await embedder.close();
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
});

describe("ingestion", () => {
  it("parses, chunks by section, embeds and indexes a document", async () => {
    const actor = await newActor("Acme");
    const [outcome] = await addDocuments({ actor, documents: [file("returns.md", RETURNS_GUIDE)] });
    expect(outcome.status).toBe("queued");
    expect(await drain()).toBe(1);

    const document = await getDocument({ tenantId: actor.tenant.id, documentId: outcome.documentId });
    expect(document.status).toBe("ready");
    expect(document.title).toBe("Returns guide");
    expect(document.chunks.map((chunk) => chunk.headingPath)).toEqual(["Return window", "Refund timing", "Error codes"]);
    expect(document.embeddedCount).toBe(document.chunkCount);
    expect(document.chunks.every((chunk) => chunk.embedded)).toBe(true);
    expect(document.content).toContain("within 30 days of delivery");
  });

  it("skips content it already has (same checksum)", async () => {
    const actor = await newActor("Acme");
    const [first] = await addDocuments({ actor, documents: [file("returns.md", RETURNS_GUIDE)] });
    const [again] = await addDocuments({ actor, documents: [file("returns-copy.md", RETURNS_GUIDE)] });
    expect(again).toEqual({ title: first.title, documentId: first.documentId, status: "unchanged" });
    await drain();
  });

  it("fails each bad file with its reason and indexes the rest of the batch", async () => {
    const actor = await newActor("Acme");
    await addDocuments({
      actor,
      documents: [
        file("empty.txt", ""),
        file("fake.pdf", "this is not a pdf"),
        file("binary.txt", new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 0, 0])),
        file("good.md", RETURNS_GUIDE),
      ],
    });
    await drain();
    const listing = await listDocuments({ tenantId: actor.tenant.id });
    const byFile = Object.fromEntries(listing.documents.map((document) => [document.fileName, document]));
    expect(byFile["empty.txt"]).toMatchObject({ status: "failed", error: "This file contains no text." });
    expect(byFile["fake.pdf"]).toMatchObject({ status: "failed", error: "This file is not a valid PDF." });
    expect(byFile["binary.txt"]).toMatchObject({ status: "failed" });
    expect(byFile["binary.txt"].error).toMatch(/binary/);
    expect(byFile["good.md"]).toMatchObject({ status: "ready", error: null });
  });

  it("imports a web page's main text only, and fails a private address or a 404 with the reason", async () => {
    const actor = await newActor("Acme");
    await addDocuments({
      actor,
      documents: [
        { title: `${pagesBase}/help`, sourceType: "url", sourceUrl: `${pagesBase}/help`, source: Buffer.alloc(0) },
        { title: `${pagesBase}/gone`, sourceType: "url", sourceUrl: `${pagesBase}/gone`, source: Buffer.alloc(0) },
      ],
    });
    await drain();
    const help = await documentByTitle(actor, "Opening hours");
    expect(help?.status).toBe("ready");
    const document = await getDocument({ tenantId: actor.tenant.id, documentId: help!.id });
    const text = document.chunks.map((chunk) => chunk.content).join("\n");
    expect(text).toContain("9:00 to 17:00");
    expect(text).not.toMatch(/alert|onerror|<script|<img|Menu/);
    expect((await documentByTitle(actor, `${pagesBase}/gone`))?.error).toBe(`The site answered 404 for ${pagesBase}/gone.`);

    await addDocuments({ actor, documents: [{ title: "metadata", sourceType: "url", sourceUrl: "http://169.254.169.254/latest/", source: Buffer.alloc(0) }] });
    await runPendingJobs({ embedder });
    expect((await documentByTitle(actor, "metadata"))?.error).toBe("That address is on a private network and cannot be imported.");
  });

  it("resumes an interrupted job where it stopped, keeping the finished batches", async () => {
    const actor = await newActor("Acme");
    const longGuide = Array.from({ length: 6 }, (_, i) => `## Topic ${i + 1}\nSection ${i + 1} explains policy number ${i + 1} in enough words to stand alone as a passage.`).join("\n\n");
    const [outcome] = await addDocuments({ actor, documents: [file("long.md", `# Long guide\n\n${longGuide}`)] });
    const embedded: string[] = [];
    const crashingAfterOneBatch: EmbeddingProvider = {
      id: embedder.id,
      dimensions: embedder.dimensions,
      maxBatchSize: 2,
      async embed(texts) {
        if (embedded.length >= 2) throw new Error("worker process killed");
        embedded.push(...texts);
        return embedder.embed(texts);
      },
    };
    await drain({ embedder: crashingAfterOneBatch });
    const interrupted = await withTenant(actor.tenant.id, (em) => em.findOneOrFail(KnowledgeDocument, { id: outcome.documentId }));
    expect(interrupted.status).toBe("processing");
    expect(interrupted.embeddedCount).toBe(2);
    const job = await withTenant(actor.tenant.id, (em) => em.findOneOrFail(IngestionJob, { document: outcome.documentId }));
    expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: "Indexing failed after 1 attempt: worker process killed" });

    // The retry is due after its backoff; make it due now and let a healthy worker finish.
    await withTenant(actor.tenant.id, (em) => em.nativeUpdate(IngestionJob, { id: job.id }, { runAfter: new Date() }));
    const resumed: string[] = [];
    await drain({ embedder: { ...crashingAfterOneBatch, embed: async (texts) => (resumed.push(...texts), embedder.embed(texts)) } });
    const finished = await getDocument({ tenantId: actor.tenant.id, documentId: outcome.documentId });
    expect(finished.status).toBe("ready");
    expect(finished.embeddedCount).toBe(finished.chunkCount);
    expect(resumed).toHaveLength(finished.chunkCount - 2);
  });

  it("takes over a job whose worker died (lease expired)", async () => {
    const actor = await newActor("Acme");
    const [outcome] = await addDocuments({ actor, documents: [file("faq.md", "# FAQ\n\n## Hours\nWe open at nine.")] });
    const abandoned = await claimNextJob();
    expect(abandoned?.documentId).toBe(outcome.documentId);
    expect(await claimNextJob()).toBeNull();
    await withTenant(actor.tenant.id, (em) => em.nativeUpdate(IngestionJob, { id: abandoned!.id }, { leaseExpiresAt: new Date(Date.now() - 1000) }));
    expect(await drain()).toBe(1);
    expect((await getDocument({ tenantId: actor.tenant.id, documentId: outcome.documentId })).status).toBe("ready");
  });

  it("keeps BM25 document frequencies equal to the postings through add, replace and delete", async () => {
    const actor = await newActor("Acme");
    const frequencies = () =>
      withTenant(actor.tenant.id, async (em) => ({
        kept: await em.execute(`select lexeme, document_frequency::int as n from knowledge_terms where tenant_id = ? order by lexeme`, [actor.tenant.id]),
        counted: await em.execute(
          `select lexeme, count(*)::int as n from knowledge_postings where tenant_id = ? group by lexeme order by lexeme`,
          [actor.tenant.id],
        ),
      }));
    const [guide] = await addDocuments({ actor, documents: [file("returns.md", RETURNS_GUIDE)] });
    const [hours] = await addDocuments({ actor, documents: [{ title: "Hours", sourceType: "text", source: Buffer.from("Refunds desk opens at nine.") }] });
    await drain();
    let state = await frequencies();
    expect(state.kept.length).toBeGreaterThan(10);
    expect(state.kept).toEqual(state.counted);

    await updateDocument({ actor, documentId: hours.documentId, title: "Hours", tags: [], source: Buffer.from("The desk opens at ten.") });
    await drain();
    state = await frequencies();
    expect(state.kept).toEqual(state.counted);

    await deleteDocuments({ actor, documentIds: [guide.documentId] });
    state = await frequencies();
    expect(state.kept).toEqual(state.counted);
    expect(state.kept.map((row) => row.lexeme)).not.toContain("refund");
  });

  it("re-indexes edited text, replacing its chunks", async () => {
    const actor = await newActor("Acme");
    const [outcome] = await addDocuments({ actor, documents: [{ title: "Hours", sourceType: "text", source: Buffer.from("We open at nine.") }] });
    await drain();
    await updateDocument({ actor, documentId: outcome.documentId, title: "Hours", tags: ["store"], source: Buffer.from("We open at ten on Sundays.") });
    await drain();
    const document = await getDocument({ tenantId: actor.tenant.id, documentId: outcome.documentId });
    expect(document.chunks.map((chunk) => chunk.content)).toEqual(["We open at ten on Sundays."]);
    expect(document.tags).toEqual(["store"]);
    expect(await reindexDocuments({ actor, documentIds: [outcome.documentId] })).toBe(1);
    await drain();
    expect(await withTenant(actor.tenant.id, (em) => em.count(KnowledgeChunk, { document: outcome.documentId }))).toBe(1);
  });
});

describe("changing the embedding model", () => {
  it("re-embeds every document in the background and never compares vectors across models", async () => {
    const actor = await newActor("Acme");
    const [outcome] = await addDocuments({ actor, documents: [file("returns.md", RETURNS_GUIDE)] });
    await drain();
    // A second model: same dimension, different vectors (the first half of the offline vector, doubled).
    const modelB: EmbeddingProvider = {
      id: "test-model-b",
      dimensions: 512,
      maxBatchSize: 8,
      embed: async (texts) => (await embedder.embed(texts)).map((vector) => [...vector.slice(0, 256), ...vector.slice(0, 256)]),
    };
    expect(await ensureVectorIndex(modelB)).toBe(true);
    expect(await queueReembedding(modelB)).toBeGreaterThanOrEqual(1);
    expect(await queueReembedding(modelB)).toBe(0);
    await drain({ embedder: modelB });

    const document = await getDocument({ tenantId: actor.tenant.id, documentId: outcome.documentId });
    expect(document).toMatchObject({ status: "ready", embeddingModel: "test-model-b", embeddedCount: document.chunkCount });
    const withB = await retrieve({ tenantId: actor.tenant.id, query: "money back", embedder: modelB, mode: "vector", k: 3 });
    expect(withB.results).toHaveLength(3);
    const withOldModel = await retrieve({ tenantId: actor.tenant.id, query: "money back", embedder, mode: "vector", k: 3 });
    expect(withOldModel.results).toHaveLength(0);
  });
});

describe("retrieval", () => {
  let acme: Actor;
  let globex: Actor;

  beforeAll(async () => {
    acme = await newActor("Acme");
    globex = await newActor("Globex");
    await addDocuments({ actor: acme, documents: [file("returns.md", RETURNS_GUIDE)] });
    await addDocuments({ actor: globex, documents: [file("secret.md", "# Internal\n\n## Vault\nThe Globex vault code is kept by the night manager.")] });
    await drain();
  });

  it("finds the right section by keyword, by meaning and by error code", async () => {
    const search = (query: string, mode: "keyword" | "vector" | "hybrid") => retrieve({ tenantId: acme.tenant.id, query, embedder, k: 3, mode });
    expect((await search("refunds business days", "keyword")).results[0].headingPath).toBe("Refund timing");
    expect((await search("how long until I get my money back", "vector")).results[0].headingPath).toBe("Refund timing");
    const code = await search("printer says ERR-7781", "hybrid");
    expect(code.results[0]).toMatchObject({ headingPath: "Error codes", exactMatch: true });
    expect(code.results[0].keyword?.rank).toBe(1);
  });

  it("returns k results when the tenant has them, each with its legs' scores", async () => {
    const { results, timings } = await retrieve({ tenantId: acme.tenant.id, query: "returns", embedder, k: 3 });
    expect(results).toHaveLength(3);
    expect(results.every((result) => result.vector !== undefined)).toBe(true);
    expect(timings.totalMs).toBeGreaterThan(0);
  });

  it("never returns another tenant's knowledge", async () => {
    for (const mode of ["keyword", "vector", "hybrid"] as const) {
      const { results } = await retrieve({ tenantId: acme.tenant.id, query: "Globex vault code night manager", embedder, k: 10, mode });
      expect(results.map((result) => result.title)).not.toContain("Internal");
    }
    const listing = await listDocuments({ tenantId: acme.tenant.id });
    expect(listing.documents.map((document) => document.title)).not.toContain("Internal");
    const foreign = (await listDocuments({ tenantId: globex.tenant.id })).documents[0];
    await expect(getDocument({ tenantId: acme.tenant.id, documentId: foreign.id })).rejects.toMatchObject({ status: 404 });
    expect(await deleteDocuments({ actor: acme, documentIds: [foreign.id] })).toBe(0);
  });
});
