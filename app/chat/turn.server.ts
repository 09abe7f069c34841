import { randomUUID } from "node:crypto";
import { setTimeout } from "node:timers/promises";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AiPersonality, Conversation, Message } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAnsweredQuestion } from "../analytics/answered-question.server";
import { budgetSettings } from "../budgets/budget-settings";
import { recordUsage } from "../budgets/record-usage.server";
import { monthToDateSpend } from "../budgets/spend.server";
import { recordVisitorActivity } from "../escalations/announce.server";
import { escalationSettings, type EscalationPriority, type EscalationSettings } from "../escalations/escalation-settings";
import { matchKeywordRule, type KeywordRule } from "../escalations/keyword-rules";
import type { EmbeddingProvider } from "../knowledge/embeddings/provider";
import { embedQuery } from "../knowledge/retrieval.server";
import { generateAnswer, type EngineAnswer, type EnginePersonality } from "./answer-engine.server";
import { BUILT_IN_PERSONALITY } from "./built-in-personality.server";
import { asksForPerson, handOverToTeam, HANDOFF_CONFIRMATION } from "./escalate.server";
import { summarizeEarlierTurns, type PriorTurn } from "./prompt.server";
import { sessionExpiry, toWidgetMessage, widgetCitations, type VisitorSession } from "./sessions.server";
import type { VisitorWidget } from "./widget-access.server";
import type { SendMessageBody, StreamEvents } from "./widget-api";

export type StreamEvent = { [Name in keyof StreamEvents]: { event: Name; data: StreamEvents[Name] } }[keyof StreamEvents];

/** Turns sent to the model verbatim; older ones reach it through the running summary. */
const RECENT_TURNS = 6;
const SUMMARISED_TURNS = 12;

const OFFER_HUMAN = "Would you like to talk to a person? Press “Talk to a human” and someone from our team will pick this up.";
const HUMAN_ACTIVE = "A member of our team is handling this conversation and will reply here.";
const BUDGET_EXHAUSTED = "Our assistant is unavailable at the moment. Press “Talk to a human” and someone from our team will help you.";
const ASSISTANT_FAILED = "Sorry, the assistant could not answer just now. Please try again, or talk to a person.";

interface TurnContext {
  visitorMessageId: string;
  /** Set when this client message id was sent before: its reply is sent again, once it exists. */
  repeatOf: { createdAt: Date } | null;
  humanActive: boolean;
  budgetExhausted: boolean;
  businessName: string;
  personality: EnginePersonality;
  recentTurns: PriorTurn[];
  summary: string | null;
  escalationSettings: EscalationSettings;
}

/**
 * One visitor message and the assistant's reply, as the events the widget receives. The visitor's
 * message is committed before anything else happens, and the reply after generation ends, in two
 * short transactions: nothing is held open while the model streams. The reply is stored even if the
 * visitor has gone, so a retried request (same clientMessageId) replays it instead of asking twice.
 */
