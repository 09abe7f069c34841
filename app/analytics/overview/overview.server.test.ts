import { beforeAll, describe, expect, it } from "vitest";
import { addEndUser, addMessage, addWidget, escalate, rate, recordUsage, startConversation, vote } from "../../../db/testing/analytics-activity";
import { createTestTenant } from "../../../db/testing/fixtures";
import { useTestDatabase } from "../../../db/testing/test-database";
import { withTenant } from "../../../db/tenant-scope";
import { loadOverview, UnknownWidgetError, type Overview } from "./overview.server";

const database = useTestDatabase();

const RANGE = { from: "2026-11-10", to: "2026-11-16" };

/**
 * A small week in tenant A whose every figure is worked out by hand, another week before it, and
 * tenant B's busy day in the middle of it (which must never count for A).
 */
describe("the overview, on hand-counted activity", () => {
  let tenantA: string;
  let siteWidget: string;
  let shopWidget: string;
  let overview: Overview;

  beforeAll(async () => {
    tenantA = (await createTestTenant("Analytics A")).tenantId;
    const tenantB = (await createTestTenant("Analytics B")).tenantId;
    siteWidget = await addWidget(tenantA, "Site");
    shopWidget = await addWidget(tenantA, "Shop");
    const [ann, bob, cat, dan] = [await addEndUser(tenantA), await addEndUser(tenantA), await addEndUser(tenantA), await addEndUser(tenantA)];

    // Site, Ann: answered, voted helpful: resolved by the assistant. First answer after 2 s.
    const c1 = await startConversation(tenantA, { widgetId: siteWidget, endUserId: ann, at: "2026-11-10T10:00:00Z" });
    await addMessage(tenantA, { conversationId: c1, role: "visitor", at: "2026-11-10T10:00:00Z" });
    await vote(tenantA, await addMessage(tenantA, { conversationId: c1, role: "assistant", at: "2026-11-10T10:00:02Z", outcome: "answered" }), "helpful");

    // Site, Ann again: unsure answer voted not helpful, handed over, an agent replies after 2 min, rated 4.
    const c2 = await startConversation(tenantA, { widgetId: siteWidget, endUserId: ann, at: "2026-11-11T09:00:00Z" });
    await addMessage(tenantA, { conversationId: c2, role: "visitor", at: "2026-11-11T09:00:00Z" });
    await vote(tenantA, await addMessage(tenantA, { conversationId: c2, role: "assistant", at: "2026-11-11T09:00:05Z", outcome: "low_confidence" }), "not_helpful");
    await escalate(tenantA, { conversationId: c2, at: "2026-11-11T09:01:00Z", firstResponseAt: "2026-11-11T09:03:00Z" });
    await addMessage(tenantA, { conversationId: c2, role: "agent", at: "2026-11-11T09:03:00Z" });
    await rate(tenantA, { conversationId: c2, at: "2026-11-11T09:30:00Z", rating: 4 });

    // Shop, Bob: not covered; a vote given, changed and taken back leaves none. First answer after 1 s.
    const c3 = await startConversation(tenantA, { widgetId: shopWidget, endUserId: bob, at: "2026-11-12T12:00:00Z" });
    await addMessage(tenantA, { conversationId: c3, role: "visitor", at: "2026-11-12T12:00:00Z" });
    const c3Answer = await addMessage(tenantA, { conversationId: c3, role: "assistant", at: "2026-11-12T12:00:01Z", outcome: "not_covered" });
    await vote(tenantA, c3Answer, "helpful");
    await vote(tenantA, c3Answer, "not_helpful");
    await vote(tenantA, c3Answer, null);

    // Shop, Cat, the range's last second: a question nobody answered yet.
    const c4 = await startConversation(tenantA, { widgetId: shopWidget, endUserId: cat, at: "2026-11-16T23:59:59Z" });
    await addMessage(tenantA, { conversationId: c4, role: "visitor", at: "2026-11-16T23:59:59Z" });

    // No widget, Bob: answered after 3 s, handed over, first reply after 10 min, rated 2; a note and a system message do not count.
    const c5 = await startConversation(tenantA, { widgetId: null, endUserId: bob, at: "2026-11-13T08:00:00Z" });
    await addMessage(tenantA, { conversationId: c5, role: "visitor", at: "2026-11-13T08:00:00Z" });
    await addMessage(tenantA, { conversationId: c5, role: "assistant", at: "2026-11-13T08:00:03Z", outcome: "answered" });
    await escalate(tenantA, { conversationId: c5, at: "2026-11-13T08:05:00Z", firstResponseAt: "2026-11-13T08:15:00Z" });
    await addMessage(tenantA, { conversationId: c5, role: "note", at: "2026-11-13T08:06:00Z" });
    await addMessage(tenantA, { conversationId: c5, role: "system", at: "2026-11-13T08:07:00Z" });
    await rate(tenantA, { conversationId: c5, at: "2026-11-13T09:00:00Z", rating: 2 });

    // The previous week: Dan, answered at once (10 s), helpful, rated 5.
    const p1 = await startConversation(tenantA, { widgetId: siteWidget, endUserId: dan, at: "2026-11-05T10:00:00Z" });
    await addMessage(tenantA, { conversationId: p1, role: "visitor", at: "2026-11-05T10:00:00Z" });
    await addMessage(tenantA, { conversationId: p1, role: "assistant", at: "2026-11-05T10:00:10Z", outcome: "answered", feedback: "helpful" });
    await rate(tenantA, { conversationId: p1, at: "2026-11-05T11:00:00Z", rating: 5 });
    // The day after the range: outside both periods.
    await startConversation(tenantA, { widgetId: siteWidget, endUserId: dan, at: "2026-11-17T00:00:00Z" });

    await recordUsage(tenantA, { at: "2026-11-10T10:00:02Z", service: "chat", provider: "openai", model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 200, costUsd: 0.00027 });
    await recordUsage(tenantA, { at: "2026-11-12T10:00:00Z", service: "embedding", provider: "openai", model: "text-embedding-3-small", inputTokens: 500, outputTokens: 0, costUsd: 0.00001 });
    await recordUsage(tenantA, { at: "2026-11-05T10:00:10Z", service: "chat", provider: "openai", model: "gpt-4o-mini", inputTokens: 2000, outputTokens: 400, costUsd: 0.00054 });

    // Tenant B's busy day inside A's range.
    const bWidget = await addWidget(tenantB, "B site");
    const b1 = await startConversation(tenantB, { widgetId: bWidget, endUserId: await addEndUser(tenantB), at: "2026-11-12T12:00:00Z" });
    await addMessage(tenantB, { conversationId: b1, role: "visitor", at: "2026-11-12T12:00:00Z" });
    await vote(tenantB, await addMessage(tenantB, { conversationId: b1, role: "assistant", at: "2026-11-12T12:00:30Z", outcome: "answered" }), "not_helpful");
    await escalate(tenantB, { conversationId: b1, at: "2026-11-12T12:01:00Z", firstResponseAt: "2026-11-12T13:01:00Z" });
    await rate(tenantB, { conversationId: b1, at: "2026-11-12T14:00:00Z", rating: 1 });
    await recordUsage(tenantB, { at: "2026-11-12T12:00:30Z", service: "chat", provider: "openai", model: "gpt-4o", inputTokens: 9000, outputTokens: 900, costUsd: 0.5 });

    overview = await loadOverview({ tenantId: tenantA, range: RANGE });
  });

  it("counts conversations, messages and customers, against the previous week", () => {
    expect(overview.previous).toEqual({ from: "2026-11-03", to: "2026-11-09" });
    expect(overview.metrics.conversations).toEqual({ kind: "count", value: 5, previous: 1, change: 4 });
    // 2 + 3 + 2 + 1 + 2 (the note and the system message are not messages to the customer).
    expect(overview.metrics.messages).toEqual({ kind: "count", value: 10, previous: 2, change: 4 });
    expect(overview.metrics.uniqueEndUsers).toMatchObject({ value: 3, previous: 1 });
  });

  it("measures the assistant: resolution, hand-overs, votes and time to first answer", () => {
    // Answered: c1, c2, c3, c5. Resolved: c1, c3 (c2 voted not helpful and handed over, c5 handed over).
    expect(overview.metrics.aiResolutionRate).toEqual({ kind: "share", value: 0.5, previous: 1, change: -0.5 });
    expect(overview.metrics.escalationRate).toEqual({ kind: "share", value: 0.4, previous: 0, change: 0.4 });
    expect(overview.metrics.helpfulShare).toEqual({ kind: "share", value: 0.5, previous: 1, change: -0.5 });
    // 1 s, 2 s, 3 s, 5 s.
    expect(overview.metrics.medianFirstAnswerMs).toMatchObject({ value: 2500, previous: 10_000 });
    // 2 min and 10 min.
    expect(overview.metrics.medianAgentFirstResponseMs).toMatchObject({ value: 360_000, previous: null, change: null });
  });

  it("reads ratings and their spread", () => {
    expect(overview.metrics.averageRating).toEqual({ kind: "rating", value: 3, previous: 5, change: -0.4 });
    expect(overview.ratingDistribution).toEqual([0, 1, 0, 1, 0]);
  });

  it("adds up model usage by day, service and model", () => {
    expect(overview.metrics.tokens).toMatchObject({ value: 1700, previous: 2400 });
    expect(overview.metrics.costUsd.value).toBeCloseTo(0.00028, 8);
    expect(overview.usage.map((row) => [row.day, row.service, row.model, row.calls])).toEqual([
      ["2026-11-10", "chat", "gpt-4o-mini", 1],
      ["2026-11-12", "embedding", "text-embedding-3-small", 1],
    ]);
  });

  it("gives a figure for every day of the range, on UTC days", () => {
    expect(overview.daily.map((day) => day.day)).toEqual(["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14", "2026-11-15", "2026-11-16"]);
    expect(overview.daily.map((day) => day.conversations)).toEqual([1, 1, 1, 1, 0, 0, 1]);
    expect(overview.daily.map((day) => day.messages)).toEqual([2, 3, 2, 2, 0, 0, 1]);
    expect(overview.daily[1]).toMatchObject({ escalations: 1, notHelpfulVotes: 1, ratings: 1, averageRating: 4, lowConfidence: 1, aiResolutionRate: 0, medianAgentFirstResponseMs: 120_000 });
    expect(overview.daily[2]).toMatchObject({ helpfulVotes: 0, notHelpfulVotes: 0, notCovered: 1, aiResolutionRate: 1 });
    expect(overview.daily[4]).toMatchObject({ aiResolutionRate: null, escalationRate: null, medianFirstAnswerMs: null, averageRating: null });
  });

  it("narrows to one widget", async () => {
    const site = await loadOverview({ tenantId: tenantA, range: RANGE, widgetId: siteWidget });
    expect(site.metrics.conversations.value).toBe(2);
    expect(site.metrics.messages.value).toBe(5);
    expect(site.metrics.uniqueEndUsers.value).toBe(1);
    expect(site.metrics.aiResolutionRate.value).toBe(0.5);
    expect(site.metrics.escalationRate.value).toBe(0.5);
    expect(site.metrics.averageRating.value).toBe(4);
    expect(site.metrics.medianFirstAnswerMs.value).toBe(3500);
    expect(site.metrics.medianAgentFirstResponseMs.value).toBe(120_000);
    const shop = await loadOverview({ tenantId: tenantA, range: RANGE, widgetId: shopWidget });
    expect([shop.metrics.conversations.value, shop.metrics.messages.value, shop.metrics.escalationRate.value]).toEqual([2, 3, 0]);
  });

  it("refuses another workspace's widget", async () => {
    const other = await createTestTenant("Analytics C");
    const foreignWidget = await addWidget(other.tenantId, "C site");
    await expect(loadOverview({ tenantId: tenantA, range: RANGE, widgetId: foreignWidget })).rejects.toBeInstanceOf(UnknownWidgetError);
  });

  it("keeps the conversation facts the triggers maintain", async () => {
    const facts = await withTenant(tenantA, (em) =>
      em.execute<{ assistant_answers: number; not_helpful_votes: number; escalated: boolean; first_answer_ms: number | null }[]>(
        `select assistant_answers, not_helpful_votes, escalated, first_answer_ms from conversations where tenant_id = ? and created_at between ? and ? order by created_at`,
        [tenantA, "2026-11-10T00:00:00Z", "2026-11-16T23:59:59Z"],
      ),
    );
    expect(facts).toEqual([
      { assistant_answers: 1, not_helpful_votes: 0, escalated: false, first_answer_ms: 2000 },
      { assistant_answers: 1, not_helpful_votes: 1, escalated: true, first_answer_ms: 5000 },
      { assistant_answers: 1, not_helpful_votes: 0, escalated: false, first_answer_ms: 1000 },
      { assistant_answers: 1, not_helpful_votes: 0, escalated: true, first_answer_ms: 3000 },
      { assistant_answers: 0, not_helpful_votes: 0, escalated: false, first_answer_ms: null },
    ]);
  });
});

