import { Migration } from "@mikro-orm/migrations";

/**
 * Keeps `analytics_daily` and the per-conversation facts up to date with triggers, and backfills
 * both from the rows already stored.
 *
 * Why triggers: every write path counts (the widget, the inbox, imports, a future API, a manual
 * fix in SQL) without each remembering to, the counts commit or roll back with the row they count,
 * and there is no job that can lag, fail or double count. Each trigger does one upsert on the
 * day's rollup row plus at most one keyed update of the conversation, so a write costs little
 * more. They run as the writer (app_tenant), so row level security applies to the rollup row too.
 *
 * The rules, all on the UTC day of the row written and the widget of its conversation:
 * - conversations: one per conversation, on the day it started;
 * - visitor / assistant / agent messages by role (system messages and internal notes do not count),
 *   and assistant answers by outcome;
 * - helpful / not helpful votes on the day of the answer voted on, changed by the difference
 *   whenever a vote is given, changed or taken back;
 * - escalations on the day of the hand-over; ratings on the day they were given.
 * Conversation facts: the first question's time, the answers given and the time from the first
 * question to the first answer after it, the not-helpful votes, and whether it was ever handed
 * to a person.
 *
 * `analytics_recount_daily(tenant)` and `analytics_recount_conversation_facts(tenant)` compute the
 * same figures from the stored rows in bulk (rows written in time order give identical results);
 * `analytics_rebuild(tenant)` replaces a tenant's rollups with them. The backfill below uses it,
 * and so can a bulk import that loads rows with triggers off.
 */