export async function* runVisitorTurn({
  widget,
  session,
  body,
  embedder,
}: {
  widget: VisitorWidget;
  session: VisitorSession;
  body: SendMessageBody;
  embedder: EmbeddingProvider;
}): AsyncGenerator<StreamEvent> {
  // Embedding the question (a worker thread or a remote call) overlaps storing it; what a paid model charged for it is
  // recorded in a transaction of its own once the vector arrives.
  const questionVector = embedQuery({ tenantId: widget.tenantId, conversationId: session.conversationId, embedder, query: body.content });
  questionVector.catch(() => undefined); // awaited only if an answer is generated; its failure surfaces there
  const context = await withTenant(widget.tenantId, (em) => recordVisitorMessage(em, widget, session, body));
  yield { event: "message", data: { id: context.visitorMessageId } };

  if (context.repeatOf) {
    const stored = await awaitStoredReply(widget, session, context.repeatOf.createdAt);
    if (!stored) {
      await releaseForRetry(widget, session, context.visitorMessageId);
      yield { event: "error", data: { code: "answer_lost", message: ASSISTANT_FAILED } };
      return;
    }
    const reply = toWidgetMessage(stored);
    yield { event: "token", data: { text: reply.content } };
    if (reply.citations.length) yield { event: "citations", data: { citations: reply.citations } };
    yield { event: "done", data: { messageId: reply.id, confidence: stored.confidence ?? null } };
    return;
  }
  if (context.humanActive) {
    yield { event: "handoff", data: { reason: "human_active", message: HUMAN_ACTIVE } };
    yield { event: "done", data: { messageId: null, confidence: null } };
    return;
  }
  const requested = handoverRequestedBy(body.content, context.escalationSettings.keywordRules);
  if (requested) {
    const { availability, noticeId } = await withTenant(widget.tenantId, (em) =>
      handOverToTeam(em, { tenantId: widget.tenantId, conversationId: session.conversationId, endUserId: session.endUserId, ...requested }),
    );
    yield { event: "handoff", data: { reason: requested.trigger, message: HANDOFF_CONFIRMATION, noticeId, availability } };
    yield { event: "done", data: { messageId: null, confidence: null } };
    return;
  }
  if (context.budgetExhausted) {
    const messageId = await storeReply(widget, session, { text: BUDGET_EXHAUSTED, confidence: null });
    yield { event: "token", data: { text: BUDGET_EXHAUSTED } };
    yield { event: "handoff", data: { reason: "budget_exhausted", message: OFFER_HUMAN } };
    yield { event: "done", data: { messageId, confidence: null } };
    return;
  }

  let answer: EngineAnswer | undefined;
  try {
    for await (const event of generateAnswer({
      tenantId: widget.tenantId,
      businessName: context.businessName,
      personality: context.personality,
      question: body.content,
      recentTurns: context.recentTurns,
      summary: context.summary,
      embedder,
      questionVector,
    })) {
      if (event.type === "token") yield { event: "token", data: { text: event.text } };
      else answer = event.answer;
    }
  } catch (error) {
    console.warn(`Answer failed for conversation ${session.conversationId}:`, error instanceof Error ? error.message : error);
    await releaseForRetry(widget, session, context.visitorMessageId);
    yield { event: "error", data: { code: "assistant_unavailable", message: ASSISTANT_FAILED } };
    return;
  }
  if (!answer) throw new Error("The answer engine ended without an answer.");

  const messageId = await storeReply(widget, session, answer, context.visitorMessageId);
  const citations = widgetCitations(answer.citations);
  if (citations.length) yield { event: "citations", data: { citations } };
  if (answer.outcome !== "answered") {
    if (context.escalationSettings.lowConfidence === "handoff") {
      const { availability, noticeId } = await withTenant(widget.tenantId, (em) =>
        handOverToTeam(em, {
          tenantId: widget.tenantId,
          conversationId: session.conversationId,
          endUserId: session.endUserId,
          trigger: "low_confidence",
          reason: unsureAnswerReason(body.content, answer),
        }),
      );
      yield { event: "handoff", data: { reason: answer.outcome, message: HANDOFF_CONFIRMATION, noticeId, availability } };
    } else {
      // A "not covered" reply is the personality's own fallback message, which already offers a person.
      yield { event: "handoff", data: { reason: answer.outcome, message: answer.outcome === "not_covered" ? "" : OFFER_HUMAN } };
    }
  }
  yield { event: "done", data: { messageId, confidence: answer.confidence } };
  await recordAnsweredQuestion({
    tenantId: widget.tenantId,
    conversationId: session.conversationId,
    endUserId: session.endUserId,
    questionMessageId: context.visitorMessageId,
    question: body.content,
    questionVector: await questionVector,
    embeddingModel: embedder.id,
    outcome: answer.outcome,
  });
}

