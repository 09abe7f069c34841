import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../../db/tenant-scope";
import type { DailyUsage } from "../daily-usage";
import { readDailyUsage } from "../daily-usage.server";
import { addDays, eachDay, previousPeriod, type DayRange } from "./date-range";
import { metric, share, type Metric } from "./metrics";

/**
 * The analytics overview. Counts come from the daily rollups (a few rows a day); figures that
 * depend on a conversation's whole life (resolved by the assistant, handed over, time to first
 * answer, distinct customers) from `conversations` by start time through the
 * (tenant_id, created_at) and (tenant_id, widget_id, created_at) indexes; agents' first response
 * from `escalations` by creation time. Conversations and escalations belong to the period they
 * started in.
 */

export interface OverviewInput {
  tenantId: string;
  range: DayRange;
  widgetId?: string | null;
}

export interface DayFigures {
  day: string;
  conversations: number;
  messages: number;
  visitorMessages: number;
  assistantMessages: number;
  agentMessages: number;
  uniqueEndUsers: number;
  escalations: number;
  aiResolutionRate: number | null;
  escalationRate: number | null;
  medianFirstAnswerMs: number | null;
  medianAgentFirstResponseMs: number | null;
  ratings: number;
  averageRating: number | null;
  helpfulVotes: number;
  notHelpfulVotes: number;
  answered: number;
  lowConfidence: number;
  notCovered: number;
}

export interface Overview {
  range: DayRange;
  previous: DayRange;
  widgetId: string | null;
  metrics: {
    conversations: Metric;
    messages: Metric;
    uniqueEndUsers: Metric;
    /**
     * Of the conversations started in the period that the assistant answered at least once, the
     * share that were never handed to a person and got no "not helpful" vote.
     */
    aiResolutionRate: Metric;
    /** Of the conversations started in the period, the share handed to a person. */
    escalationRate: Metric;
    averageRating: Metric;
    /** helpful / (helpful + not helpful) votes on answers given in the period. */
    helpfulShare: Metric;
    /** From a conversation's first question to the assistant's first answer after it. */
    medianFirstAnswerMs: Metric;
    /** From a hand-over to an agent's first reply, for hand-overs in the period that got one. */
    medianAgentFirstResponseMs: Metric;
    tokens: Metric;
    costUsd: Metric;
  };
  /** Ratings given in the period, by score 1 to 5. */
  ratingDistribution: [number, number, number, number, number];
  daily: DayFigures[];
  /** Model usage in the period, by day, service, provider and model (the whole workspace: usage has no widget). */
  usage: DailyUsage[];
}

export class UnknownWidgetError extends Error {}

export async function loadOverview({ tenantId, range, widgetId = null }: OverviewInput): Promise<Overview> {
  const previous = previousPeriod(range);
  const span: DayRange = { from: previous.from, to: range.to };
  return withTenant(tenantId, async (em) => {
    if (widgetId && !(await isTenantWidget(em, tenantId, widgetId))) throw new UnknownWidgetError("This widget is not in your workspace.");
    const scope = { tenantId, span, currentFrom: range.from, widgetId };
    const rollups = await dailyRollups(em, scope);
    const conversations = await conversationFacts(em, scope);
    const responses = await agentFirstResponses(em, scope);
    const usage = await readDailyUsage(em, { tenantId, days: span });
    return assemble({ range, previous, widgetId, rollups, conversations, responses, usage });
  });
}

async function isTenantWidget(em: EntityManager, tenantId: string, widgetId: string): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(`select id from widgets where tenant_id = ? and id = ?`, [tenantId, widgetId]);
  return rows.length > 0;
}

interface Scope {
  tenantId: string;
  /** The previous period and the current one, read together. */
  span: DayRange;
  currentFrom: string;
  widgetId: string | null;
}

const startOf = (day: string) => `${day}T00:00:00Z`;
const endOf = (day: string) => startOf(addDays(day, 1));

type RollupRow = {
  day: string;
  conversations: number;
  visitor_messages: number;
  assistant_messages: number;
  agent_messages: number;
  escalations: number;
  helpful_votes: number;
  not_helpful_votes: number;
  ratings: number;
  rating_sum: number;
  rating_1: number;
  rating_2: number;
  rating_3: number;
  rating_4: number;
  rating_5: number;
  answered: number;
  low_confidence: number;
  not_covered: number;
};
const ROLLUP_COLUMNS = [
  "conversations", "visitor_messages", "assistant_messages", "agent_messages", "escalations", "helpful_votes", "not_helpful_votes",
  "ratings", "rating_sum", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5", "answered", "low_confidence", "not_covered",
] as const;

