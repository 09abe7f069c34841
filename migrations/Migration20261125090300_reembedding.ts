import { Migration } from "@mikro-orm/migrations";

/**
 * When the deployment switches embedding model, workers queue re-embedding for every tenant's
 * documents: the system role may see which documents carry which model, and queue jobs for them.
 */
export class Migration20261125090300_reembedding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`grant select (id, tenant_id, status, embedding_model) on "knowledge_documents" to app_system;`);
    this.addSql(`create policy system_access on "knowledge_documents" for select to app_system using (true);`);
    this.addSql(`grant insert on "ingestion_jobs" to app_system;`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke insert on "ingestion_jobs" from app_system;`);
    this.addSql(`drop policy if exists system_access on "knowledge_documents";`);
    this.addSql(`revoke select on "knowledge_documents" from app_system;`);
  }
}