/**
 * A few thousand messages at random, in two tenants, over two months: every overview figure must
 * equal the same figure computed straight from the stored rows (never from the rollups).
 */
describe("the overview, on random activity", () => {
  const range = { from: "2026-10-01", to: "2026-10-30" };
  let tenantA: string;
  let widgets: string[];

  beforeAll(async () => {
    tenantA = (await createTestTenant("Random A")).tenantId;
    const tenantB = (await createTestTenant("Random B")).tenantId;
    widgets = [await addWidget(tenantA, "One"), await addWidget(tenantA, "Two")];
    await writeRandomActivity(tenantA, [...widgets, null], 700, 1);
    await writeRandomActivity(tenantB, [await addWidget(tenantB, "B"), null], 250, 2);
  }, 120_000);

  it.each([["all widgets", null], ["widget one", 0], ["widget two", 1]] as const)("matches the stored rows for %s", async (_label, widgetIndex) => {
    const widgetId = widgetIndex === null ? null : widgets[widgetIndex];
    const overview = await loadOverview({ tenantId: tenantA, range, widgetId });
    for (const period of ["current", "previous"] as const) {
      const expected = await figuresFromRows(tenantA, period === "current" ? range : overview.previous, widgetId);
      const actual = Object.fromEntries(Object.entries(overview.metrics).map(([name, figure]) => [name, period === "current" ? figure.value : figure.previous]));
      expect(expected.conversations).toBeGreaterThan(100);
      for (const [name, value] of Object.entries(expected)) {
        if (value === null) expect(actual[name], `${period} ${name}`).toBeNull();
        else expect(actual[name], `${period} ${name}`).toBeCloseTo(value, 6);
      }
    }
    const daily = await dailyFromRows(tenantA, range, widgetId);
    expect(overview.daily.map((day) => [day.day, day.conversations, day.messages, day.escalations, day.ratings])).toEqual(daily);
    const ratings = await withTenant(tenantA, (em) =>
      em.execute<{ rating: number; n: number }[]>(
        `select s.rating, count(*)::int as n from survey_responses s join conversations c on c.id = s.conversation_id
         where s.tenant_id = ? and s.created_at >= ? and s.created_at < ? ${widgetId ? "and c.widget_id = ?" : ""} group by s.rating`,
        [tenantA, `${range.from}T00:00:00Z`, "2026-10-31T00:00:00Z", ...(widgetId ? [widgetId] : [])],
      ),
    );
    expect(overview.ratingDistribution).toEqual([1, 2, 3, 4, 5].map((score) => ratings.find((row) => row.rating === score)?.n ?? 0));
  });
  it("keeps rollups identical to a bulk recount of the stored rows (what a bulk import uses)", async () => {
    const em = database.orm().em.fork();
    const differences = await em.execute<{ n: number }[]>(
      `with kept as (
         select day, widget_id, conversations, visitor_messages, assistant_messages, agent_messages, escalations, helpful_votes, not_helpful_votes,
                ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, answered, low_confidence, not_covered
         from analytics_daily where tenant_id = ?
           and (conversations, visitor_messages, assistant_messages, agent_messages, escalations, helpful_votes, not_helpful_votes, ratings) <> (0, 0, 0, 0, 0, 0, 0, 0)
       ), recounted as (
         select day, widget_id, conversations, visitor_messages, assistant_messages, agent_messages, escalations, helpful_votes, not_helpful_votes,
                ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, answered, low_confidence, not_covered
         from analytics_recount_daily(?)
       )
       select ((select count(*) from (table kept except table recounted) a) + (select count(*) from (table recounted except table kept) b))::int as n`,
      [tenantA, tenantA],
    );
    expect(differences).toEqual([{ n: 0 }]);
    const facts = await em.execute<{ n: number }[]>(
      `select count(*)::int as n from analytics_recount_conversation_facts(?) f join conversations c using (id)
       where (c.first_question_at, c.first_answer_ms, c.assistant_answers, c.not_helpful_votes, c.escalated)
         is distinct from (f.first_question_at, f.first_answer_ms, f.assistant_answers, f.not_helpful_votes, f.escalated)`,
      [tenantA],
    );
    expect(facts).toEqual([{ n: 0 }]);
  });
});

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `conversations` conversations between 2026-09-01 and 2026-10-31 with 1 to 8 messages each, some
 * crossing midnight, then votes (some given with the message, some later and changed), hand-overs
 * (some answered by an agent), ratings and model usage. Rows are written in time order, as the app
 * writes them, each kind in one multi-row insert.
 */
