import { Migration } from "@mikro-orm/migrations";

/**
 * The overview reads a few facts of every conversation in its period (and the period before) for
 * the figures rollups cannot hold: unique customers, medians, resolution. Covering indexes let it
 * read them from the index alone, without visiting the wide conversation rows; the background
 * table maintenance keeps the visibility map current on the embedded database (no autovacuum).
 */
export class Migration20261125150000_analytics_covering_indexes extends Migration {
  override async up(): Promise<void> {
    const facts = `include ("widget_id", "end_user_id", "assistant_answers", "escalated", "not_helpful_votes", "first_answer_ms", "sentiment")`;
    this.addSql(`create index "conversations_analytics_facts" on "conversations" ("tenant_id", "created_at") ${facts};`);
    this.addSql(`create index "conversations_analytics_facts_by_widget" on "conversations" ("tenant_id", "widget_id", "created_at") ${facts};`);
    this.addSql(`drop index if exists "conversations_tenant_id_widget_id_created_at_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "conversations_tenant_id_widget_id_created_at_index" on "conversations" ("tenant_id", "widget_id", "created_at");`);
    this.addSql(`drop index if exists "conversations_analytics_facts_by_widget";`);
    this.addSql(`drop index if exists "conversations_analytics_facts";`);
  }
}
