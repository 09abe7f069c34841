import { Migration } from "@mikro-orm/migrations";
import { tenantIsolationStatements } from "./tenant-isolation";

/**
 * The escalation inbox and live delivery between app processes.
 *
 * `live_events` is an append-only log written in the same transaction as the change it announces.
 * Readers order it by (tx_id, seq), not seq alone: a sequence number is taken when a row is
 * inserted, but rows become visible when their transaction commits, so a reader going by seq could
 * pass a gap that fills in later. Only rows whose transaction is older than every running one
 * (`tx_id < pg_snapshot_xmin(...)`) are read, and in that order no row can appear behind a cursor.
 * The system role sees only the routing columns, never the payload.
 */
export class Migration20261125130000_escalation_inbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "live_events" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "conversation_id" uuid null, "seq" bigserial not null, "tx_id" xid8 not null default pg_current_xact_id(), "audience" text check ("audience" in ('visitor', 'agents')) not null, "type" varchar(40) not null, "payload" jsonb not null default '{}', constraint "live_events_pkey" primary key ("id"));`);
    this.addSql(`create unique index "live_events_order" on "live_events" ("tx_id", "seq");`);
    this.addSql(`create index "live_events_conversation_order" on "live_events" ("conversation_id", "tx_id", "seq");`);
    this.addSql(`create index "live_events_tenant_order" on "live_events" ("tenant_id", "tx_id", "seq");`);
    this.addSql(`create index "live_events_created_at" on "live_events" ("created_at");`);
    this.addSql(`alter table "live_events" add constraint "live_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "live_events" add constraint "live_events_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "canned_replies" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "title" varchar(120) not null, "content" text not null, "created_by_id" uuid null, constraint "canned_replies_pkey" primary key ("id"));`);
    this.addSql(`alter table "canned_replies" add constraint "canned_replies_tenant_id_title_unique" unique ("tenant_id", "title");`);
    this.addSql(`alter table "canned_replies" add constraint "canned_replies_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "canned_replies" add constraint "canned_replies_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "escalation_reads" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "user_id" uuid not null, "escalation_id" uuid not null, "read_at" timestamptz not null default now(), constraint "escalation_reads_pkey" primary key ("id"));`);
    this.addSql(`alter table "escalation_reads" add constraint "escalation_reads_user_id_escalation_id_unique" unique ("user_id", "escalation_id");`);
    this.addSql(`create index "escalation_reads_escalation_id_index" on "escalation_reads" ("escalation_id");`);
    this.addSql(`alter table "escalation_reads" add constraint "escalation_reads_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "escalation_reads" add constraint "escalation_reads_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "escalation_reads" add constraint "escalation_reads_escalation_id_foreign" foreign key ("escalation_id") references "escalations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "escalations" add column "assigned_at" timestamptz null, add column "last_activity_at" timestamptz not null default now();`);
    this.addSql(`create index "escalations_queue" on "escalations" ("tenant_id", "status", "priority", "sla_due_at");`);
    this.addSql(`create index "escalations_tenant_id_last_activity_at_index" on "escalations" ("tenant_id", "last_activity_at");`);
    this.addSql(`alter table "users" add column "last_seen_at" timestamptz null;`);
    this.addSql(`alter table "survey_responses" add column "escalation_id" uuid null;`);
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_escalation_id_unique" unique ("escalation_id");`);
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_escalation_id_foreign" foreign key ("escalation_id") references "escalations" ("id") on update cascade on delete set null;`);

    for (const table of ["live_events", "canned_replies", "escalation_reads"]) {
      tenantIsolationStatements(table).forEach((statement) => this.addSql(statement));
    }
    this.addSql(`grant usage on sequence "live_events_seq_seq" to app_tenant;`);
    this.addSql(`grant select (tenant_id, conversation_id, seq, tx_id, audience, created_at) on "live_events" to app_system;`);
    this.addSql(`grant delete on "live_events" to app_system;`);
    this.addSql(`create policy system_access on "live_events" to app_system using (true);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "survey_responses" drop column "escalation_id";`);
    this.addSql(`alter table "users" drop column "last_seen_at";`);
    this.addSql(`drop index "escalations_queue";`);
    this.addSql(`drop index "escalations_tenant_id_last_activity_at_index";`);
    this.addSql(`alter table "escalations" drop column "assigned_at", drop column "last_activity_at";`);
    this.addSql(`drop table if exists "escalation_reads" cascade;`);
    this.addSql(`drop table if exists "canned_replies" cascade;`);
    this.addSql(`drop table if exists "live_events" cascade;`);
  }
}