async function writeRandomActivity(tenantId: string, widgetChoices: (string | null)[], conversations: number, seed: number): Promise<void> {
  const random = randomSource(seed);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const endUsers = await Promise.all(Array.from({ length: 40 }, () => addEndUser(tenantId)));
  const start = Date.parse("2026-09-01T00:00:00Z");
  const span = Date.parse("2026-11-01T00:00:00Z") - start;
  const rows = { conversations: [] as unknown[][], messages: [] as unknown[][], escalations: [] as unknown[][], ratings: [] as unknown[][], usage: [] as unknown[][], votes: [] as [string, "helpful" | "not_helpful" | null][] };
  for (let n = 0; n < conversations; n++) {
    const id = crypto.randomUUID();
    let at = start + Math.floor(random() * span);
    rows.conversations.push([id, tenantId, pick(widgetChoices), random() < 0.1 ? null : pick(endUsers), new Date(at).toISOString()]);
    const messageCount = 1 + Math.floor(random() * 8);
    for (let m = 0; m < messageCount; m++) {
      const role = m === 0 ? "visitor" : pick(["visitor", "assistant", "assistant", "agent", "note"] as const);
      const messageId = crypto.randomUUID();
      const outcome = role === "assistant" || (role === "visitor" && random() < 0.5) ? pick(["answered", "answered", "low_confidence", "not_covered"]) : null;
      const feedback = role === "assistant" && random() < 0.2 ? pick(["helpful", "not_helpful"]) : null;
      rows.messages.push([messageId, tenantId, id, role, outcome, feedback, new Date(at).toISOString()]);
      if (role === "assistant" && random() < 0.3) rows.votes.push([messageId, pick(["helpful", "not_helpful", null])]);
      if (role === "assistant") {
        rows.usage.push([crypto.randomUUID(), tenantId, "chat", "openai", pick(["gpt-4o-mini", "gpt-4o"]), Math.floor(random() * 3000), Math.floor(random() * 500), (random() / 100).toFixed(6), new Date(at).toISOString()]);
      }
      at += Math.floor(random() * 3_600_000);
    }
    if (random() < 0.25) {
      const escalatedAt = at + 1000;
      const responseAt = random() < 0.7 ? new Date(escalatedAt + Math.floor(random() * 7_200_000)).toISOString() : null;
      rows.escalations.push([crypto.randomUUID(), tenantId, id, new Date(escalatedAt).toISOString(), new Date(escalatedAt).toISOString(), responseAt]);
      if (random() < 0.6) rows.ratings.push([crypto.randomUUID(), tenantId, id, 1 + Math.floor(random() * 5), new Date(escalatedAt + 60_000).toISOString()]);
    }
  }
  rows.messages.sort((a, b) => String(a[6]).localeCompare(String(b[6])));
  await withTenant(tenantId, async (em) => {
    const insertAll = async (sql: string, values: unknown[][]) => {
      for (let offset = 0; offset < values.length; offset += 500) {
        const batch = values.slice(offset, offset + 500);
        await em.execute(`${sql} values ${batch.map((row) => `(${row.map(() => "?").join(", ")})`).join(", ")}`, batch.flat());
      }
    };
    await insertAll(`insert into conversations (id, tenant_id, widget_id, end_user_id, created_at)`, rows.conversations);
    await insertAll(`insert into messages (id, tenant_id, conversation_id, role, outcome, feedback, created_at, content)`, rows.messages.map((row) => [...row, "text"]));
    await insertAll(`insert into escalations (id, tenant_id, conversation_id, created_at, updated_at, first_response_at, trigger, status)`, rows.escalations.map((row) => [...row, "visitor_request", "resolved"]));
    await insertAll(`insert into survey_responses (id, tenant_id, conversation_id, rating, created_at)`, rows.ratings);
    await insertAll(`insert into usage_events (id, tenant_id, service, provider, model, input_tokens, output_tokens, cost_usd, created_at)`, rows.usage);
  });
  for (const [messageId, feedback] of rows.votes) await vote(tenantId, messageId, feedback);
}

