import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { scoreSentiment } from "../../app/analytics/insights/sentiment-score.server";
import { groupAnsweredQuestion } from "../../app/analytics/questions/clustering.server";
import { embeddingProviderFromEnv } from "../../app/knowledge/embeddings/index.server";
import { costUsd } from "../../app/chat/providers/pricing";
import { withTenant } from "../tenant-scope";
import { AGENT_REPLIES, DEMO_CUSTOMERS, DEMO_TOPICS, HANDOFF_REQUESTS, LEAD_MESSAGES, THANKS, UNHAPPY_FOLLOW_UPS, type DemoTopic } from "./topics";

/** The same history on every first start: a seeded generator, not Math.random. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  [column: string]: unknown;
}

interface History {
  endUsers: Row[];
  conversations: Row[];
  messages: Row[];
  votes: { id: string; feedback: "helpful" | "not_helpful" }[];
  escalations: Row[];
  ratings: Row[];
  usage: Row[];
  leads: Row[];
}

/** The model the demo assistant used before it was switched to the offline engine: what its usage cost. */
const HISTORY_MODEL = "gpt-4o";

export interface DemoTeam {
  tenantId: string;
  widgetId: string;
  personalityId: string;
  agentIds: string[];
}

/**
 * Two months of a small shop's chats, so a newcomer's dashboard is alive: questions on the help
 * centre's topics (most answered, some not), votes, handovers that agents answered and resolved
 * (most rated), a few still open in the inbox, usage and its cost, and a couple of leads. Written
 * as the tenant, through the same tables and triggers as real traffic.
 */
export async function seedDemoHistory(team: DemoTeam, { days = 62, now = new Date() }: { days?: number; now?: Date } = {}): Promise<void> {
  const history = generateHistory(team, days, now);
  await withTenant(team.tenantId, async (em) => {
    await insertRows(em, "end_users", history.endUsers);
    await insertRows(em, "conversations", history.conversations);
    await insertRows(em, "messages", history.messages);
    // Votes come after their answers, as in real use (the rollups count a vote when it is given).
    for (const feedback of ["helpful", "not_helpful"] as const) {
      for (const chunk of chunks(history.votes.filter((vote) => vote.feedback === feedback), 500)) {
        await em.execute(`update messages set feedback = ? where id in (${chunk.map(() => "?").join(", ")})`, [feedback, ...chunk.map((vote) => vote.id)]);
      }
    }
    await insertRows(em, "escalations", history.escalations);
    await insertRows(em, "survey_responses", history.ratings);
    await insertRows(em, "usage_events", history.usage);
    await insertRows(em, "leads", history.leads);
    await em.execute(
      `update end_users e set conversation_count = c.count, average_sentiment = c.sentiment
       from (select end_user_id, count(*)::int as count, avg(sentiment) as sentiment from conversations where tenant_id = ? group by end_user_id) c
       where e.id = c.end_user_id`,
      [team.tenantId],
    );
  });
  await groupQuestions(team.tenantId, history.messages);
}

/**
 * Files the questions into groups the way live answers are filed (what customers ask, knowledge
 * gaps), oldest first. The demo asks a few dozen distinct questions, so each is embedded once.
 */
async function groupQuestions(tenantId: string, messages: Row[]): Promise<void> {
  const questions = messages
    .filter((message) => message.role === "visitor" && message.outcome)
    .sort((a, b) => (a.created_at as Date).getTime() - (b.created_at as Date).getTime());
  const embedder = embeddingProviderFromEnv(process.env);
  const texts = [...new Set(questions.map((question) => question.content as string))];
  const vectors = new Map((await embedder.embed(texts)).map((vector, index) => [texts[index], vector]));
  for (const question of questions) {
    await groupAnsweredQuestion({
      tenantId,
      conversationId: question.conversation_id as string,
      endUserId: null,
      questionMessageId: question.id as string,
      question: question.content as string,
      questionVector: vectors.get(question.content as string)!,
      embeddingModel: embedder.id,
      outcome: question.outcome as "answered" | "low_confidence" | "not_covered",
    });
  }
}