/**
 * A message that hands over before any answer: one asking for a person, or one mentioning a
 * keyword the workspace hands over on. When it does both, the keyword rule still sets the priority.
 */
function handoverRequestedBy(
  message: string,
  rules: readonly KeywordRule[],
): { trigger: "visitor_request" | "keyword_rule"; reason: string; rulePriority: EscalationPriority | null } | null {
  const rule = matchKeywordRule(message, rules);
  if (asksForPerson(message)) return { trigger: "visitor_request", reason: message, rulePriority: rule?.priority ?? null };
  if (rule) return { trigger: "keyword_rule", reason: `Mentions “${rule.keyword}”: ${message}`, rulePriority: rule.priority };
  return null;
}

function unsureAnswerReason(question: string, answer: EngineAnswer): string {
  return answer.outcome === "not_covered"
    ? `The knowledge base does not cover: ${question}`
    : `The assistant was unsure of its answer (confidence ${Math.round(answer.confidence * 100)}%): ${question}`;
}

/** How long a repeated send waits for the first attempt's answer, which may still be streaming. */
const REPEAT_WAIT_MS = 30_000;
const REPEAT_POLL_MS = 250;

/**
 * The reply to a message sent again (the widget retries a dropped stream with the same id). The
 * first attempt goes on answering even when its client has gone, so its reply appears shortly;
 * waiting for it, rather than answering twice, keeps one answer per question and one model bill.
 */
async function awaitStoredReply(widget: VisitorWidget, session: VisitorSession, askedAt: Date): Promise<Message | null> {
  const deadline = Date.now() + REPEAT_WAIT_MS;
  for (;;) {
    const reply = await withTenant(widget.tenantId, (em) =>
      em.findOne(
        Message,
        { conversation: session.conversationId, role: "assistant", createdAt: { $gte: askedAt } },
        { orderBy: { createdAt: "asc" } },
      ),
    );
    if (reply || Date.now() > deadline) return reply;
    await setTimeout(REPEAT_POLL_MS);
  }
}

/**
 * After a failed answer the visitor's message stays in the conversation, but its client id is
 * freed: the widget's Retry (same id) then asks afresh instead of waiting for a reply that will
 * never come.
 */
async function releaseForRetry(widget: VisitorWidget, session: VisitorSession, visitorMessageId: string): Promise<void> {
  await withTenant(widget.tenantId, (em) =>
    em.execute(`update messages set client_message_id = null where id = ? and conversation_id = ?`, [visitorMessageId, session.conversationId]),
  );
}

async function recordVisitorMessage(em: EntityManager, widget: VisitorWidget, session: VisitorSession, body: SendMessageBody): Promise<TurnContext> {
  const [inserted] = await em.execute<{ id: string }[]>(
    `insert into messages (id, tenant_id, conversation_id, role, client_message_id, content)
     values (?, ?, ?, 'visitor', ?, ?)
     on conflict (conversation_id, client_message_id) do nothing
     returning id`,
    [randomUUID(), widget.tenantId, session.conversationId, body.clientMessageId, body.content],
  );
  const conversation = await em.findOneOrFail(Conversation, { id: session.conversationId, tenant: widget.tenantId }, { populate: ["tenant"] });
  const personality = await resolvePersonality(em, widget, conversation);
  const base = {
    humanActive: false,
    budgetExhausted: false,
    businessName: conversation.tenant.$.name,
    personality,
    recentTurns: [] as PriorTurn[],
    summary: conversation.summary ?? null,
    escalationSettings: escalationSettings(conversation.tenant.$.settings.escalation),
  };

  if (!inserted) {
    const original = await em.findOneOrFail(Message, { conversation: session.conversationId, clientMessageId: body.clientMessageId });
    return { ...base, visitorMessageId: original.id, repeatOf: { createdAt: original.createdAt } };
  }

  conversation.lastMessageAt = new Date();
  conversation.messageCount += 1;
  conversation.sessionExpiresAt = sessionExpiry();
  // The agent on it sees the visitor's message arrive.
  const escalation = await recordVisitorActivity(em, { tenantId: widget.tenantId, conversationId: session.conversationId, endUserId: session.endUserId });
  const budget = budgetSettings(conversation.tenant.$.settings).monthlyBudgetUsd;
  const earlier = await em.find(
    Message,
    { conversation: session.conversationId, role: { $in: ["visitor", "assistant", "agent"] }, id: { $ne: inserted.id } },
    { orderBy: { createdAt: "desc" }, limit: RECENT_TURNS + SUMMARISED_TURNS, fields: ["role", "content", "createdAt"] },
  );
  const turns = earlier.reverse().map((message) => ({ role: message.role as PriorTurn["role"], content: message.content }));
  const olderTurns = turns.slice(0, Math.max(0, turns.length - RECENT_TURNS));
  const summary = summarizeEarlierTurns(olderTurns);
  conversation.summary = summary;
  await em.flush();
  return {
    ...base,
    visitorMessageId: inserted.id,
    repeatOf: null,
    humanActive: escalation?.status === "assigned" || escalation?.status === "waiting",
    budgetExhausted: budget !== null && (await monthToDateSpend(em, widget.tenantId)) >= budget,
    recentTurns: turns.slice(-RECENT_TURNS),
    summary,
  };
}