type Figures = Record<keyof Overview["metrics"], number | null>;

/** Each overview figure, by its definition, from conversations, messages, escalations, ratings and usage events. */
async function figuresFromRows(tenantId: string, range: { from: string; to: string }, widgetId: string | null): Promise<Figures> {
  const from = `${range.from}T00:00:00Z`;
  const to = new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000).toISOString();
  const widget = widgetId ? "and c.widget_id = ?" : "";
  const widgetParam = widgetId ? [widgetId] : [];
  return withTenant(tenantId, async (em) => {
    const [conversations] = await em.execute<Record<string, number | null>[]>(
      `with started as (
         select c.id, c.end_user_id,
           exists (select from messages m where m.conversation_id = c.id and m.role = 'assistant') as answered,
           exists (select from escalations e where e.conversation_id = c.id) as escalated,
           exists (select from messages m where m.conversation_id = c.id and m.feedback = 'not_helpful') as voted_down,
           (select min(m.created_at) from messages m where m.conversation_id = c.id and m.role = 'visitor') as asked_at
         from conversations c where c.tenant_id = ? and c.created_at >= ? and c.created_at < ? ${widget}
       )
       select count(*)::float8 as conversations,
         count(distinct end_user_id)::float8 as "uniqueEndUsers",
         (count(*) filter (where answered and not escalated and not voted_down))::float8 / nullif(count(*) filter (where answered), 0) as "aiResolutionRate",
         (count(*) filter (where escalated))::float8 / nullif(count(*), 0) as "escalationRate",
         percentile_cont(0.5) within group (order by extract(epoch from
           (select min(m.created_at) from messages m where m.conversation_id = started.id and m.role = 'assistant' and m.created_at >= asked_at) - asked_at) * 1000)::float8
           as "medianFirstAnswerMs"
       from started`,
      [tenantId, from, to, ...widgetParam],
    );
    const [messages] = await em.execute<Record<string, number | null>[]>(
      `select count(*) filter (where m.role in ('visitor', 'assistant', 'agent'))::float8 as messages,
         (count(*) filter (where m.feedback = 'helpful'))::float8 / nullif(count(*) filter (where m.feedback is not null), 0) as "helpfulShare"
       from messages m join conversations c on c.id = m.conversation_id where m.tenant_id = ? and m.created_at >= ? and m.created_at < ? ${widget}`,
      [tenantId, from, to, ...widgetParam],
    );
    const [escalations] = await em.execute<Record<string, number | null>[]>(
      `select percentile_cont(0.5) within group (order by extract(epoch from e.first_response_at - e.created_at) * 1000)::float8 as "medianAgentFirstResponseMs"
       from escalations e join conversations c on c.id = e.conversation_id
       where e.tenant_id = ? and e.created_at >= ? and e.created_at < ? and e.first_response_at is not null ${widget}`,
      [tenantId, from, to, ...widgetParam],
    );
    const [ratings] = await em.execute<Record<string, number | null>[]>(
      `select avg(s.rating)::float8 as "averageRating" from survey_responses s join conversations c on c.id = s.conversation_id
       where s.tenant_id = ? and s.created_at >= ? and s.created_at < ? ${widget}`,
      [tenantId, from, to, ...widgetParam],
    );
    const [usage] = await em.execute<Record<string, number | null>[]>(
      `select coalesce(sum(input_tokens + output_tokens), 0)::float8 as tokens, coalesce(sum(cost_usd), 0)::float8 as "costUsd"
       from usage_events where tenant_id = ? and created_at >= ? and created_at < ?`,
      [tenantId, from, to],
    );
    return { ...conversations, ...messages, ...escalations, ...ratings, ...usage } as Figures;
  });
}

