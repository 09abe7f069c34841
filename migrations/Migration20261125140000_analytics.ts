import { Migration } from "@mikro-orm/migrations";
import { tenantIsolationStatements } from "./tenant-isolation";

/**
 * Analytics: daily rollups (kept up to date as rows are written, so the dashboard never re-counts
 * every message), per-conversation facts the overview filters on, question clusters for "what
 * customers ask" and knowledge gaps, sentiment, and one lead per conversation.
 */
export class Migration20261125140000_analytics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "analytics_daily" ("id" uuid not null default gen_random_uuid(), "tenant_id" uuid not null, "day" date not null, "widget_id" uuid null, "conversations" int not null default 0, "visitor_messages" int not null default 0, "assistant_messages" int not null default 0, "agent_messages" int not null default 0, "escalations" int not null default 0, "helpful_votes" int not null default 0, "not_helpful_votes" int not null default 0, "ratings" int not null default 0, "rating_sum" int not null default 0, "rating_1" int not null default 0, "rating_2" int not null default 0, "rating_3" int not null default 0, "rating_4" int not null default 0, "rating_5" int not null default 0, "answered" int not null default 0, "low_confidence" int not null default 0, "not_covered" int not null default 0, constraint "analytics_daily_pkey" primary key ("id"));`);
    this.addSql(`alter table "analytics_daily" add constraint "analytics_daily_key" unique nulls not distinct ("tenant_id", "day", "widget_id");`);
    this.addSql(`alter table "analytics_daily" add constraint "analytics_daily_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "analytics_usage_daily" ("id" uuid not null default gen_random_uuid(), "tenant_id" uuid not null, "day" date not null, "service" text not null, "provider" varchar(40) not null, "model" varchar(120) not null, "calls" int not null default 0, "input_tokens" bigint not null default 0, "output_tokens" bigint not null default 0, "cost_usd" numeric(14,6) not null default 0, constraint "analytics_usage_daily_pkey" primary key ("id"));`);
    this.addSql(`alter table "analytics_usage_daily" add constraint "analytics_usage_daily_key" unique ("tenant_id", "day", "service", "provider", "model");`);
    this.addSql(`alter table "analytics_usage_daily" add constraint "analytics_usage_daily_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "question_clusters" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "embedding_model" varchar(120) not null, "centroid" vector not null, "size" int not null default 0, "representative" text not null, "last_asked_at" timestamptz not null default now(), "gap_status" text check ("gap_status" in ('open', 'dismissed', 'closed')) null, "gap_updated_at" timestamptz null, constraint "question_clusters_pkey" primary key ("id"));`);
    this.addSql(`create index "question_clusters_tenant_id_embedding_model_index" on "question_clusters" ("tenant_id", "embedding_model");`);
    this.addSql(`alter table "question_clusters" add constraint "question_clusters_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "conversations" add column "first_question_at" timestamptz null, add column "first_answer_ms" int null, add column "assistant_answers" int not null default 0, add column "not_helpful_votes" int not null default 0, add column "escalated" boolean not null default false;`);
    this.addSql(`create index "conversations_tenant_id_widget_id_created_at_index" on "conversations" ("tenant_id", "widget_id", "created_at");`);
    this.addSql(`alter table "messages" add column "outcome" text check ("outcome" in ('answered', 'low_confidence', 'not_covered')) null, add column "sentiment" real null, add column "question_embedding" vector null, add column "embedding_model" varchar(120) null, add column "cluster_id" uuid null;`);
    this.addSql(`alter table "messages" add constraint "messages_cluster_id_foreign" foreign key ("cluster_id") references "question_clusters" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "messages_questions" on "messages" ("tenant_id", "created_at") where "role" = 'visitor';`);
    this.addSql(`create index "messages_cluster_id_created_at_index" on "messages" ("cluster_id", "created_at") where "cluster_id" is not null;`);
    this.addSql(`alter table "end_users" add column "average_sentiment" real null, add column "conversation_count" int not null default 0;`);
    this.addSql(`alter table "end_users" add constraint "end_users_average_sentiment_range" check ("average_sentiment" between -1 and 1);`);
    this.addSql(`alter table "conversations" add constraint "conversations_sentiment_range" check ("sentiment" between -1 and 1);`);
    this.addSql(`create unique index "leads_one_per_conversation" on "leads" ("conversation_id") where "conversation_id" is not null;`);

    for (const table of ["analytics_daily", "analytics_usage_daily", "question_clusters"]) {
      tenantIsolationStatements(table).forEach((statement) => this.addSql(statement));
    }

    // Runs as the writer (app_tenant), so row level security applies to the rollup row too.
    this.addSql(`create function analytics_count_usage() returns trigger language plpgsql as $$
      begin
        insert into analytics_usage_daily as d (tenant_id, day, service, provider, model, calls, input_tokens, output_tokens, cost_usd)
        values (new.tenant_id, (new.created_at at time zone 'utc')::date, new.service, new.provider, new.model, 1, new.input_tokens, new.output_tokens, new.cost_usd)
        on conflict (tenant_id, day, service, provider, model) do update set
          calls = d.calls + 1,
          input_tokens = d.input_tokens + excluded.input_tokens,
          output_tokens = d.output_tokens + excluded.output_tokens,
          cost_usd = d.cost_usd + excluded.cost_usd;
        return null;
      end $$;`);
    this.addSql(`create trigger usage_events_rollup after insert on usage_events for each row execute function analytics_count_usage();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists usage_events_rollup on usage_events;`);
    this.addSql(`drop function if exists analytics_count_usage();`);
    this.addSql(`drop index if exists "leads_one_per_conversation";`);
    this.addSql(`alter table "conversations" drop constraint "conversations_sentiment_range";`);
    this.addSql(`alter table "end_users" drop column "average_sentiment", drop column "conversation_count";`);
    this.addSql(`alter table "messages" drop column "outcome", drop column "sentiment", drop column "question_embedding", drop column "embedding_model", drop column "cluster_id";`);
    this.addSql(`drop index if exists "conversations_tenant_id_widget_id_created_at_index";`);
    this.addSql(`alter table "conversations" drop column "first_question_at", drop column "first_answer_ms", drop column "assistant_answers", drop column "not_helpful_votes", drop column "escalated";`);
    this.addSql(`drop table if exists "question_clusters" cascade;`);
    this.addSql(`drop table if exists "analytics_usage_daily" cascade;`);
    this.addSql(`drop table if exists "analytics_daily" cascade;`);
  }
}
