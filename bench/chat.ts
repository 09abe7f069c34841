import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { RATE_LIMITS } from "../app/chat/widget-endpoint.server";
import { embeddingProviderFromEnv } from "../app/knowledge/embeddings/index.server";
import { AiPersonality, Widget } from "../db/entities";
import { withTenant } from "../db/tenant-scope";
import { withScratchDatabase } from "../db/testing/scratch-database";
import { budgetViolations, HANDOFF_BUDGET_GZIP_BYTES, LOADER_BUDGET_GZIP_BYTES, measureWidgetSizes, TOTAL_BUDGET_GZIP_BYTES } from "../widget/sizes";
import { serveBuiltApp } from "./chat/app-server";
import { startFakeProvider } from "./chat/fake-provider";
import { buildKnowledgeTenant, parcelpointQuestions } from "./chat/knowledge-tenant";
import { WidgetVisitor, type Turn } from "./chat/widget-client";
import { createRandom, type Random } from "./retrieval-scale/data";
import { formatSummary, summarize } from "./stats";

/**
 * The chat issue's figures, against the built app (build/index.js) served by Express in this
 * process on a scratch embedded database, over real HTTP on 127.0.0.1, as the widget talks to it.
 *
 * 1. sizes:  widget.js, widget-chat.js and widget-handoff.js built in memory and gzipped (widget/sizes.ts).
 * 2. ttft:   offline engine, a tenant of 10,000 chunks (the 42 Parcelpoint articles ingested as
 *            usual, synthetic filler for the rest). One question at a time, Parcelpoint questions
 *            in a shuffled order, a new session (and visitor address) every 10 questions; 20
 *            warm-up questions, then 200 timed from just before the POST /messages is sent to the
 *            arrival of the first `token` event (and of `done`).
 * 3. remote: the same, with a personality on provider openai-compatible (knowledgeOnly off, so the
 *            model is always called) and CHAT_API_BASE_URL pointing at a fake OpenAI-compatible
 *            server in this process: timed from just before the POST to the moment the fake server
 *            has the request's headers, i.e. all our work before the provider call.
 * 4. load:   50 visitors arriving over the first 5 s; each starts a session, then asks, reads the
 *            stream to `done`, thinks 3-8 s, and repeats until the time is up (in-flight answers
 *            finish). A visitor that would send a 13th message within a minute waits instead: the
 *            per-session limit (12/min) is the app working as intended, not a failure under load.
 *            Errors: any non-200, `error` event or stream without `done`. Lost messages: counted
 *            in the database afterwards, against the questions the app accepted (HTTP 200).
 *
 * The client runs in the same process as the server and the embedded database, so under load its
 * timings include waiting for the event loop, as a browser's would include waiting for the server.
 *
 * CHAT_BENCH_PARTS=sizes,ttft,remote,load picks parts (default all); CHAT_BENCH_SECONDS sets the
 * load duration (60); CHAT_BENCH_CHUNKS the tenant's size (10000).
 */

const PARTS = ["sizes", "ttft", "remote", "load"] as const;
type Part = (typeof PARTS)[number];

const TENANT_CHUNKS = Number(process.env.CHAT_BENCH_CHUNKS ?? 10_000);
const LOAD_SECONDS = Number(process.env.CHAT_BENCH_SECONDS ?? 60);
const WARM_UP_QUESTIONS = 20;
const TIMED_QUESTIONS = 200;
/** Under the per-session limit of 12 a minute, even when answers come fast. */
const QUESTIONS_PER_SESSION = 10;
const TTFT_TARGET_P95_MS = 150;
const REMOTE_OVERHEAD_TARGET_P95_MS = 50;
const VISITORS = 50;
const ARRIVAL_SPREAD_MS = 5_000;
const THINK_MIN_MS = 3_000;
const THINK_MAX_MS = 8_000;
/** The server's fixed window starts when it counts the first message, a little after the client sent it. */
const SESSION_WINDOW_MS = 60_000 + 2_000;
const LOOP_SAMPLING_MS = 10;
const SEED = 20261125;
const REMOTE_ANSWER = ["You can ", "track your parcel ", "from the Parcels page ", "in the app [1]."];

