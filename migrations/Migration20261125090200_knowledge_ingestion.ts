import { Migration } from "@mikro-orm/migrations";
import { tenantIsolationStatements } from "./tenant-isolation";

/** Durable ingestion jobs, the BM25 inverted index and the vector index of the offline model. */

export class Migration20261125090200_knowledge_ingestion extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "knowledge_postings" ("chunk_id" uuid not null, "lexeme" text not null, "tenant_id" uuid not null, "term_frequency" smallint not null, "chunk_length" smallint not null, constraint "knowledge_postings_pkey" primary key ("chunk_id", "lexeme"));`);

    this.addSql(`create table "ingestion_jobs" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "tenant_id" uuid not null, "document_id" uuid not null, "kind" text check ("kind" in ('ingest', 'reembed')) not null, "status" text check ("status" in ('queued', 'running', 'done', 'failed')) not null default 'queued', "attempts" int not null default 0, "run_after" timestamptz not null default now(), "lease_expires_at" timestamptz null, "last_error" text null, constraint "ingestion_jobs_pkey" primary key ("id"));`);
    this.addSql(`create index "ingestion_jobs_tenant_id_index" on "ingestion_jobs" ("tenant_id");`);
    this.addSql(`create index "ingestion_jobs_document_id_index" on "ingestion_jobs" ("document_id");`);
    this.addSql(`create index "ingestion_jobs_status_run_after_index" on "ingestion_jobs" ("status", "run_after");`);

    this.addSql(`alter table "knowledge_postings" add constraint "knowledge_postings_chunk_id_foreign" foreign key ("chunk_id") references "knowledge_chunks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "knowledge_postings" add constraint "knowledge_postings_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "ingestion_jobs" add constraint "ingestion_jobs_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ingestion_jobs" add constraint "ingestion_jobs_document_id_foreign" foreign key ("document_id") references "knowledge_documents" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "knowledge_documents" add column "embedded_count" int not null default 0, add column "term_count" int not null default 0, add column "source" bytea null default null, alter column "content" set default '';`);

    this.addSql(`alter table "knowledge_chunks" add column "term_count" int not null default 0;`);

    // Tenant isolation for the new tables (see the row_level_security migration for the model).
    for (const table of ["knowledge_postings", "ingestion_jobs"]) {
      tenantIsolationStatements(table).forEach((statement) => this.addSql(statement));
    }
    // Workers claim jobs of any tenant, then do the work itself as that tenant.
    this.addSql(`grant select, update on "ingestion_jobs" to app_system;`);
    this.addSql(`create policy system_access on "ingestion_jobs" to app_system using (true) with check (true);`);

    // BM25: the postings of a query's lexemes, read from the index alone.
    this.addSql(
      `create index "knowledge_postings_tenant_lexeme" on "knowledge_postings" ("tenant_id", "lexeme") include ("chunk_id", "term_frequency", "chunk_length");`,
    );
    // Vectors of the offline model (512 dimensions); other models get their own partial index.
    this.addSql(
      `create index "knowledge_chunks_embedding_use_lite_512" on "knowledge_chunks" using hnsw ((embedding::vector(512)) vector_cosine_ops) where embedding_model = 'use-lite-512';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "knowledge_chunks_embedding_use_lite_512";`);
    this.addSql(`drop table if exists "knowledge_postings" cascade;`);

    this.addSql(`drop table if exists "ingestion_jobs" cascade;`);

    this.addSql(`alter table "knowledge_chunks" drop column "term_count";`);

    this.addSql(`alter table "knowledge_documents" drop column "embedded_count", drop column "term_count", drop column "source", alter column "content" drop default;`);
  }

}
