import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withTenant } from "../../db/tenant-scope";
import { createTestTenant } from "../../db/testing/fixtures";
import { withScratchDatabase } from "../../db/testing/scratch-database";
import {
  ANSWER_CONFIDENCE_THRESHOLD, BM25_STRONG, BM25_WEAK, BM25_WEIGHT, COVERAGE_STRONG, COVERAGE_WEAK, COVERAGE_WEIGHT,
  SIMILARITY_STRONG, SIMILARITY_WEAK, SIMILARITY_WEIGHT,
} from "../../app/chat/confidence";
import { composeExtractiveAnswer, type ExtractiveAnswer } from "../../app/chat/extractive.server";
import { addDocuments } from "../../app/knowledge/documents.server";
import { createOfflineEmbedder } from "../../app/knowledge/embeddings/offline.server";
import { retrieve, type RetrievedChunk } from "../../app/knowledge/retrieval.server";
import { runPendingJobs } from "../../app/knowledge/worker.server";
import { formatSummary } from "../stats";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RETRIEVAL_EVAL = path.join(HERE, "..", "retrieval-eval");
/** The passages an answer is composed from: what the chat engine passes on. */
const PASSAGES = 5;

interface Question {
  id: string;
  question: string;
  kind: string;
  /** The article (file name without .md) that answers it; absent for the unanswerable set. */
  article?: string;
}

interface Outcome {
  question: Question;
  passages: RetrievedChunk[];
  answer: ExtractiveAnswer;
  /** Articles (file names without .md) of the cited passages, in citation order. */
  citedArticles: string[];
}

const percent = (count: number, total: number) => `${count}/${total}`.padStart(7) + `  ${total ? ((100 * count) / total).toFixed(1) : "-"}%`;

/**
 * `npx tsx bench/answer-eval/evaluate.ts`: ingests the Parcelpoint help centre (bench/retrieval-eval) into a scratch
 * tenant with the offline embedder, retrieves 5 passages (hybrid) for each of its 140 questions and for the
 * questions in unanswerable.json, composes the extractive answer, and prints how many answerable questions were
 * answered, how many unanswerable ones were declined, whether answers cite the right article, and how long composing
 * takes.
 */
export function evaluateAnswers(): Promise<string[]> {
  return withScratchDatabase(async () => {
    const answerable = JSON.parse(fs.readFileSync(path.join(RETRIEVAL_EVAL, "questions.json"), "utf8")) as Question[];
    const unanswerable = JSON.parse(fs.readFileSync(path.join(HERE, "unanswerable.json"), "utf8")) as Question[];
    const embedder = createOfflineEmbedder();
    try {
      // The same ingestion as bench/retrieval-eval/evaluate.ts, which keeps it inside evaluateRetrieval.
      const articlesDir = path.join(RETRIEVAL_EVAL, "articles");
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
      // Ingestion replaces a document's title with the article's own heading, so articles are told apart by file name.
      const documents = await withTenant(tenant.tenantId, (em) =>
        em.execute<{ id: string; file_name: string }[]>(`select id, file_name from knowledge_documents where tenant_id = ?`, [tenant.tenantId]),
      );
      const articleOf = new Map(documents.map((row) => [row.id, row.file_name.replace(/\.md$/, "")]));

      const composeTimes: number[] = [];
      const run = async (question: Question): Promise<Outcome> => {
        const { results: passages } = await retrieve({ tenantId: tenant.tenantId, query: question.question, embedder, k: PASSAGES });
        const started = performance.now();
        const answer = composeExtractiveAnswer({ question: question.question, passages });
        composeTimes.push(performance.now() - started);
        const citedArticles = answer.citedPassages.map((index) => articleOf.get(passages[index - 1].documentId) ?? "?");
        return { question, passages, answer, citedArticles };
      };
      const answerableOutcomes: Outcome[] = [];
      for (const question of answerable) answerableOutcomes.push(await run(question));
      const unanswerableOutcomes: Outcome[] = [];
      for (const question of unanswerable) unanswerableOutcomes.push(await run(question));

      const answered = answerableOutcomes.filter((outcome) => !outcome.answer.declined);
      const leadRight = answered.filter((outcome) => outcome.citedArticles[0] === outcome.question.article);
      const anyRight = answered.filter((outcome) => outcome.citedArticles.includes(outcome.question.article!));
      const retrievedFirst = answered.filter((outcome) => articleOf.get(outcome.passages[0]?.documentId) === outcome.question.article);
      const declined = unanswerableOutcomes.filter((outcome) => outcome.answer.declined);
      const words = answered.map((outcome) => outcome.answer.text.replace(/\[\d+\]/g, "").split(/\s+/).filter(Boolean).length);

      const lines = [
        `corpus: ${files.length} articles; ${answerable.length} answerable and ${unanswerable.length} unanswerable questions; ingestion ${ingestSeconds.toFixed(1)} s; hybrid retrieval, k=${PASSAGES}`,
        `answer when confidence >= ${ANSWER_CONFIDENCE_THRESHOLD}: similarity ${SIMILARITY_WEAK}..${SIMILARITY_STRONG} x${SIMILARITY_WEIGHT}, ` +
          `BM25 ${BM25_WEAK}..${BM25_STRONG} x${BM25_WEIGHT}, sentence coverage ${COVERAGE_WEAK}..${COVERAGE_STRONG} x${COVERAGE_WEIGHT}`,
        "",
        `answerable questions answered        ${percent(answered.length, answerableOutcomes.length)}`,
        ...byKind(answerableOutcomes, (outcome) => !outcome.answer.declined),
        `unanswerable questions declined      ${percent(declined.length, unanswerableOutcomes.length)}`,
        ...byKind(unanswerableOutcomes, (outcome) => outcome.answer.declined),
        `answered from the right article`,
        `    first citation                   ${percent(leadRight.length, answered.length)}`,
        `    any citation                     ${percent(anyRight.length, answered.length)}`,
        `    (retrieval's own rank 1)         ${percent(retrievedFirst.length, answered.length)}`,
        `answer length: median ${median(words)} words, at most ${Math.max(...words)}; ` +
          `${answered.filter((outcome) => outcome.answer.citedPassages.length > 1).length} answers cite more than one passage`,
        formatSummary("composeExtractiveAnswer", composeTimes),
        "",
        "unanswerable questions answered:",
        ...unanswerableOutcomes
          .filter((outcome) => !outcome.answer.declined)
          .map((outcome) => `    ${outcome.question.id} (${outcome.answer.confidence.toFixed(2)}) ${outcome.question.question}`),
      ];
      return lines;
    } finally {
      await embedder.close();
    }
  });
}

function byKind(outcomes: Outcome[], counts: (outcome: Outcome) => boolean): string[] {
  const kinds = [...new Set(outcomes.map((outcome) => outcome.question.kind))];
  return kinds.map((kind) => {
    const subset = outcomes.filter((outcome) => outcome.question.kind === kind);
    return `    ${kind.padEnd(32)} ${percent(subset.filter(counts).length, subset.length)}`;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const line of await evaluateAnswers()) console.log(line);
}