function selectedParts(): Set<Part> {
  const requested = (process.env.CHAT_BENCH_PARTS ?? PARTS.join(",")).split(",").map((part) => part.trim()).filter(Boolean);
  const unknown = requested.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length) throw new Error(`CHAT_BENCH_PARTS: unknown ${unknown.join(", ")}; choose from ${PARTS.join(", ")}`);
  return new Set(requested as Part[]);
}

const verdict = (value: number, limit: number) => (value <= limit ? "met" : "MISSED");

export async function benchChat(): Promise<string[]> {
  const parts = selectedParts();
  const lines: string[] = [];
  if (parts.has("sizes")) lines.push(...(await widgetSizeFigures()));
  if (parts.has("ttft") || parts.has("remote") || parts.has("load")) lines.push(...(await withScratchDatabase(() => conversationFigures(parts))));
  return lines;
}

async function widgetSizeFigures(): Promise<string[]> {
  const sizes = await measureWidgetSizes();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
  return [
    `widget size, gzipped: loader widget.js ${kb(sizes.loaderGzipBytes)} (budget ${kb(LOADER_BUDGET_GZIP_BYTES)}: ${verdict(sizes.loaderGzipBytes, LOADER_BUDGET_GZIP_BYTES)}), ` +
      `widget-chat.js ${kb(sizes.chatGzipBytes)}, whole ${kb(sizes.totalGzipBytes)} (budget ${kb(TOTAL_BUDGET_GZIP_BYTES)}: ${verdict(sizes.totalGzipBytes, TOTAL_BUDGET_GZIP_BYTES)}), ` +
      `on demand widget-handoff.js ${kb(sizes.handoffGzipBytes)} (budget ${kb(HANDOFF_BUDGET_GZIP_BYTES)}: ${verdict(sizes.handoffGzipBytes, HANDOFF_BUDGET_GZIP_BYTES)})`,
    ...budgetViolations(sizes).map((violation) => `  over budget: ${violation}`),
  ];
}

interface BenchWidgets {
  offline: string;
  remote: string;
}

/** Two widgets of the tenant: one on the default (offline) personality, one on a remote model that is always asked. */
async function createWidgets(tenantId: string): Promise<BenchWidgets> {
  const suffix = Date.now().toString(36);
  const widgets = { offline: `wgt_bench_offline_${suffix}`, remote: `wgt_bench_remote_${suffix}` };
  await withTenant(tenantId, async (em) => {
    const offline = em.create(AiPersonality, { tenant: tenantId, name: "Parcelpoint assistant", isDefault: true });
    const remote = em.create(AiPersonality, {
      tenant: tenantId,
      name: "Parcelpoint on a remote model",
      provider: "openai-compatible",
      model: "bench-model",
      knowledgeOnly: false,
    });
    em.create(Widget, { tenant: tenantId, name: "Help centre", publicId: widgets.offline, personality: offline });
    em.create(Widget, { tenant: tenantId, name: "Help centre (remote model)", publicId: widgets.remote, personality: remote });
  });
  return widgets;
}

