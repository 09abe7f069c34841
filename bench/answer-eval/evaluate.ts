import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withTenant } from "../../db/tenant-scope";
import { createTestTenant } from "../../db/testing/fixtures";
import { withScratchDatabase } from "../../db/testing/scratch-database";
import {
  ANSWER_CONFIDENCE_THRESHOLD, COVERAGE_STRONG, COVERAGE_WEAK, COVERAGE_WEIGHT, KEYWORD_SHARE_STRONG, KEYWORD_SHARE_WEAK,
  KEYWORD_WEIGHT, SIMILARITY_STRONG, SIMILARITY_WEAK, SIMILARITY_WEIGHT,
} from "../../app/chat/confidence";
import { composeExtractiveAnswer, type ExtractiveAnswer } from "../../app/chat/extractive.server";
import { addDocuments } from "../../app/knowledge/documents.server";
import type { EmbeddingProvider } from "../../app/knowledge/embeddings/provider";
import { createOfflineEmbedder } from "../../app/knowledge/embeddings/offline.server";
import { retrieve, type RetrievedChunk } from "../../app/knowledge/retrieval.server";
import { runPendingJobs } from "../../app/knowledge/worker.server";
import { formatSummary } from "../stats";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RETRIEVAL_EVAL = path.join(HERE, "..", "retrieval-eval");
const SMALL_TENANT = path.join(HERE, "small-tenant");
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

/** A help centre loaded into a tenant of its own, with the questions to ask it. */
interface EvaluationSet {
  name: string;
  articlesDir: string;
  /** Article file names (with .md). */
  files: string[];
  answerable: Question[];
  unanswerable: Question[];
}

interface SetOutcomes {
  answerable: Outcome[];
  unanswerable: Outcome[];
  ingestSeconds: number;
  /** Milliseconds per composeExtractiveAnswer call. */
  composeTimes: number[];
  articleOf: Map<string, string>;
}

const percent = (count: number, total: number) => `${count}/${total}`.padStart(7) + `  ${total ? ((100 * count) / total).toFixed(1) : "-"}%`;

/**
 * `npx tsx bench/answer-eval/evaluate.ts`: ingests each help centre into a scratch tenant of its own with the offline
 * embedder, retrieves 5 passages (hybrid) for each question, composes the extractive answer, and prints how many
 * answerable questions were answered and how many unanswerable ones were declined. The sets:
 * - Parcelpoint (bench/retrieval-eval: 42 articles, 140 questions, and the questions in unanswerable.json), with
 *   whether answers cite the right article and how long composing takes;
 * - a small shop (small-tenant/: three short articles and their questions), the size of a new tenant, where BM25
 *   scores are a fraction of Parcelpoint's;
 * - the small shop's returns article alone, a tenant's very first upload: questions about the other articles
 *   become ones it cannot answer.
 */
