import type { Citation } from "../../db/entities";
import type { EmbeddingProvider } from "../knowledge/embeddings/provider";
import { retrieve, type RetrievedChunk } from "../knowledge/retrieval.server";
import { remoteChatProvider } from "./chat-models.server";
import { assessEvidence } from "./confidence";
import { composeExtractiveAnswer } from "./extractive.server";
import { buildPrompt, NO_ANSWER_MARKER, type PriorTurn, type PromptPersonality } from "./prompt.server";
import { OFFLINE_MODEL } from "../personalities/personality-settings";
import { costUsd } from "./providers/pricing";

/** Passages the engine reads per question: enough to cover a multi-part answer, few enough to stay focused. */
export const PASSAGES_PER_ANSWER = 5;
/** Answers between the engine's answer threshold (0.44) and this are shown with an offer of a person. */
export const OFFER_HUMAN_BELOW = 0.5;


export interface EnginePersonality extends PromptPersonality {
  provider: string;
  model: string;
  temperature: number;
  maxTokens: number;
  fallbackMessage: string;
}

export type AnswerOutcome = "answered" | "low_confidence" | "not_covered";

export interface EngineAnswer {
  /** What the visitor sees, exactly as streamed. */
  text: string;
  citations: Citation[];
  confidence: number;
  outcome: AnswerOutcome;
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  timings: { retrievalMs: number; firstTokenMs: number | null; totalMs: number };
}

export type EngineEvent = { type: "token"; text: string } | { type: "answer"; answer: EngineAnswer };

export interface AnswerRequest {
  tenantId: string;
  businessName: string;
  personality: EnginePersonality;
  question: string;
  recentTurns: PriorTurn[];
  summary: string | null;
  embedder: EmbeddingProvider;
  /** The question's vector, already being computed by the caller. */
  questionVector?: Promise<number[]>;
  signal?: AbortSignal;
}

/**
 * Retrieve, then answer from what was retrieved, streaming the text as it is produced. Stores
 * nothing and opens no transaction while generating: the caller persists the final `answer` event.
 * A question the knowledge does not cover gets the personality's fallback message, never a guess.
 */
export async function* generateAnswer(request: AnswerRequest): AsyncGenerator<EngineEvent> {
  const startedAt = performance.now();
  const { results: passages } = await retrieve({
    tenantId: request.tenantId,
    query: request.question,
    embedder: request.embedder,
    queryVector: request.questionVector,
    k: PASSAGES_PER_ANSWER,
  });
  const retrievalMs = performance.now() - startedAt;
  let firstTokenMs: number | null = null;
  const timings = () => ({ retrievalMs, firstTokenMs, totalMs: performance.now() - startedAt });

  const emit = function* (text: string): Generator<EngineEvent> {
    firstTokenMs ??= performance.now() - startedAt;
    yield { type: "token", text };
  };

  if (request.personality.provider === "offline") {
    const extractive = composeExtractiveAnswer({ question: request.question, passages });
    const declined = extractive.declined || extractive.text.trim() === "";
    const text = declined ? request.personality.fallbackMessage : extractive.text;
    for (const piece of wordGroups(text)) yield* emit(piece);
    yield {
      type: "answer",
      answer: {
        text,
        citations: declined ? [] : citationsFor(passages, extractive.citedPassages),
        confidence: extractive.confidence,
        outcome: declined ? "not_covered" : extractive.confidence < OFFER_HUMAN_BELOW ? "low_confidence" : "answered",
        provider: "offline",
        model: OFFLINE_MODEL,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        timings: timings(),
      },
    };
    return;
  }

  const evidence = assessEvidence({ question: request.question, passages });
  const declineWithoutCalling = request.personality.knowledgeOnly && !evidence.covered;
  if (declineWithoutCalling) {
    yield* emit(request.personality.fallbackMessage);
    yield { type: "answer", answer: notCovered(request, evidence.confidence, timings()) };
    return;
  }

  const provider = remoteChatProvider(request.personality.model);
  const messages = buildPrompt({ ...request, personality: request.personality, passages });
  let text = "";
  let pending = "";
  let usage = { promptTokens: 0, completionTokens: 0, model: request.personality.model };
  for await (const event of provider.stream({
    messages,
    temperature: request.personality.temperature,
    maxTokens: request.personality.maxTokens,
    signal: request.signal,
  })) {
    if (event.type === "usage") {
      usage = event;
      continue;
    }
    // Held back while it could still be the start of the no-answer marker, which must never reach the visitor.
    pending += event.text;
    if (NO_ANSWER_MARKER.startsWith(pending.trimStart())) continue;
    text += pending;
    yield* emit(pending);
    pending = "";
  }
  const cost = costUsd({ model: usage.model, inputTokens: usage.promptTokens, outputTokens: usage.completionTokens });
  const billed = { provider: provider.id, model: usage.model, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costUsd: cost };
  if (text.trim() === "") {
    yield* emit(request.personality.fallbackMessage);
    yield { type: "answer", answer: { ...notCovered(request, evidence.confidence, timings()), ...billed } };
    return;
  }
  yield {
    type: "answer",
    answer: {
      text,
      citations: citationsFor(passages, citedMarkers(text, passages.length)),
      confidence: evidence.confidence,
      outcome: evidence.confidence < OFFER_HUMAN_BELOW ? "low_confidence" : "answered",
      ...billed,
      timings: timings(),
    },
  };
}

function notCovered(request: AnswerRequest, confidence: number, timings: EngineAnswer["timings"]): EngineAnswer {
  return {
    text: request.personality.fallbackMessage,
    citations: [],
    confidence,
    outcome: "not_covered",
    provider: request.personality.provider,
    model: request.personality.model,
    promptTokens: 0,
    completionTokens: 0,
    costUsd: 0,
    timings,
  };
}

/** The extractive answer is complete at once; sent a few words at a time so it reads like any other reply. */
function wordGroups(text: string, wordsPerGroup = 4): string[] {
  const words = text.match(/\S+\s*/g) ?? [];
  const groups: string[] = [];
  for (let start = 0; start < words.length; start += wordsPerGroup) groups.push(words.slice(start, start + wordsPerGroup).join(""));
  return groups;
}

function citedMarkers(text: string, passageCount: number): number[] {
  const cited = [...text.matchAll(/\[(\d{1,2})\]/g)].map((match) => Number(match[1]));
  return [...new Set(cited)].filter((index) => index >= 1 && index <= passageCount);
}

function citationsFor(passages: RetrievedChunk[], indices: number[]): Citation[] {
  return [...indices]
    .sort((a, b) => a - b)
    .map((index) => {
      const passage = passages[index - 1];
      return {
        index,
        chunkId: passage.chunkId,
        documentId: passage.documentId,
        title: passage.title,
        ...(passage.headingPath ? { section: passage.headingPath } : {}),
        ...(passage.sourceUrl ? { url: passage.sourceUrl } : {}),
      };
    });
}