function generateHistory(team: DemoTeam, days: number, now: Date): History {
  const random = seededRandom(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (probability: number) => random() < probability;
  const totalWeight = DEMO_TOPICS.reduce((sum, topic) => sum + topic.weight, 0);
  const pickTopic = (): DemoTopic => {
    let ticket = random() * totalWeight;
    for (const topic of DEMO_TOPICS) if ((ticket -= topic.weight) < 0) return topic;
    return DEMO_TOPICS[0];
  };
  const history: History = { endUsers: [], conversations: [], messages: [], votes: [], escalations: [], ratings: [], usage: [], leads: [] };
  const customers = DEMO_CUSTOMERS.map((name, index) => {
    const id = randomUUID();
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.com`;
    history.endUsers.push({ id, tenant_id: team.tenantId, external_id: `customer-${1000 + index}`, identity_verified: true, name, email, metadata: "{}" });
    return { id, name, email };
  });
  const seen = new Map<string, { first: Date; last: Date }>();

  for (let dayOffset = days; dayOffset >= 0; dayOffset--) {
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - dayOffset));
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const conversationsToday = Math.round((weekend ? 6 : 11) * (0.7 + random() * 0.6) * (1 + (days - dayOffset) / days / 4));
    for (let n = 0; n < conversationsToday; n++) {
      const startedAt = new Date(day.getTime() + (7 + random() * 15) * 3_600_000);
      if (startedAt > now) continue;
      const recent = now.getTime() - startedAt.getTime() < 2 * 86_400_000;
      addConversation(startedAt, recent);
    }
  }
  for (const [id, { first, last }] of seen) {
    const row = history.endUsers.find((endUser) => endUser.id === id);
    if (row) Object.assign(row, { first_seen_at: first, last_seen_at: last });
  }
  return history;

  function addConversation(startedAt: Date, recent: boolean) {
    const conversationId = randomUUID();
    const customer = chance(0.45) ? pick(customers) : null;
    const endUserId = customer?.id ?? randomUUID();
    if (!customer) history.endUsers.push({ id: endUserId, tenant_id: team.tenantId, metadata: "{}", first_seen_at: startedAt, last_seen_at: startedAt });
    const span = seen.get(endUserId) ?? { first: startedAt, last: startedAt };
    seen.set(endUserId, { first: span.first < startedAt ? span.first : startedAt, last: span.last > startedAt ? span.last : startedAt });

    let at = startedAt.getTime() + 20_000;
    const sentiments: number[] = [];
    const say = (role: string, content: string, extra: Row = {}) => {
      const id = randomUUID();
      const sentiment = role === "visitor" ? scoreSentiment(content) : null;
      if (sentiment !== null) sentiments.push(sentiment);
      history.messages.push({ id, tenant_id: team.tenantId, conversation_id: conversationId, role, content, citations: "[]", sentiment, created_at: new Date(at), ...extra });
      at += 5_000 + random() * 40_000;
      return id;
    };

    let struggled = false;
    const questions = chance(0.6) ? 1 : chance(0.75) ? 2 : 3;
    for (let q = 0; q < questions; q++) {
      const topic = pickTopic();
      say("visitor", pick(topic.questions), { outcome: topic.outcome });
      at -= 4_000; // answers take one to three seconds
      const inputTokens = 700 + Math.floor(random() * 600);
      const outputTokens = 60 + Math.floor(random() * 140);
      const cost = costUsd({ model: HISTORY_MODEL, inputTokens, outputTokens });
      const citations = topic.source ? [{ index: 1, chunkId: randomUUID(), documentId: randomUUID(), title: topic.source }] : [];
      const answerId = say("assistant", topic.answer, {
        citations: JSON.stringify(citations),
        outcome: topic.outcome,
        confidence: topic.outcome === "answered" ? 0.62 + random() * 0.3 : topic.outcome === "low_confidence" ? 0.45 + random() * 0.04 : 0.2 + random() * 0.2,
        model: HISTORY_MODEL,
        prompt_tokens: inputTokens,
        completion_tokens: outputTokens,
        cost_usd: cost,
        latency_ms: 900 + Math.floor(random() * 2200),
      });
      history.usage.push({ id: randomUUID(), tenant_id: team.tenantId, conversation_id: conversationId, service: "chat", provider: "openai-compatible", model: HISTORY_MODEL, input_tokens: inputTokens, output_tokens: outputTokens, cost_usd: cost, created_at: new Date(at) });
      const unhelpful = topic.outcome === "answered" ? 0.05 : 0.3;
      if (chance(unhelpful)) {
        history.votes.push({ id: answerId, feedback: "not_helpful" });
        struggled = true;
      } else if (topic.outcome === "answered" && chance(0.3)) {
        history.votes.push({ id: answerId, feedback: "helpful" });
      }
      if (topic.outcome !== "answered") struggled = true;
    }
    if (chance(0.04)) {
      const email = customer?.email ?? `buyer${history.leads.length + 1}@outdoor-club.example`;
      say("visitor", pick(LEAD_MESSAGES).replace("{email}", email));
      history.leads.push({ id: randomUUID(), tenant_id: team.tenantId, conversation_id: conversationId, end_user_id: endUserId, name: customer?.name ?? null, email, intent: "Group order", status: pick(["new", "contacted", "qualified"]), notes: "" });
    }

    let status = "closed";
    if (chance(struggled ? 0.4 : 0.04)) {
      if (chance(0.5)) say("visitor", pick(UNHAPPY_FOLLOW_UPS));
      const requestedAt = at;
      say("visitor", pick(HANDOFF_REQUESTS));
      say("system", "Thanks, we have let our team know. Someone will reply here as soon as they can.");
      const escalationId = randomUUID();
      const assignee = pick(team.agentIds);
      const priority = chance(0.15) ? "high" : chance(0.1) ? "low" : "normal";
      const slaMinutes = { low: 1440, normal: 240, high: 60 }[priority];
      const createdAt = new Date(requestedAt);
      const escalation: Row = {
        id: escalationId, tenant_id: team.tenantId, conversation_id: conversationId, end_user_id: endUserId, trigger: "visitor_request",
        reason: "The visitor asked for a person.", priority, created_at: createdAt, updated_at: createdAt, last_activity_at: createdAt,
        sla_due_at: new Date(requestedAt + slaMinutes * 60_000),
      };
      history.escalations.push(escalation);
      const waiting = recent && chance(0.5);
      if (waiting) {
        Object.assign(escalation, { status: "open" });
        status = "escalated";
      } else {
        at = requestedAt + (3 + random() * 80) * 60_000;
        const firstResponse = new Date(at);
        say("agent", pick(AGENT_REPLIES), { author_id: assignee });
        Object.assign(escalation, { status: "assigned", assignee_id: assignee, assigned_at: firstResponse, first_response_at: firstResponse, last_activity_at: firstResponse });
        status = "escalated";
        if (!recent || chance(0.4)) {
          say("visitor", pick(THANKS));
          const resolvedAt = new Date(at + 10 * 60_000);
          Object.assign(escalation, { status: "resolved", resolved_at: resolvedAt, last_activity_at: resolvedAt });
          status = "resolved";
          if (chance(0.75)) {
            const rating = pick([5, 5, 5, 5, 4, 4, 4, 3, 3, 2, 1]);
            history.ratings.push({ id: randomUUID(), tenant_id: team.tenantId, conversation_id: conversationId, end_user_id: endUserId, escalation_id: escalationId, rating, comment: rating >= 4 ? "Quick and friendly." : rating <= 2 ? "Took too long." : "", created_at: resolvedAt });
          }
        }
      }
    }
    const mean = sentiments.length ? sentiments.reduce((sum, value) => sum + value, 0) / sentiments.length : null;
    const messageCount = history.messages.filter((message) => message.conversation_id === conversationId).length;
    const cost = history.usage.filter((usage) => usage.conversation_id === conversationId).reduce((sum, usage) => sum + Number(usage.cost_usd), 0);
    // Conversations come before their messages in the inserts (the rollup triggers read the conversation's widget).
    history.conversations.push({
      id: conversationId, tenant_id: team.tenantId, widget_id: team.widgetId, end_user_id: endUserId, personality_id: team.personalityId, status,
      message_count: messageCount, cost_usd: Number(cost.toFixed(6)), metadata: "{}", sentiment: mean, created_at: startedAt, last_message_at: new Date(at),
    });
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Multi-row INSERTs of rows that may have different columns (missing ones take their defaults). */
async function insertRows(em: EntityManager, table: string, rows: Row[]): Promise<void> {
  const byColumns = new Map<string, Row[]>();
  for (const row of rows) {
    const key = Object.keys(row).sort().join(",");
    byColumns.set(key, [...(byColumns.get(key) ?? []), row]);
  }
  for (const [key, group] of byColumns) {
    const columns = key.split(",");
    for (const chunk of chunks(group, 200)) {
      const placeholders = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
      await em.execute(
        `insert into "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) values ${placeholders}`,
        chunk.flatMap((row) => columns.map((column) => row[column])),
      );
    }
  }
}