/** One row per day with activity: the widgets' rollup rows added up unless one widget is chosen. */
async function dailyRollups(em: EntityManager, { tenantId, span, widgetId }: Scope): Promise<RollupRow[]> {
  return em.execute<RollupRow[]>(
    `select to_char(day, 'YYYY-MM-DD') as day, ${ROLLUP_COLUMNS.map((column) => `sum(${column})::int as ${column}`).join(", ")}
     from analytics_daily
     where tenant_id = ? and day between ? and ? ${widgetId ? "and widget_id = ?" : ""}
     group by day`,
    [tenantId, span.from, span.to, ...(widgetId ? [widgetId] : [])],
  );
}

/** Per day (`day` set) and per period (`current` set): grouping sets read the rows once for both. */
type ConversationRow = {
  day: string | null;
  current: boolean | null;
  conversations: number;
  answered_by_assistant: number;
  resolved_by_assistant: number;
  escalated: number;
  end_users: number;
  median_first_answer_ms: number | null;
};

async function conversationFacts(em: EntityManager, { tenantId, span, currentFrom, widgetId }: Scope): Promise<ConversationRow[]> {
  return em.execute<ConversationRow[]>(
    `select to_char(day, 'YYYY-MM-DD') as day, current,
            count(*)::int as conversations,
            count(*) filter (where assistant_answers > 0)::int as answered_by_assistant,
            count(*) filter (where assistant_answers > 0 and not escalated and not_helpful_votes = 0)::int as resolved_by_assistant,
            count(*) filter (where escalated)::int as escalated,
            count(distinct end_user_id)::int as end_users,
            percentile_cont(0.5) within group (order by first_answer_ms)::float8 as median_first_answer_ms
     from (
       select (created_at at time zone 'utc')::date as day, created_at >= ?::timestamptz as current,
              end_user_id, assistant_answers, escalated, not_helpful_votes, first_answer_ms
       from conversations
       where tenant_id = ? ${widgetId ? "and widget_id = ?" : ""} and created_at >= ? and created_at < ?
     ) started
     group by grouping sets ((day), (current))`,
    [startOf(currentFrom), tenantId, ...(widgetId ? [widgetId] : []), startOf(span.from), endOf(span.to)],
  );
}

type ResponseRow = { day: string | null; current: boolean | null; median_ms: number | null };

async function agentFirstResponses(em: EntityManager, { tenantId, span, currentFrom, widgetId }: Scope): Promise<ResponseRow[]> {
  return em.execute<ResponseRow[]>(
    `select to_char(day, 'YYYY-MM-DD') as day, current, percentile_cont(0.5) within group (order by response_ms)::float8 as median_ms
     from (
       select (e.created_at at time zone 'utc')::date as day, e.created_at >= ?::timestamptz as current,
              extract(epoch from e.first_response_at - e.created_at) * 1000 as response_ms
       from escalations e ${widgetId ? "join conversations c on c.id = e.conversation_id and c.tenant_id = e.tenant_id and c.widget_id = ?" : ""}
       where e.tenant_id = ? and e.created_at >= ? and e.created_at < ? and e.first_response_at is not null
     ) answered
     group by grouping sets ((day), (current))`,
    [startOf(currentFrom), ...(widgetId ? [widgetId] : []), tenantId, startOf(span.from), endOf(span.to)],
  );
}