async function dailyFromRows(tenantId: string, range: { from: string; to: string }, widgetId: string | null): Promise<unknown[][]> {
  const rows = await withTenant(tenantId, (em) =>
    em.execute<{ day: string; conversations: number; messages: number; escalations: number; ratings: number }[]>(
      `select to_char(d, 'YYYY-MM-DD') as day,
         (select count(*)::int from conversations c where c.tenant_id = ? and (c.created_at at time zone 'utc')::date = d ${widgetId ? "and c.widget_id = ?" : ""}) as conversations,
         (select count(*)::int from messages m join conversations c on c.id = m.conversation_id
          where m.tenant_id = ? and (m.created_at at time zone 'utc')::date = d and m.role in ('visitor', 'assistant', 'agent') ${widgetId ? "and c.widget_id = ?" : ""}) as messages,
         (select count(*)::int from escalations e join conversations c on c.id = e.conversation_id
          where e.tenant_id = ? and (e.created_at at time zone 'utc')::date = d ${widgetId ? "and c.widget_id = ?" : ""}) as escalations,
         (select count(*)::int from survey_responses s join conversations c on c.id = s.conversation_id
          where s.tenant_id = ? and (s.created_at at time zone 'utc')::date = d ${widgetId ? "and c.widget_id = ?" : ""}) as ratings
       from generate_series(?::date, ?::date, interval '1 day') d order by d`,
      [...[1, 2, 3, 4].flatMap(() => [tenantId, ...(widgetId ? [widgetId] : [])]), range.from, range.to],
    ),
  );
  return rows.map((row) => [row.day, row.conversations, row.messages, row.escalations, row.ratings]);
}
