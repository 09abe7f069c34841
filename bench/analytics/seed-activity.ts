import type pg from "pg";
import { query } from "../sql";

export interface ActivityShape {
  conversations: number;
  messagesPerConversation: number;
  /** Spread over this many days up to now. */
  days: number;
  /**
   * Load with the triggers off and rebuild the tenant's rollups in one pass afterwards
   * (`analytics_rebuild`, which gives exactly what the triggers give for rows written in time
   * order), instead of one trigger call per row.
   */
  bulkRollup: boolean;
}

const BATCH = 10_000;

/**
 * Fills one tenant with support activity in bulk SQL, as the database owner, `BATCH`
 * conversations per transaction: end users (one per two conversations), conversations over the
 * tenant's widgets, messages alternating customer / assistant (agents take over in hand-overs),
 * answer outcomes 70% answered, 20% unsure, 10% not covered; votes on 14% of answers (10 helpful,
 * 4 not helpful); 15% handed over (85% of those answered by an agent within 2 h, 60% rated); one
 * model call per conversation over three models. Rows go in in time order, as the app writes them.
 */
export async function seedActivity(client: pg.Client, tenantId: string, shape: ActivityShape): Promise<void> {
  for (let done = 0; done < shape.conversations; done += BATCH) {
    const count = Math.min(BATCH, shape.conversations - done);
    await client.query("begin");
    if (shape.bulkRollup) await client.query("set local session_replication_role = replica");
    await client.query(
      `create temp table batch on commit drop as
       select gen_random_uuid() as id, gen_random_uuid() as end_user_id, g,
              now() - random() * ($2::int * interval '1 day') as at,
              random() < 0.15 as escalated,
              (select array_agg(id order by created_at) from widgets where tenant_id = $1) as widgets
       from generate_series(1, $3::int) g`,
      [tenantId, shape.days, count],
    );
    await client.query(
      `insert into end_users (id, tenant_id, first_seen_at, last_seen_at) select end_user_id, $1, at, at from batch where g % 2 = 0`,
      [tenantId],
    );
    await client.query(
      `insert into conversations (id, tenant_id, widget_id, end_user_id, created_at, status)
       select b.id, $1, case when random() < 0.8 then b.widgets[1] else b.widgets[array_length(b.widgets, 1)] end,
              e.end_user_id, b.at, case when b.escalated then 'resolved' else 'open' end
       from batch b left join batch e on e.g = b.g + b.g % 2
       order by b.at`,
      [tenantId],
    );
    await client.query(
      `insert into messages (id, tenant_id, conversation_id, role, content, outcome, feedback, created_at)
       select gen_random_uuid(), $1, b.id, m.role, 'Bench message', m.outcome,
              case when m.role = 'assistant' then case when m.vote < 0.10 then 'helpful' when m.vote < 0.14 then 'not_helpful' end end,
              m.at
       from batch b, lateral (
         select case when k % 2 = 0 then 'visitor' when b.escalated and k >= 5 then 'agent' else 'assistant' end as role,
                case when k % 2 = 1 and not (b.escalated and k >= 5) then
                  case when r < 0.7 then 'answered' when r < 0.9 then 'low_confidence' else 'not_covered' end end as outcome,
                random() as vote, b.at + k * interval '40 seconds' + random() * interval '20 seconds' as at
         from generate_series(0, $2::int - 1) k, lateral (select random() + 0 * k as r) pick
       ) m
       order by m.at`,
      [tenantId, shape.messagesPerConversation],
    );
    await client.query(
      `insert into escalations (id, tenant_id, conversation_id, trigger, status, created_at, updated_at, last_activity_at, first_response_at, resolved_at)
       select gen_random_uuid(), $1, id, 'visitor_request', 'resolved', at + interval '3 minutes', at + interval '3 minutes', at + interval '3 minutes',
              case when random() < 0.85 then at + interval '3 minutes' + random() * interval '2 hours' end, at + interval '3 hours'
       from batch where escalated order by at`,
      [tenantId],
    );
    await client.query(
      `insert into survey_responses (id, tenant_id, conversation_id, rating, created_at)
       select gen_random_uuid(), $1, id, (array[1, 2, 3, 4, 4, 5, 5, 5])[1 + floor(random() * 8)::int], at + interval '4 hours'
       from batch where escalated and random() < 0.6 order by at`,
      [tenantId],
    );
    await client.query(
      `insert into usage_events (id, tenant_id, conversation_id, service, provider, model, input_tokens, output_tokens, cost_usd, created_at)
       select gen_random_uuid(), $1, id, case when g % 10 = 0 then 'embedding' else 'chat' end, 'openai',
              case when g % 10 = 0 then 'text-embedding-3-small' when g % 3 = 0 then 'gpt-4o' else 'gpt-4o-mini' end,
              1000 + floor(random() * 2000)::int, case when g % 10 = 0 then 0 else 100 + floor(random() * 400)::int end,
              round((random() / 200)::numeric, 6), at + interval '40 seconds'
       from batch order by at`,
      [tenantId],
    );
    await client.query("commit");
  }
  if (shape.bulkRollup) await query(client, `select analytics_rebuild($1)`, [tenantId]);
}

/** Rows where the kept rollups differ from a recount of the stored rows (all-zero rollup rows left by a vote taken back are ignored). */
export async function rollupDifferences(client: pg.Client, tenantId: string): Promise<number> {
  const rows = await query<{ n: number }>(
    client,
    `with kept as (
       select day, widget_id, conversations, visitor_messages, assistant_messages, agent_messages, escalations, helpful_votes, not_helpful_votes,
              ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, answered, low_confidence, not_covered
       from analytics_daily where tenant_id = $1
         and (conversations, visitor_messages, assistant_messages, agent_messages, escalations, helpful_votes, not_helpful_votes, ratings) <> (0, 0, 0, 0, 0, 0, 0, 0)
     ), recounted as (
       select day, widget_id, conversations, visitor_messages, assistant_messages, agent_messages, escalations, helpful_votes, not_helpful_votes,
              ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, answered, low_confidence, not_covered
       from analytics_recount_daily($1)
     ), facts as (
       select count(*) as n from analytics_recount_conversation_facts($1) f join conversations c using (id)
       where (c.first_question_at, c.first_answer_ms, c.assistant_answers, c.not_helpful_votes, c.escalated)
         is distinct from (f.first_question_at, f.first_answer_ms, f.assistant_answers, f.not_helpful_votes, f.escalated)
     )
     select ((select count(*) from (table kept except table recounted) a) + (select count(*) from (table recounted except table kept) b) + (select n from facts))::int as n`,
    [tenantId],
  );
  return rows[0].n;
}