function assemble({
  range,
  previous,
  widgetId,
  rollups,
  conversations,
  responses,
  usage,
}: {
  range: DayRange;
  previous: DayRange;
  widgetId: string | null;
  rollups: RollupRow[];
  conversations: ConversationRow[];
  responses: ResponseRow[];
  usage: DailyUsage[];
}): Overview {
  const inCurrent = (day: string) => day >= range.from;
  const totals = (current: boolean) => sumRollups(rollups.filter((row) => inCurrent(row.day) === current));
  const [now, before] = [totals(true), totals(false)];
  const facts = (current: boolean) => conversations.find((row) => row.current === current && row.day === null) ?? EMPTY_CONVERSATIONS;
  const [factsNow, factsBefore] = [facts(true), facts(false)];
  const responseMedian = (current: boolean) => responses.find((row) => row.current === current && row.day === null)?.median_ms ?? null;
  const usageTotals = (current: boolean) => {
    const rows = usage.filter((row) => inCurrent(row.day) === current);
    return { tokens: sum(rows.map((row) => row.inputTokens + row.outputTokens)), costUsd: sum(rows.map((row) => row.costUsd)) };
  };
  const [usageNow, usageBefore] = [usageTotals(true), usageTotals(false)];

  return {
    range,
    previous,
    widgetId,
    metrics: {
      conversations: metric("count", now.conversations, before.conversations),
      messages: metric("count", messageCount(now), messageCount(before)),
      uniqueEndUsers: metric("count", factsNow.end_users, factsBefore.end_users),
      aiResolutionRate: metric("share", resolutionRate(factsNow), resolutionRate(factsBefore)),
      escalationRate: metric("share", share(factsNow.escalated, factsNow.conversations), share(factsBefore.escalated, factsBefore.conversations)),
      averageRating: metric("rating", averageRating(now), averageRating(before)),
      helpfulShare: metric("share", helpfulShare(now), helpfulShare(before)),
      medianFirstAnswerMs: metric("duration", factsNow.median_first_answer_ms, factsBefore.median_first_answer_ms),
      medianAgentFirstResponseMs: metric("duration", responseMedian(true), responseMedian(false)),
      tokens: metric("count", usageNow.tokens, usageBefore.tokens),
      costUsd: metric("usd", usageNow.costUsd, usageBefore.costUsd),
    },
    ratingDistribution: [now.rating_1, now.rating_2, now.rating_3, now.rating_4, now.rating_5],
    daily: dailyFigures(range, rollups, conversations, responses),
    usage: usage.filter((row) => inCurrent(row.day)),
  };
}

function dailyFigures(range: DayRange, rollups: RollupRow[], conversations: ConversationRow[], responses: ResponseRow[]): DayFigures[] {
  const rollupByDay = new Map(rollups.map((row) => [row.day, row]));
  const factsByDay = new Map(conversations.filter((row) => row.day !== null).map((row) => [row.day, row]));
  const responsesByDay = new Map(responses.filter((row) => row.day !== null).map((row) => [row.day, row.median_ms]));
  return eachDay(range).map((day) => {
    const counts = rollupByDay.get(day) ?? EMPTY_ROLLUP;
    const facts = factsByDay.get(day) ?? EMPTY_CONVERSATIONS;
    return {
      day,
      conversations: counts.conversations,
      messages: messageCount(counts),
      visitorMessages: counts.visitor_messages,
      assistantMessages: counts.assistant_messages,
      agentMessages: counts.agent_messages,
      uniqueEndUsers: facts.end_users,
      escalations: counts.escalations,
      aiResolutionRate: resolutionRate(facts),
      escalationRate: share(facts.escalated, facts.conversations),
      medianFirstAnswerMs: facts.median_first_answer_ms,
      medianAgentFirstResponseMs: responsesByDay.get(day) ?? null,
      ratings: counts.ratings,
      averageRating: averageRating(counts),
      helpfulVotes: counts.helpful_votes,
      notHelpfulVotes: counts.not_helpful_votes,
      answered: counts.answered,
      lowConfidence: counts.low_confidence,
      notCovered: counts.not_covered,
    };
  });
}

const EMPTY_ROLLUP = Object.fromEntries([["day", ""], ...ROLLUP_COLUMNS.map((column) => [column, 0])]) as RollupRow;
const EMPTY_CONVERSATIONS: ConversationRow = {
  day: null,
  current: null,
  conversations: 0,
  answered_by_assistant: 0,
  resolved_by_assistant: 0,
  escalated: 0,
  end_users: 0,
  median_first_answer_ms: null,
};

function sumRollups(rows: RollupRow[]): RollupRow {
  const total = { ...EMPTY_ROLLUP };
  for (const row of rows) for (const column of ROLLUP_COLUMNS) total[column] += row[column];
  return total;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const messageCount = (row: RollupRow) => row.visitor_messages + row.assistant_messages + row.agent_messages;
const resolutionRate = (row: ConversationRow) => share(row.resolved_by_assistant, row.answered_by_assistant);
const averageRating = (row: RollupRow) => (row.ratings > 0 ? row.rating_sum / row.ratings : null);
const helpfulShare = (row: RollupRow) => share(row.helpful_votes, row.helpful_votes + row.not_helpful_votes);
