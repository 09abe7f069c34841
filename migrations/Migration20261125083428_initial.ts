import { Migration } from '@mikro-orm/migrations';

export class Migration20261125083428_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists vector;`);

    this.addSql(`create table "rate_limit_buckets" ("key" varchar(200) not null, "window_start" timestamptz not null, "hits" int not null, constraint "rate_limit_buckets_pkey" primary key ("key"));`);

    this.addSql(`create table "tenants" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(120) not null, "slug" varchar(80) not null, "plan" text check ("plan" in ('free', 'starter', 'growth', 'business', 'enterprise')) not null default 'starter', "status" text check ("status" in ('active', 'suspended', 'cancelled')) not null default 'active', "settings" jsonb not null default '{}', "retention_days" int not null default 365, constraint "tenants_pkey" primary key ("id"));`);
    this.addSql(`alter table "tenants" add constraint "tenants_slug_unique" unique ("slug");`);

    this.addSql(`create table "knowledge_documents" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "title" varchar(300) not null, "source_type" text check ("source_type" in ('text', 'file', 'url', 'faq')) not null, "source_url" text null, "file_name" varchar(255) null, "mime_type" varchar(120) null, "content" text not null, "checksum" varchar(64) not null, "tags" text[] not null default '{}', "status" text check ("status" in ('pending', 'processing', 'ready', 'failed')) not null default 'pending', "error" text null, "chunk_count" int not null default 0, "embedding_model" varchar(120) null, constraint "knowledge_documents_pkey" primary key ("id"));`);
    this.addSql(`create index "knowledge_documents_tenant_id_status_index" on "knowledge_documents" ("tenant_id", "status");`);
    this.addSql(`create index "knowledge_documents_tenant_id_checksum_index" on "knowledge_documents" ("tenant_id", "checksum");`);

    this.addSql(`create table "knowledge_chunks" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "document_id" uuid not null, "position" int not null, "heading_path" text not null default '', "content" text not null, "token_count" int not null, "embedding" vector null, "embedding_model" varchar(120) null, constraint "knowledge_chunks_pkey" primary key ("id"));`);
    this.addSql(`create index "knowledge_chunks_tenant_id_document_id_index" on "knowledge_chunks" ("tenant_id", "document_id");`);

    this.addSql(`create table "end_users" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "external_id" varchar(255) null, "identity_verified" boolean not null default false, "email" varchar(254) null, "name" varchar(120) null, "metadata" jsonb not null default '{}', "first_seen_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now(), constraint "end_users_pkey" primary key ("id"));`);
    this.addSql(`alter table "end_users" add constraint "end_users_tenant_id_external_id_unique" unique ("tenant_id", "external_id");`);

    this.addSql(`create table "budget_alerts" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "period" varchar(7) not null, "severity" text check ("severity" in ('warning', 'critical')) not null, "threshold_percent" int not null, "spend_usd" numeric(12,6) not null, "limit_usd" numeric(12,6) not null, "acknowledged_at" timestamptz null, constraint "budget_alerts_pkey" primary key ("id"));`);
    this.addSql(`alter table "budget_alerts" add constraint "budget_alerts_tenant_id_period_severity_unique" unique ("tenant_id", "period", "severity");`);

    this.addSql(`create table "ai_personalities" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" varchar(120) not null, "description" text not null default '', "instructions" text not null default '', "tone" varchar(40) not null default 'friendly', "language" varchar(16) not null default 'en', "temperature" real not null default 0.2, "max_tokens" int not null default 512, "provider" varchar(40) not null default 'offline', "model" varchar(120) not null default 'extractive', "knowledge_only" boolean not null default true, "fallback_message" text not null default 'I could not find that in our help content. Would you like to talk to a person?', "is_default" boolean not null default false, constraint "ai_personalities_pkey" primary key ("id"));`);
    this.addSql(`create index "ai_personalities_tenant_id_index" on "ai_personalities" ("tenant_id");`);

    this.addSql(`create table "users" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "email" varchar(254) not null, "name" varchar(120) not null, "password_hash" varchar(255) not null, "role" text check ("role" in ('owner', 'admin', 'agent', 'viewer')) not null default 'agent', "last_login_at" timestamptz null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`create index "users_tenant_id_index" on "users" ("tenant_id");`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "invitations" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "email" varchar(254) not null, "role" text check ("role" in ('owner', 'admin', 'agent', 'viewer')) not null, "token_hash" varchar(64) not null, "invited_by_id" uuid null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, constraint "invitations_pkey" primary key ("id"));`);
    this.addSql(`create index "invitations_tenant_id_index" on "invitations" ("tenant_id");`);
    this.addSql(`alter table "invitations" add constraint "invitations_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "auth_sessions" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "data" jsonb not null default '{}', "ip_address" varchar(64) null, "user_agent" varchar(512) null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, constraint "auth_sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "auth_sessions_tenant_id_index" on "auth_sessions" ("tenant_id");`);
    this.addSql(`create index "auth_sessions_user_id_index" on "auth_sessions" ("user_id");`);
    this.addSql(`alter table "auth_sessions" add constraint "auth_sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "auth_sessions_expires_at_index" on "auth_sessions" ("expires_at");`);

    this.addSql(`create table "audit_logs" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "actor_id" uuid null, "action" varchar(80) not null, "target_type" varchar(60) null, "target_id" varchar(64) null, "ip_address" varchar(64) null, "details" jsonb not null default '{}', constraint "audit_logs_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_logs_tenant_id_created_at_index" on "audit_logs" ("tenant_id", "created_at");`);

    this.addSql(`create table "api_keys" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "name" varchar(120) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "scopes" text[] not null default '{}', "created_by_id" uuid null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`);
    this.addSql(`create index "api_keys_tenant_id_index" on "api_keys" ("tenant_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);

    this.addSql(`create table "widgets" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "personality_id" uuid null, "name" varchar(120) not null, "public_id" varchar(32) not null, "allowed_origins" text[] not null default '{}', "settings" jsonb not null default '{}', "identity_secret" varchar(128) null, "is_active" boolean not null default true, constraint "widgets_pkey" primary key ("id"));`);
    this.addSql(`create index "widgets_tenant_id_index" on "widgets" ("tenant_id");`);
    this.addSql(`alter table "widgets" add constraint "widgets_public_id_unique" unique ("public_id");`);

    this.addSql(`create table "conversations" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "widget_id" uuid null, "end_user_id" uuid null, "personality_id" uuid null, "status" text check ("status" in ('open', 'escalated', 'resolved', 'closed')) not null default 'open', "session_token_hash" varchar(64) null, "summary" text null, "sentiment" real null, "message_count" int not null default 0, "cost_usd" numeric(12,6) not null default 0, "metadata" jsonb not null default '{}', "last_message_at" timestamptz null, "ended_at" timestamptz null, constraint "conversations_pkey" primary key ("id"));`);
    this.addSql(`create index "conversations_widget_id_index" on "conversations" ("widget_id");`);
    this.addSql(`create index "conversations_end_user_id_index" on "conversations" ("end_user_id");`);
    this.addSql(`alter table "conversations" add constraint "conversations_session_token_hash_unique" unique ("session_token_hash");`);
    this.addSql(`create index "conversations_tenant_id_created_at_index" on "conversations" ("tenant_id", "created_at");`);

    this.addSql(`create table "usage_events" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "conversation_id" uuid null, "service" text check ("service" in ('chat', 'embedding')) not null, "provider" varchar(40) not null, "model" varchar(120) not null, "input_tokens" int not null default 0, "output_tokens" int not null default 0, "cost_usd" numeric(12,6) not null default 0, constraint "usage_events_pkey" primary key ("id"));`);
    this.addSql(`create index "usage_events_tenant_id_created_at_index" on "usage_events" ("tenant_id", "created_at");`);

    this.addSql(`create table "survey_responses" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "conversation_id" uuid not null, "end_user_id" uuid null, "rating" smallint not null, "comment" text not null default '', constraint "survey_responses_pkey" primary key ("id"));`);
    this.addSql(`create index "survey_responses_conversation_id_index" on "survey_responses" ("conversation_id");`);
    this.addSql(`create index "survey_responses_tenant_id_created_at_index" on "survey_responses" ("tenant_id", "created_at");`);

    this.addSql(`create table "messages" ("id" uuid not null, "created_at" timestamptz not null default now(), "tenant_id" uuid not null, "conversation_id" uuid not null, "role" text check ("role" in ('visitor', 'assistant', 'agent', 'system', 'note')) not null, "author_id" uuid null, "content" text not null, "citations" jsonb not null default '[]', "confidence" real null, "feedback" text check ("feedback" in ('helpful', 'not_helpful')) null, "model" varchar(120) null, "prompt_tokens" int not null default 0, "completion_tokens" int not null default 0, "cost_usd" numeric(12,6) not null default 0, "latency_ms" int null, constraint "messages_pkey" primary key ("id"));`);
    this.addSql(`create index "messages_tenant_id_created_at_index" on "messages" ("tenant_id", "created_at");`);
    this.addSql(`create index "messages_conversation_id_created_at_index" on "messages" ("conversation_id", "created_at");`);

    this.addSql(`create table "leads" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "conversation_id" uuid null, "end_user_id" uuid null, "name" varchar(120) null, "email" varchar(254) null, "phone" varchar(40) null, "intent" text not null default '', "status" text check ("status" in ('new', 'contacted', 'qualified', 'converted', 'lost')) not null default 'new', "notes" text not null default '', constraint "leads_pkey" primary key ("id"));`);
    this.addSql(`create index "leads_tenant_id_status_created_at_index" on "leads" ("tenant_id", "status", "created_at");`);

    this.addSql(`create table "escalations" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "conversation_id" uuid not null, "end_user_id" uuid null, "trigger" text check ("trigger" in ('visitor_request', 'low_confidence', 'negative_feedback', 'keyword_rule', 'agent')) not null, "reason" text not null default '', "priority" text check ("priority" in ('low', 'normal', 'high', 'urgent')) not null default 'normal', "status" text check ("status" in ('open', 'assigned', 'waiting', 'resolved')) not null default 'open', "assignee_id" uuid null, "sla_due_at" timestamptz null, "first_response_at" timestamptz null, "resolved_at" timestamptz null, constraint "escalations_pkey" primary key ("id"));`);
    this.addSql(`create index "escalations_conversation_id_index" on "escalations" ("conversation_id");`);
    this.addSql(`create index "escalations_assignee_id_index" on "escalations" ("assignee_id");`);
    this.addSql(`create index "escalations_tenant_id_status_created_at_index" on "escalations" ("tenant_id", "status", "created_at");`);

    this.addSql(`alter table "knowledge_documents" add constraint "knowledge_documents_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "knowledge_chunks" add constraint "knowledge_chunks_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "knowledge_chunks" add constraint "knowledge_chunks_document_id_foreign" foreign key ("document_id") references "knowledge_documents" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "end_users" add constraint "end_users_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "budget_alerts" add constraint "budget_alerts_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "ai_personalities" add constraint "ai_personalities_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "users" add constraint "users_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "invitations" add constraint "invitations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invitations" add constraint "invitations_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "auth_sessions" add constraint "auth_sessions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "auth_sessions" add constraint "auth_sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "audit_logs" add constraint "audit_logs_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "audit_logs" add constraint "audit_logs_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "widgets" add constraint "widgets_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "widgets" add constraint "widgets_personality_id_foreign" foreign key ("personality_id") references "ai_personalities" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "conversations" add constraint "conversations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_widget_id_foreign" foreign key ("widget_id") references "widgets" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "conversations" add constraint "conversations_end_user_id_foreign" foreign key ("end_user_id") references "end_users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "conversations" add constraint "conversations_personality_id_foreign" foreign key ("personality_id") references "ai_personalities" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "usage_events" add constraint "usage_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "usage_events" add constraint "usage_events_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "survey_responses" add constraint "survey_responses_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_end_user_id_foreign" foreign key ("end_user_id") references "end_users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "messages" add constraint "messages_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "messages" add constraint "messages_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "messages" add constraint "messages_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "leads" add constraint "leads_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "leads" add constraint "leads_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "leads" add constraint "leads_end_user_id_foreign" foreign key ("end_user_id") references "end_users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "escalations" add constraint "escalations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "escalations" add constraint "escalations_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "escalations" add constraint "escalations_end_user_id_foreign" foreign key ("end_user_id") references "end_users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "escalations" add constraint "escalations_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "knowledge_documents" drop constraint "knowledge_documents_tenant_id_foreign";`);

    this.addSql(`alter table "knowledge_chunks" drop constraint "knowledge_chunks_tenant_id_foreign";`);

    this.addSql(`alter table "end_users" drop constraint "end_users_tenant_id_foreign";`);

    this.addSql(`alter table "budget_alerts" drop constraint "budget_alerts_tenant_id_foreign";`);

    this.addSql(`alter table "ai_personalities" drop constraint "ai_personalities_tenant_id_foreign";`);

    this.addSql(`alter table "users" drop constraint "users_tenant_id_foreign";`);

    this.addSql(`alter table "invitations" drop constraint "invitations_tenant_id_foreign";`);

    this.addSql(`alter table "auth_sessions" drop constraint "auth_sessions_tenant_id_foreign";`);

    this.addSql(`alter table "audit_logs" drop constraint "audit_logs_tenant_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_tenant_id_foreign";`);

    this.addSql(`alter table "widgets" drop constraint "widgets_tenant_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_tenant_id_foreign";`);

    this.addSql(`alter table "usage_events" drop constraint "usage_events_tenant_id_foreign";`);

    this.addSql(`alter table "survey_responses" drop constraint "survey_responses_tenant_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_tenant_id_foreign";`);

    this.addSql(`alter table "leads" drop constraint "leads_tenant_id_foreign";`);

    this.addSql(`alter table "escalations" drop constraint "escalations_tenant_id_foreign";`);

    this.addSql(`alter table "knowledge_chunks" drop constraint "knowledge_chunks_document_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_end_user_id_foreign";`);

    this.addSql(`alter table "survey_responses" drop constraint "survey_responses_end_user_id_foreign";`);

    this.addSql(`alter table "leads" drop constraint "leads_end_user_id_foreign";`);

    this.addSql(`alter table "escalations" drop constraint "escalations_end_user_id_foreign";`);

    this.addSql(`alter table "widgets" drop constraint "widgets_personality_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_personality_id_foreign";`);

    this.addSql(`alter table "invitations" drop constraint "invitations_invited_by_id_foreign";`);

    this.addSql(`alter table "auth_sessions" drop constraint "auth_sessions_user_id_foreign";`);

    this.addSql(`alter table "audit_logs" drop constraint "audit_logs_actor_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_created_by_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_author_id_foreign";`);

    this.addSql(`alter table "escalations" drop constraint "escalations_assignee_id_foreign";`);

    this.addSql(`alter table "conversations" drop constraint "conversations_widget_id_foreign";`);

    this.addSql(`alter table "usage_events" drop constraint "usage_events_conversation_id_foreign";`);

    this.addSql(`alter table "survey_responses" drop constraint "survey_responses_conversation_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_conversation_id_foreign";`);

    this.addSql(`alter table "leads" drop constraint "leads_conversation_id_foreign";`);

    this.addSql(`alter table "escalations" drop constraint "escalations_conversation_id_foreign";`);

    this.addSql(`drop table if exists "rate_limit_buckets" cascade;`);

    this.addSql(`drop table if exists "tenants" cascade;`);

    this.addSql(`drop table if exists "knowledge_documents" cascade;`);

    this.addSql(`drop table if exists "knowledge_chunks" cascade;`);

    this.addSql(`drop table if exists "end_users" cascade;`);

    this.addSql(`drop table if exists "budget_alerts" cascade;`);

    this.addSql(`drop table if exists "ai_personalities" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "invitations" cascade;`);

    this.addSql(`drop table if exists "auth_sessions" cascade;`);

    this.addSql(`drop table if exists "audit_logs" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);

    this.addSql(`drop table if exists "widgets" cascade;`);

    this.addSql(`drop table if exists "conversations" cascade;`);

    this.addSql(`drop table if exists "usage_events" cascade;`);

    this.addSql(`drop table if exists "survey_responses" cascade;`);

    this.addSql(`drop table if exists "messages" cascade;`);

    this.addSql(`drop table if exists "leads" cascade;`);

    this.addSql(`drop table if exists "escalations" cascade;`);
  }

}