export class Migration20261125140100_analytics_rollups extends Migration {
  override async up(): Promise<void> {
    // One upsert per counted row: every trigger goes through here with the deltas it adds.
    this.addSql(`create function analytics_daily_add(
        p_tenant uuid, p_day date, p_widget uuid,
        p_conversations int default 0, p_role text default null, p_outcome text default null,
        p_helpful int default 0, p_not_helpful int default 0, p_escalations int default 0, p_rating int default null
      ) returns void language plpgsql as $$
      begin
        insert into analytics_daily as d (tenant_id, day, widget_id, conversations, visitor_messages, assistant_messages, agent_messages,
            escalations, helpful_votes, not_helpful_votes, ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
            answered, low_confidence, not_covered)
        values (p_tenant, p_day, p_widget, p_conversations,
            (p_role is not distinct from 'visitor')::int, (p_role is not distinct from 'assistant')::int, (p_role is not distinct from 'agent')::int,
            p_escalations, p_helpful, p_not_helpful,
            (p_rating is not null)::int, coalesce(p_rating, 0),
            (p_rating is not distinct from 1)::int, (p_rating is not distinct from 2)::int, (p_rating is not distinct from 3)::int,
            (p_rating is not distinct from 4)::int, (p_rating is not distinct from 5)::int,
            (p_outcome is not distinct from 'answered')::int, (p_outcome is not distinct from 'low_confidence')::int,
            (p_outcome is not distinct from 'not_covered')::int)
        on conflict on constraint analytics_daily_key do update set
          conversations = d.conversations + excluded.conversations,
          visitor_messages = d.visitor_messages + excluded.visitor_messages,
          assistant_messages = d.assistant_messages + excluded.assistant_messages,
          agent_messages = d.agent_messages + excluded.agent_messages,
          escalations = d.escalations + excluded.escalations,
          helpful_votes = d.helpful_votes + excluded.helpful_votes,
          not_helpful_votes = d.not_helpful_votes + excluded.not_helpful_votes,
          ratings = d.ratings + excluded.ratings,
          rating_sum = d.rating_sum + excluded.rating_sum,
          rating_1 = d.rating_1 + excluded.rating_1,
          rating_2 = d.rating_2 + excluded.rating_2,
          rating_3 = d.rating_3 + excluded.rating_3,
          rating_4 = d.rating_4 + excluded.rating_4,
          rating_5 = d.rating_5 + excluded.rating_5,
          answered = d.answered + excluded.answered,
          low_confidence = d.low_confidence + excluded.low_confidence,
          not_covered = d.not_covered + excluded.not_covered;
      end $$;`);

    this.addSql(`create function analytics_count_conversation() returns trigger language plpgsql as $$
      begin
        perform analytics_daily_add(new.tenant_id, (new.created_at at time zone 'utc')::date, new.widget_id, p_conversations => 1);
        return null;
      end $$;`);

    // A vote can arrive with the message (imports) or later (the widget): both count.
    this.addSql(`create function analytics_count_message() returns trigger language plpgsql as $$
      declare
        counted_role text := case when new.role in ('visitor', 'assistant', 'agent') then new.role end;
        not_helpful int := (new.feedback is not distinct from 'not_helpful')::int;
        conversation_widget uuid;
        question_at timestamptz;
      begin
        if counted_role is null and new.feedback is null then
          return null;
        end if;
        if counted_role = 'assistant' or not_helpful = 1 then
          update conversations set
            assistant_answers = assistant_answers + (counted_role is not distinct from 'assistant')::int,
            not_helpful_votes = not_helpful_votes + not_helpful,
            first_answer_ms = case
              when counted_role = 'assistant' and first_answer_ms is null and first_question_at <= new.created_at
              then round(extract(epoch from new.created_at - first_question_at) * 1000)::int
              else first_answer_ms end
          where id = new.conversation_id
          returning widget_id into conversation_widget;
        else
          select widget_id, first_question_at into conversation_widget, question_at from conversations where id = new.conversation_id;
          if counted_role = 'visitor' and question_at is null then
            update conversations set first_question_at = new.created_at where id = new.conversation_id;
          end if;
        end if;
        perform analytics_daily_add(new.tenant_id, (new.created_at at time zone 'utc')::date, conversation_widget,
          p_role => counted_role,
          p_outcome => case when counted_role = 'assistant' then new.outcome end,
          p_helpful => (new.feedback is not distinct from 'helpful')::int, p_not_helpful => not_helpful);
        return null;
      end $$;`);

    this.addSql(`create function analytics_count_feedback() returns trigger language plpgsql as $$
      declare
        helpful_delta int := (new.feedback is not distinct from 'helpful')::int - (old.feedback is not distinct from 'helpful')::int;
        not_helpful_delta int := (new.feedback is not distinct from 'not_helpful')::int - (old.feedback is not distinct from 'not_helpful')::int;
        conversation_widget uuid;
      begin
        if not_helpful_delta <> 0 then
          update conversations set not_helpful_votes = not_helpful_votes + not_helpful_delta
          where id = new.conversation_id returning widget_id into conversation_widget;
        else
          select widget_id into conversation_widget from conversations where id = new.conversation_id;
        end if;
        perform analytics_daily_add(new.tenant_id, (new.created_at at time zone 'utc')::date, conversation_widget,
          p_helpful => helpful_delta, p_not_helpful => not_helpful_delta);
        return null;
      end $$;`);

    this.addSql(`create function analytics_count_escalation() returns trigger language plpgsql as $$
      declare
        conversation_widget uuid;
      begin
        update conversations set escalated = true where id = new.conversation_id returning widget_id into conversation_widget;
        perform analytics_daily_add(new.tenant_id, (new.created_at at time zone 'utc')::date, conversation_widget, p_escalations => 1);
        return null;
      end $$;`);

    this.addSql(`create function analytics_count_rating() returns trigger language plpgsql as $$
      begin
        perform analytics_daily_add(new.tenant_id, (new.created_at at time zone 'utc')::date,
          (select widget_id from conversations where id = new.conversation_id), p_rating => new.rating);
        return null;
      end $$;`);

    this.addSql(`create trigger conversations_rollup after insert on conversations for each row execute function analytics_count_conversation();`);
    this.addSql(`create trigger messages_rollup after insert on messages for each row execute function analytics_count_message();`);
    this.addSql(
      `create trigger messages_feedback_rollup after update of feedback on messages for each row when (old.feedback is distinct from new.feedback) execute function analytics_count_feedback();`,
    );
    this.addSql(`create trigger escalations_rollup after insert on escalations for each row execute function analytics_count_escalation();`);
    this.addSql(`create trigger survey_responses_rollup after insert on survey_responses for each row execute function analytics_count_rating();`);

    this.addSql(`create function analytics_recount_daily(p_tenant uuid) returns setof analytics_daily language sql stable as $$
      select gen_random_uuid(), p_tenant, day, widget_id,
        sum(conversations)::int, sum(visitor)::int, sum(assistant)::int, sum(agent)::int, sum(escalations)::int,
        sum(helpful)::int, sum(not_helpful)::int, count(rating)::int, coalesce(sum(rating), 0)::int,
        count(*) filter (where rating = 1)::int, count(*) filter (where rating = 2)::int, count(*) filter (where rating = 3)::int,
        count(*) filter (where rating = 4)::int, count(*) filter (where rating = 5)::int,
        sum(answered)::int, sum(low_confidence)::int, sum(not_covered)::int
      from (
        select (c.created_at at time zone 'utc')::date as day, c.widget_id, 1 as conversations, 0 as visitor, 0 as assistant, 0 as agent,
          0 as escalations, 0 as helpful, 0 as not_helpful, null::int as rating, 0 as answered, 0 as low_confidence, 0 as not_covered
        from conversations c where c.tenant_id = p_tenant
        union all
        select (m.created_at at time zone 'utc')::date, c.widget_id, 0,
          (m.role = 'visitor')::int, (m.role = 'assistant')::int, (m.role = 'agent')::int, 0,
          coalesce((m.feedback = 'helpful')::int, 0), coalesce((m.feedback = 'not_helpful')::int, 0), null,
          coalesce((m.role = 'assistant' and m.outcome = 'answered')::int, 0),
          coalesce((m.role = 'assistant' and m.outcome = 'low_confidence')::int, 0),
          coalesce((m.role = 'assistant' and m.outcome = 'not_covered')::int, 0)
        from messages m join conversations c on c.id = m.conversation_id
        where m.tenant_id = p_tenant and (m.role in ('visitor', 'assistant', 'agent') or m.feedback is not null)
        union all
        select (e.created_at at time zone 'utc')::date, c.widget_id, 0, 0, 0, 0, 1, 0, 0, null, 0, 0, 0
        from escalations e join conversations c on c.id = e.conversation_id where e.tenant_id = p_tenant
        union all
        select (s.created_at at time zone 'utc')::date, c.widget_id, 0, 0, 0, 0, 0, 0, 0, s.rating, 0, 0, 0
        from survey_responses s join conversations c on c.id = s.conversation_id where s.tenant_id = p_tenant
      ) counted
      group by day, widget_id
    $$;`);

    this.addSql(`create function analytics_recount_conversation_facts(p_tenant uuid)
      returns table (id uuid, first_question_at timestamptz, first_answer_ms int, assistant_answers int, not_helpful_votes int, escalated boolean)
      language sql stable as $$
      with first_questions as (
        select conversation_id, min(created_at) as asked_at from messages
        where tenant_id = p_tenant and role = 'visitor' group by conversation_id
      ), message_facts as (
        select m.conversation_id, q.asked_at,
          min(m.created_at) filter (where m.role = 'assistant' and m.created_at >= q.asked_at) as answered_at,
          count(*) filter (where m.role = 'assistant') as answers,
          count(*) filter (where m.feedback = 'not_helpful') as not_helpful
        from messages m left join first_questions q using (conversation_id)
        where m.tenant_id = p_tenant group by m.conversation_id, q.asked_at
      )
      select c.id, f.asked_at, round(extract(epoch from f.answered_at - f.asked_at) * 1000)::int,
        coalesce(f.answers, 0)::int, coalesce(f.not_helpful, 0)::int,
        exists (select from escalations e where e.conversation_id = c.id)
      from conversations c left join message_facts f on f.conversation_id = c.id
      where c.tenant_id = p_tenant
    $$;`);

    // Sets the tenant itself so that it also works for a migration role that row level security binds.
    this.addSql(`create function analytics_rebuild(p_tenant uuid) returns void language plpgsql as $$
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        update conversations c set first_question_at = f.first_question_at, first_answer_ms = f.first_answer_ms,
          assistant_answers = f.assistant_answers, not_helpful_votes = f.not_helpful_votes, escalated = f.escalated
        from analytics_recount_conversation_facts(p_tenant) f
        where c.id = f.id and (c.first_question_at, c.first_answer_ms, c.assistant_answers, c.not_helpful_votes, c.escalated)
          is distinct from (f.first_question_at, f.first_answer_ms, f.assistant_answers, f.not_helpful_votes, f.escalated);
        delete from analytics_daily where tenant_id = p_tenant;
        insert into analytics_daily select * from analytics_recount_daily(p_tenant);
        delete from analytics_usage_daily where tenant_id = p_tenant;
        insert into analytics_usage_daily (tenant_id, day, service, provider, model, calls, input_tokens, output_tokens, cost_usd)
        select tenant_id, (created_at at time zone 'utc')::date, service, provider, model, count(*), sum(input_tokens), sum(output_tokens), sum(cost_usd)
        from usage_events where tenant_id = p_tenant group by 1, 2, 3, 4, 5;
        perform set_config('app.tenant_id', '', true);
      end $$;`);
    for (const fn of ["analytics_recount_daily(uuid)", "analytics_recount_conversation_facts(uuid)", "analytics_rebuild(uuid)"]) {
      this.addSql(`revoke execute on function ${fn} from public;`);
    }

    // The overview's "agents' first response" reads escalations by creation time.
    this.addSql(`create index "escalations_tenant_id_created_at_index" on "escalations" ("tenant_id", "created_at");`);

    // Usage events written before the usage rollup existed are counted here too.
    this.addSql(`select analytics_rebuild(id) from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "escalations_tenant_id_created_at_index";`);
    this.addSql(`drop trigger if exists survey_responses_rollup on survey_responses;`);
    this.addSql(`drop trigger if exists escalations_rollup on escalations;`);
    this.addSql(`drop trigger if exists messages_feedback_rollup on messages;`);
    this.addSql(`drop trigger if exists messages_rollup on messages;`);
    this.addSql(`drop trigger if exists conversations_rollup on conversations;`);
    for (const fn of [
      "analytics_rebuild(uuid)",
      "analytics_recount_conversation_facts(uuid)",
      "analytics_recount_daily(uuid)",
      "analytics_count_rating()",
      "analytics_count_escalation()",
      "analytics_count_feedback()",
      "analytics_count_message()",
      "analytics_count_conversation()",
      "analytics_daily_add(uuid, date, uuid, int, text, text, int, int, int, int)",
    ]) {
      this.addSql(`drop function if exists ${fn};`);
    }
  }
}