/** The conversation keeps the personality it started with; a new widget or default setting applies to new chats. */
async function resolvePersonality(em: EntityManager, widget: VisitorWidget, conversation: Conversation): Promise<EnginePersonality> {
  const id = conversation.personality?.id ?? widget.personalityId;
  const chosen =
    (id ? await em.findOne(AiPersonality, { id, tenant: widget.tenantId }) : null) ??
    (await em.findOne(AiPersonality, { tenant: widget.tenantId, isDefault: true }));
  return chosen ?? BUILT_IN_PERSONALITY;
}

async function storeReply(
  widget: VisitorWidget,
  session: VisitorSession,
  answer: { text: string; confidence: number | null } & Partial<Omit<EngineAnswer, "text" | "confidence">>,
  /** The question answered: it takes the answer's outcome, so questions can be counted by how they fared. */
  questionMessageId?: string,
): Promise<string> {
  return withTenant(widget.tenantId, async (em) => {
    const id = randomUUID();
    if (questionMessageId && answer.outcome) {
      await em.execute(`update messages set outcome = ? where id = ? and conversation_id = ?`, [answer.outcome, questionMessageId, session.conversationId]);
    }
    em.create(Message, {
      id,
      tenant: widget.tenantId,
      conversation: session.conversationId,
      role: "assistant",
      content: answer.text,
      citations: answer.citations ?? [],
      confidence: answer.confidence,
      model: answer.model ?? null,
      promptTokens: answer.promptTokens ?? 0,
      completionTokens: answer.completionTokens ?? 0,
      costUsd: answer.costUsd ?? 0,
      latencyMs: answer.timings ? Math.round(answer.timings.totalMs) : null,
      outcome: answer.outcome ?? null,
    });
    const conversation = await em.findOneOrFail(Conversation, { id: session.conversationId, tenant: widget.tenantId });
    conversation.messageCount += 1;
    conversation.lastMessageAt = new Date();
    conversation.costUsd = Number(conversation.costUsd) + (answer.costUsd ?? 0);
    if (answer.provider && answer.model && (answer.promptTokens || answer.completionTokens)) {
      await recordUsage(em, {
        tenantId: widget.tenantId,
        conversationId: session.conversationId,
        service: "chat",
        provider: answer.provider,
        model: answer.model,
        inputTokens: answer.promptTokens ?? 0,
        outputTokens: answer.completionTokens ?? 0,
        costUsd: answer.costUsd ?? 0,
      });
    }
    await em.flush();
    return id;
  });
}