function shuffled<T>(items: T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

type NewVisitor = (publicId: string) => WidgetVisitor;

/** Asks the questions one after another, each session taking QUESTIONS_PER_SESSION of them. */
async function askOneAtATime(newVisitor: NewVisitor, publicId: string, questions: string[], afterEach?: (turn: Turn) => void): Promise<Turn[]> {
  const turns: Turn[] = [];
  let visitor: WidgetVisitor | undefined;
  for (const [index, question] of questions.entries()) {
    if (index % QUESTIONS_PER_SESSION === 0) {
      visitor = newVisitor(publicId);
      await visitor.startSession();
    }
    const turn = await visitor!.ask(question);
    afterEach?.(turn);
    turns.push(turn);
  }
  return turns;
}

function failureLines(turns: Turn[]): string[] {
  const failures = new Map<string, number>();
  for (const turn of turns) if (turn.failure) failures.set(turn.failure, (failures.get(turn.failure) ?? 0) + 1);
  return [...failures].map(([failure, count]) => `  failed: ${count} x ${failure}`);
}

function outcomeLine(turns: Turn[]): string {
  const completed = turns.filter((turn) => turn.done);
  const count = (reason: Turn["handoff"]) => completed.filter((turn) => turn.handoff === reason).length;
  return `  outcomes: ${count(null)} answered, ${count("low_confidence")} low confidence (answer + offer of a person), ${count("not_covered")} not covered (fallback message), of ${completed.length} completed`;
}

const timed = (turns: Turn[], pick: (turn: Turn) => number | null) => turns.filter((turn) => !turn.failure).map(pick).filter((ms): ms is number => ms !== null);

async function conversationFigures(parts: Set<Part>): Promise<string[]> {
  const embedder = embeddingProviderFromEnv(process.env);
  const knowledge = await buildKnowledgeTenant({ totalChunks: TENANT_CHUNKS, embedder });
  const lines = [
    `tenant: ${TENANT_CHUNKS.toLocaleString("en-US")} chunks = ${knowledge.articleChunks} from the 42 Parcelpoint articles (ingested in ${knowledge.ingestSeconds.toFixed(1)} s) + ${knowledge.fillerChunks.toLocaleString("en-US")} synthetic (bulk-loaded in ${knowledge.fillerSeconds.toFixed(1)} s)`,
  ];
  const widgets = await createWidgets(knowledge.tenantId);
  const app = await serveBuiltApp();
  // Each visitor its own address in 198.18.0.0/15 (set aside for benchmarks), so per-address limits count per visitor.
  let visitors = 0;
  const newVisitor: NewVisitor = (publicId) => {
    const n = visitors++;
    return new WidgetVisitor(app.baseUrl, publicId, `198.18.${n >> 8}.${n & 255}`);
  };
  const random = createRandom(SEED);
  const questions = parcelpointQuestions().map((question) => question.question);
  const order = shuffled(questions, random);
  const sequence = Array.from({ length: WARM_UP_QUESTIONS + TIMED_QUESTIONS }, (_, i) => order[i % order.length]);
  try {
    if (parts.has("ttft")) lines.push(...(await offlineTimeToFirstToken(newVisitor, widgets.offline, sequence)));
    if (parts.has("remote")) lines.push(...(await remoteOverhead(newVisitor, widgets.remote, sequence)));
    if (parts.has("load")) lines.push(...(await concurrentVisitors(newVisitor, widgets.offline, knowledge.tenantId, questions, random)));
  } finally {
    await app.close();
  }
  return lines;
}

async function offlineTimeToFirstToken(newVisitor: NewVisitor, publicId: string, sequence: string[]): Promise<string[]> {
  await askOneAtATime(newVisitor, publicId, sequence.slice(0, WARM_UP_QUESTIONS));
  const turns = await askOneAtATime(newVisitor, publicId, sequence.slice(WARM_UP_QUESTIONS));
  const firstToken = timed(turns, (turn) => turn.firstTokenMs);
  return [
    `time to first token, offline engine, one question at a time (${TIMED_QUESTIONS} after ${WARM_UP_QUESTIONS} warm-up):`,
    formatSummary("  POST /messages -> first token event", firstToken),
    formatSummary("  POST /messages -> done event", timed(turns, (turn) => turn.doneMs)),
    `  target p95 <= ${TTFT_TARGET_P95_MS} ms: ${verdict(summarize(firstToken).p95, TTFT_TARGET_P95_MS)}`,
    outcomeLine(turns),
    ...failureLines(turns),
  ];
}

async function remoteOverhead(newVisitor: NewVisitor, publicId: string, sequence: string[]): Promise<string[]> {
  const provider = await startFakeProvider(REMOTE_ANSWER);
  const previousBaseUrl = process.env.CHAT_API_BASE_URL;
  process.env.CHAT_API_BASE_URL = provider.baseUrl;
  try {
    await askOneAtATime(newVisitor, publicId, sequence.slice(0, WARM_UP_QUESTIONS));
    const overheads: number[] = [];
    let unexpectedCalls = 0;
    let providerCalls = provider.arrivals.length;
    // Questions go one at a time, so the provider's next request is the one this question caused.
    const turns = await askOneAtATime(newVisitor, publicId, sequence.slice(WARM_UP_QUESTIONS), (turn) => {
      if (provider.arrivals.length !== providerCalls + 1) unexpectedCalls++;
      else if (!turn.failure) overheads.push(provider.arrivals[providerCalls] - turn.sentAt);
      providerCalls = provider.arrivals.length;
    });
    return [
      `remote model overhead, openai-compatible personality, fake provider on 127.0.0.1 (${TIMED_QUESTIONS} after ${WARM_UP_QUESTIONS} warm-up):`,
      formatSummary("  POST /messages -> provider has the request", overheads),
      formatSummary("  POST /messages -> first token event", timed(turns, (turn) => turn.firstTokenMs)),
      formatSummary("  POST /messages -> done event", timed(turns, (turn) => turn.doneMs)),
      `  target p95 <= ${REMOTE_OVERHEAD_TARGET_P95_MS} ms: ${verdict(summarize(overheads).p95, REMOTE_OVERHEAD_TARGET_P95_MS)}` +
        (unexpectedCalls ? `; ${unexpectedCalls} questions did not make exactly one provider call` : ""),
      ...failureLines(turns),
    ];
  } finally {
    if (previousBaseUrl === undefined) delete process.env.CHAT_API_BASE_URL;
    else process.env.CHAT_API_BASE_URL = previousBaseUrl;
    await provider.close();
  }
}

/** How long to wait so that this session's next message stays within RATE_LIMITS.messagesPerSession. */
function waitForSessionLimit(sentAt: number[], now: number): number {
  const recent = sentAt.filter((at) => at > now - SESSION_WINDOW_MS);
  if (recent.length < RATE_LIMITS.messagesPerSession) return 0;
  return recent[recent.length - RATE_LIMITS.messagesPerSession] + SESSION_WINDOW_MS - now;
}

async function concurrentVisitors(newVisitor: NewVisitor, publicId: string, tenantId: string, questions: string[], random: Random): Promise<string[]> {
  const turns: Turn[] = [];
  const sessionFailures: string[] = [];
  let pacedForLimit = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLING_MS });
  loopDelay.enable();
  const started = performance.now();
  const deadline = started + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: VISITORS }, async () => {
      await sleep(random.next() * ARRIVAL_SPREAD_MS);
      const visitor = newVisitor(publicId);
      try {
        await visitor.startSession();
      } catch (error) {
        sessionFailures.push(error instanceof Error ? error.message : String(error));
        return;
      }
      const sentAt: number[] = [];
      while (performance.now() < deadline) {
        const wait = waitForSessionLimit(sentAt, performance.now());
        if (wait > 0) {
          pacedForLimit++;
          if (performance.now() + wait >= deadline) break;
          await sleep(wait);
        }
        sentAt.push(performance.now());
        turns.push(await visitor.ask(questions[random.int(questions.length)]));
        const think = THINK_MIN_MS + random.next() * (THINK_MAX_MS - THINK_MIN_MS);
        await sleep(Math.min(think, Math.max(0, deadline - performance.now())));
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  loopDelay.disable();

  const accepted = turns.filter((turn) => turn.status === 200);
  const errors = turns.filter((turn) => turn.failure);
  const stored = await storedMessages(tenantId, turns);
  const acceptedBy = new Map<string, number>();
  for (const turn of accepted) acceptedBy.set(turn.conversationId, (acceptedBy.get(turn.conversationId) ?? 0) + 1);
  let lostVisitorMessages = 0;
  let lostReplies = 0;
  for (const [conversationId, count] of acceptedBy) {
    lostVisitorMessages += Math.max(0, count - (stored.byConversation.get(conversationId)?.visitor ?? 0));
    lostReplies += Math.max(0, count - (stored.byConversation.get(conversationId)?.assistant ?? 0));
  }
  const doneIds = turns.map((turn) => turn.done?.messageId).filter((id): id is string => !!id);
  // The histogram holds whole sampling intervals: the delay is what exceeds the interval.
  const delayMs = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_SAMPLING_MS).toFixed(1);
  return [
    `load: ${VISITORS} visitors for ${LOAD_SECONDS} s (sessions opened over ${ARRIVAL_SPREAD_MS / 1000} s, think ${THINK_MIN_MS / 1000}-${THINK_MAX_MS / 1000} s), offline engine; ended after ${elapsedSeconds.toFixed(1)} s:`,
    `  messages sent ${turns.length} (${(turns.length / elapsedSeconds).toFixed(2)}/s), accepted (HTTP 200) ${accepted.length}, errors ${errors.length}` +
      (sessionFailures.length ? `, sessions that failed to start ${sessionFailures.length} (${sessionFailures[0]})` : "") +
      `; visitors held back to stay under ${RATE_LIMITS.messagesPerSession}/min/session: ${pacedForLimit} times`,
    ...failureLines(turns),
    `  lost: ${lostVisitorMessages} visitor messages, ${lostReplies} assistant replies (stored ${stored.visitor} visitor messages and ${stored.assistant} replies for ${accepted.length} accepted questions); ` +
      `done ids found in the database ${stored.doneIdsFound} of ${doneIds.length}`,
    formatSummary("  under load: POST /messages -> first token", timed(turns, (turn) => turn.firstTokenMs)),
    formatSummary("  under load: POST /messages -> done", timed(turns, (turn) => turn.doneMs)),
    `  event-loop delay (beyond the ${LOOP_SAMPLING_MS} ms sampling interval): p50 ${delayMs(loopDelay.percentile(50))} ms, p99 ${delayMs(loopDelay.percentile(99))} ms, max ${delayMs(loopDelay.max)} ms`,
    outcomeLine(turns),
  ];
}

