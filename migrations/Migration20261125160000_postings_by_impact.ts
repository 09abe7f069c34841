import { Migration } from "@mikro-orm/migrations";

/**
 * Postings of a word ordered by how much they weigh in BM25 (term frequency first, then shorter
 * chunks), so the keyword leg can read only the heaviest postings of a common word instead of all
 * of them. The index replaces the (tenant_id, lexeme) one: every lookup that used it still has its
 * prefix, and writes keep one postings index besides the primary key.
 */
export class Migration20261125160000_postings_by_impact extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "knowledge_postings_by_impact" on "knowledge_postings" ("tenant_id", "lexeme", "term_frequency" desc, "chunk_length") include ("chunk_id");`,
    );
    this.addSql(`drop index if exists "knowledge_postings_tenant_lexeme";`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `create index "knowledge_postings_tenant_lexeme" on "knowledge_postings" ("tenant_id", "lexeme") include ("chunk_id", "term_frequency", "chunk_length");`,
    );
    this.addSql(`drop index if exists "knowledge_postings_by_impact";`);
  }
}
