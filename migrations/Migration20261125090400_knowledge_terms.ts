import { Migration } from "@mikro-orm/migrations";
import { tenantIsolationStatements } from "./tenant-isolation";

/** BM25 document frequencies per tenant and lexeme, so queries skip counting postings of common words. */
export class Migration20261125090400_knowledge_terms extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "knowledge_terms" ("tenant_id" uuid not null, "lexeme" text not null, "document_frequency" int not null, constraint "knowledge_terms_pkey" primary key ("tenant_id", "lexeme"));`,
    );
    this.addSql(
      `alter table "knowledge_terms" add constraint "knowledge_terms_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`,
    );
    tenantIsolationStatements("knowledge_terms").forEach((statement) => this.addSql(statement));
    // Knowledge indexed before this migration (only embedded databases, whose owner bypasses RLS, have any).
    this.addSql(
      `insert into "knowledge_terms" (tenant_id, lexeme, document_frequency) select tenant_id, lexeme, count(*) from knowledge_postings group by tenant_id, lexeme;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "knowledge_terms" cascade;`);
  }
}