/** What the database holds for these turns' conversations, and whether each `done` names a stored reply. */
async function storedMessages(tenantId: string, turns: Turn[]) {
  const conversationIds = JSON.stringify([...new Set(turns.map((turn) => turn.conversationId))]);
  const doneIds = JSON.stringify(turns.map((turn) => turn.done?.messageId).filter((id): id is string => !!id));
  return withTenant(tenantId, async (em) => {
    const rows = await em.execute<{ conversation_id: string; visitor: number; assistant: number }[]>(
      `select conversation_id, count(*) filter (where role = 'visitor')::int as visitor, count(*) filter (where role = 'assistant')::int as assistant
         from messages where conversation_id = any (array(select jsonb_array_elements_text(?::jsonb)::uuid)) group by conversation_id`,
      [conversationIds],
    );
    const [{ found }] = await em.execute<{ found: number }[]>(
      `select count(*)::int as found from messages where role = 'assistant' and id = any (array(select jsonb_array_elements_text(?::jsonb)::uuid))`,
      [doneIds],
    );
    return {
      byConversation: new Map(rows.map((row) => [row.conversation_id, row])),
      visitor: rows.reduce((sum, row) => sum + row.visitor, 0),
      assistant: rows.reduce((sum, row) => sum + row.assistant, 0),
      doneIdsFound: found,
    };
  });
}
