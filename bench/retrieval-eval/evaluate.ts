import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import bm25 from "wink-bm25-text-search";
import nlp from "wink-nlp-utils";
import { withTenant } from "../../db/tenant-scope";
import { createTestTenant } from "../../db/testing/fixtures";
import { withScratchDatabase } from "../../db/testing/scratch-database";
import { addDocuments } from "../../app/knowledge/documents.server";
import { createOfflineEmbedder } from "../../app/knowledge/embeddings/offline.server";
import { searchableText } from "../../app/knowledge/ingest.server";
import { DEFAULT_VECTOR_WEIGHT, retrieve, type FusionMethod, type RetrievalMode } from "../../app/knowledge/retrieval.server";
import { runPendingJobs } from "../../app/knowledge/worker.server";
import { formatSummary } from "../stats";
import { rankingMetrics, type QueryOutcome } from "./metrics";

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface Question {
  id: string;
  question: string;
  article: string;
  section: string;
  kind: string;
}

interface ChunkRow {
  id: string;
  file_name: string;
  heading_path: string;
  title: string;
  content: string;
}

const isRelevant = (chunk: ChunkRow | undefined, question: Question) =>
  !!chunk && chunk.file_name === `${question.article}.md` && chunk.heading_path.split(" > ").includes(question.section);

/** A textbook BM25 (wink-bm25-text-search: lower-case, stop words, Porter stemmer) over the same chunk texts. */
function plainBm25(chunks: ChunkRow[]) {
  const engine = bm25();
  engine.defineConfig({ fldWeights: { body: 1 } });
  engine.definePrepTasks([nlp.string.lowerCase, nlp.string.removeExtraSpaces, nlp.string.tokenize0, nlp.tokens.removeWords, nlp.tokens.stem]);
  chunks.forEach((chunk) => engine.addDoc({ body: searchableText(chunk.title, chunk.heading_path, chunk.content) }, chunk.id));
  engine.consolidate();
  return (query: string) => (engine.search(query, 10) as [string, number][]).map(([id]) => id);
}

/**
 * `npm run eval:retrieval`: ingests the Parcelpoint help centre into a scratch tenant with the
 * offline embedder and prints hit@1, hit@5, MRR and nDCG@10 per retrieval method.
 */
export function evaluateRetrieval(): Promise<string[]> {
  return withScratchDatabase(async () => {
    const articlesDir = path.join(HERE, "articles");
    const questions = JSON.parse(fs.readFileSync(path.join(HERE, "questions.json"), "utf8")) as Question[];
    const embedder = createOfflineEmbedder();
    try {
      const tenant = await createTestTenant("Parcelpoint");
      const actor = { id: tenant.ownerId, tenant: { id: tenant.tenantId, name: "Parcelpoint", slug: "parcelpoint" } };
      const files = fs.readdirSync(articlesDir).filter((name) => name.endsWith(".md")).sort();
      await addDocuments({
        actor,
        documents: files.map((name) => ({ title: name, sourceType: "file", fileName: name, source: fs.readFileSync(path.join(articlesDir, name)) })),
      });
      const ingestStarted = performance.now();
      await runPendingJobs({ embedder });
      const ingestSeconds = (performance.now() - ingestStarted) / 1000;

      const chunks = await withTenant(tenant.tenantId, (em) =>
        em.execute<ChunkRow[]>(
          `select c.id, d.file_name, c.heading_path, d.title, c.content
             from knowledge_chunks c join knowledge_documents d on d.id = c.document_id where c.tenant_id = ?`,
          [tenant.tenantId],
        ),
      );
      const byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
      const totalRelevant = (question: Question) => chunks.filter((chunk) => isRelevant(chunk, question)).length;
      const unanswerable = questions.filter((question) => totalRelevant(question) === 0);

      const lines = [
        `corpus: ${files.length} articles, ${chunks.length} chunks, ${questions.length} questions (${unanswerable.length} with no matching section); ingestion ${ingestSeconds.toFixed(1)} s`,
        "",
        `${"method".padEnd(26)} hit@1   hit@5   MRR     nDCG@10  latency`,
      ];
      const report = (label: string, outcomes: QueryOutcome[], timings: number[]) => {
        const m = rankingMetrics(outcomes);
        const f = (value: number) => value.toFixed(3).padEnd(8);
        lines.push(`${label.padEnd(26)} ${f(m.hitAt1)}${f(m.hitAt5)}${f(m.mrr)}${f(m.ndcgAt10)} ${formatSummary("", timings).trim()}`);
        return m;
      };

      const plain = plainBm25(chunks);
      const plainTimes: number[] = [];
      report(
        "plain BM25 (wink)",
        questions.map((question) => {
          const started = performance.now();
          const ids = plain(question.question);
          plainTimes.push(performance.now() - started);
          return { relevant: ids.map((id) => isRelevant(byId.get(id), question)), totalRelevant: totalRelevant(question) };
        }),
        plainTimes,
      );

      const methods: { label: string; mode: RetrievalMode; fusion?: FusionMethod; vectorWeight?: number }[] = [
        { label: "keyword (BM25 in SQL)", mode: "keyword" },
        { label: "vector (use-lite-512)", mode: "vector" },
        { label: "hybrid, RRF", mode: "hybrid", fusion: "rrf" },
        ...[0.2, 0.3, 0.4, 0.5, 0.6].map((vectorWeight) => ({
          label: `hybrid, weighted ${vectorWeight}${vectorWeight === DEFAULT_VECTOR_WEIGHT ? " *" : ""}`,
          mode: "hybrid" as const,
          fusion: "weighted" as const,
          vectorWeight,
        })),
      ];
      const kinds = [...new Set(questions.map((question) => question.kind))];
      for (const method of methods) {
        const outcomes: (QueryOutcome & { kind: string })[] = [];
        const timings: number[] = [];
        for (const question of questions) {
          const { results, timings: t } = await retrieve({ tenantId: tenant.tenantId, query: question.question, embedder, k: 10, ...method });
          timings.push(t.totalMs);
          outcomes.push({ kind: question.kind, relevant: results.map((result) => isRelevant(byId.get(result.chunkId), question)), totalRelevant: totalRelevant(question) });
        }
        report(method.label, outcomes, timings);
        for (const kind of kinds) {
          const subset = outcomes.filter((outcome) => outcome.kind === kind);
          const m = rankingMetrics(subset);
          lines.push(`    ${kind.padEnd(16)} n=${String(subset.length).padEnd(4)} hit@1 ${m.hitAt1.toFixed(2)}  hit@5 ${m.hitAt5.toFixed(2)}  MRR ${m.mrr.toFixed(2)}`);
        }
      }
      return lines;
    } finally {
      await embedder.close();
    }
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const line of await evaluateRetrieval()) console.log(line);
}
