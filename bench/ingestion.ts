import fs from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { withTenant } from "../db/tenant-scope";
import { createTestTenant } from "../db/testing/fixtures";
import { withScratchDatabase } from "../db/testing/scratch-database";
import { addDocuments } from "../app/knowledge/documents.server";
import { createOfflineEmbedder } from "../app/knowledge/embeddings/offline.server";
import { searchableText } from "../app/knowledge/ingest.server";
import { runPendingJobs } from "../app/knowledge/worker.server";
import { formatSummary } from "./stats";

const ARTICLES = path.resolve("bench/retrieval-eval/articles");

/**
 * The pipeline's overhead: chunks/s through upload -> job -> parse -> chunk -> embed -> store,
 * against the offline embedder alone on the very same texts, with the server's responsiveness
 * (event-loop delay, a concurrent query's latency) measured while ingestion runs.
 */
export function benchIngestion(): Promise<string[]> {
  return withScratchDatabase(async () => {
    const embedder = createOfflineEmbedder();
    try {
      const tenant = await createTestTenant("Ingestion bench");
      const actor = { id: tenant.ownerId, tenant: { id: tenant.tenantId, name: "", slug: "" } };
      const files = fs.readdirSync(ARTICLES).filter((name) => name.endsWith(".md")).sort();
      await embedder.embed(["warm up the model"]);

      await addDocuments({
        actor,
        documents: files.map((name) => ({ title: name, sourceType: "file" as const, fileName: name, source: fs.readFileSync(path.join(ARTICLES, name)) })),
      });
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      const queryLatencies: number[] = [];
      let ingesting = true;
      const probe = (async () => {
        while (ingesting) {
          const started = performance.now();
          await withTenant(tenant.tenantId, (em) => em.execute("select count(*) from knowledge_documents"));
          queryLatencies.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      loopDelay.enable();
      const pipelineStarted = performance.now();
      await runPendingJobs({ embedder });
      const pipelineSeconds = (performance.now() - pipelineStarted) / 1000;
      loopDelay.disable();
      ingesting = false;
      await probe;

      const chunks = await withTenant(tenant.tenantId, (em) =>
        em.execute<{ title: string; heading_path: string; content: string }[]>(
          `select d.title, c.heading_path, c.content from knowledge_chunks c join knowledge_documents d on d.id = c.document_id where c.tenant_id = ? order by d.id, c.position`,
          [tenant.tenantId],
        ),
      );
      const texts = chunks.map((chunk) => searchableText(chunk.title, chunk.heading_path, chunk.content));
      const embedStarted = performance.now();
      await embedder.embed(texts);
      const embedSeconds = (performance.now() - embedStarted) / 1000;

      const pipelineRate = chunks.length / pipelineSeconds;
      const embedderRate = chunks.length / embedSeconds;
      return [
        `${files.length} documents, ${chunks.length} chunks, offline embedder with 1 worker thread`,
        `pipeline (job, parse, chunk, embed, store):  ${pipelineRate.toFixed(1)} chunks/s (${pipelineSeconds.toFixed(1)} s)`,
        `embedder alone on the same texts:            ${embedderRate.toFixed(1)} chunks/s (${embedSeconds.toFixed(1)} s)`,
        `pipeline / embedder:                         ${((pipelineRate / embedderRate) * 100).toFixed(0)} %`,
        `event-loop delay while ingesting: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
        formatSummary("tenant query latency while ingesting", queryLatencies),
      ];
    } finally {
      await embedder.close();
    }
  });
}