export function evaluateAnswers(): Promise<string[]> {
  return withScratchDatabase(async () => {
    const read = <T>(file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as T;
    const articlesDir = path.join(RETRIEVAL_EVAL, "articles");
    const parcelpoint: EvaluationSet = {
      name: "Parcelpoint",
      articlesDir,
      files: fs.readdirSync(articlesDir).filter((name) => name.endsWith(".md")).sort(),
      answerable: read<Question[]>(path.join(RETRIEVAL_EVAL, "questions.json")),
      unanswerable: read<Question[]>(path.join(HERE, "unanswerable.json")),
    };
    const small = read<{ answerable: Question[]; unanswerable: Question[] }>(path.join(SMALL_TENANT, "questions.json"));
    const smallShop: EvaluationSet = {
      name: "Small shop",
      articlesDir: SMALL_TENANT,
      files: fs.readdirSync(SMALL_TENANT).filter((name) => name.endsWith(".md")).sort(),
      ...small,
    };
    const firstArticle = "returns";
    const firstUpload: EvaluationSet = {
      name: "Small shop, returns article only",
      articlesDir: SMALL_TENANT,
      files: [`${firstArticle}.md`],
      answerable: small.answerable.filter((question) => question.article === firstArticle),
      unanswerable: [
        ...small.answerable.filter((question) => question.article !== firstArticle).map((question) => ({ ...question, kind: "other article" })),
        ...small.unanswerable,
      ],
    };

    const embedder = createOfflineEmbedder();
    try {
      const outcomes = await evaluateSet(parcelpoint, embedder);
      const lines = [
        `answer when confidence >= ${ANSWER_CONFIDENCE_THRESHOLD}: similarity ${SIMILARITY_WEAK}..${SIMILARITY_STRONG} x${SIMILARITY_WEIGHT}, ` +
          `keyword share ${KEYWORD_SHARE_WEAK}..${KEYWORD_SHARE_STRONG} x${KEYWORD_WEIGHT}, sentence coverage ${COVERAGE_WEAK}..${COVERAGE_STRONG} x${COVERAGE_WEIGHT}`,
        "",
        ...parcelpointReport(parcelpoint, outcomes),
      ];
      for (const set of [smallShop, firstUpload]) lines.push("", ...smallReport(set, await evaluateSet(set, embedder)));
      return lines;
    } finally {
      await embedder.close();
    }
  });
}

async function evaluateSet(set: EvaluationSet, embedder: EmbeddingProvider): Promise<SetOutcomes> {
  // The same ingestion as bench/retrieval-eval/evaluate.ts, which keeps it inside evaluateRetrieval.
  const tenant = await createTestTenant(set.name);
  const actor = { id: tenant.ownerId, tenant: { id: tenant.tenantId, name: set.name, slug: "" } };
  await addDocuments({
    actor,
    documents: set.files.map((name) => ({ title: name, sourceType: "file", fileName: name, source: fs.readFileSync(path.join(set.articlesDir, name)) })),
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
  const answerable: Outcome[] = [];
  for (const question of set.answerable) answerable.push(await run(question));
  const unanswerable: Outcome[] = [];
  for (const question of set.unanswerable) unanswerable.push(await run(question));
  return { answerable, unanswerable, ingestSeconds, composeTimes, articleOf };
}

function parcelpointReport(set: EvaluationSet, { answerable, unanswerable, ingestSeconds, composeTimes, articleOf }: SetOutcomes): string[] {
  const answered = answerable.filter((outcome) => !outcome.answer.declined);
  const leadRight = answered.filter((outcome) => outcome.citedArticles[0] === outcome.question.article);
  const anyRight = answered.filter((outcome) => outcome.citedArticles.includes(outcome.question.article!));
  const retrievedFirst = answered.filter((outcome) => articleOf.get(outcome.passages[0]?.documentId) === outcome.question.article);
  const declined = unanswerable.filter((outcome) => outcome.answer.declined);
  const words = answered.map((outcome) => outcome.answer.text.replace(/\[\d+\]/g, "").split(/\s+/).filter(Boolean).length);
  return [
    `${set.name}: ${set.files.length} articles; ${answerable.length} answerable and ${unanswerable.length} unanswerable questions; ingestion ${ingestSeconds.toFixed(1)} s; hybrid retrieval, k=${PASSAGES}`,
    `answerable questions answered        ${percent(answered.length, answerable.length)}`,
    ...byKind(answerable, (outcome) => !outcome.answer.declined),
    `unanswerable questions declined      ${percent(declined.length, unanswerable.length)}`,
    ...byKind(unanswerable, (outcome) => outcome.answer.declined),
    `answered from the right article`,
    `    first citation                   ${percent(leadRight.length, answered.length)}`,
    `    any citation                     ${percent(anyRight.length, answered.length)}`,
    `    (retrieval's own rank 1)         ${percent(retrievedFirst.length, answered.length)}`,
    `answer length: median ${median(words)} words, at most ${Math.max(...words)}; ` +
      `${answered.filter((outcome) => outcome.answer.citedPassages.length > 1).length} answers cite more than one passage`,
    formatSummary("composeExtractiveAnswer", composeTimes),
    "",
    "unanswerable questions answered:",
    ...unanswerable.filter((outcome) => !outcome.answer.declined).map(describe),
  ];
}

/** A small set: every misjudged question is listed, since each is several percent of the figure. */
function smallReport(set: EvaluationSet, { answerable, unanswerable }: SetOutcomes): string[] {
  const answered = answerable.filter((outcome) => !outcome.answer.declined);
  const declined = unanswerable.filter((outcome) => outcome.answer.declined);
  const misjudged = [...answerable.filter((outcome) => outcome.answer.declined), ...unanswerable.filter((outcome) => !outcome.answer.declined)];
  return [
    `${set.name}: ${set.files.length} article${set.files.length === 1 ? "" : "s"}; ${answerable.length} answerable and ${unanswerable.length} unanswerable questions`,
    `answerable questions answered        ${percent(answered.length, answerable.length)}`,
    `unanswerable questions declined      ${percent(declined.length, unanswerable.length)}`,
    ...(misjudged.length ? ["misjudged:", ...misjudged.map(describe)] : []),
  ];
}

const describe = (outcome: Outcome) =>
  `    ${outcome.question.id} (${outcome.answer.confidence.toFixed(2)}, ${outcome.answer.declined ? "declined" : "answered"}) ${outcome.question.question}`;

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
