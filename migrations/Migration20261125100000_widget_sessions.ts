import { Migration } from "@mikro-orm/migrations";

/**
 * The widget API: a visitor's request names only a widget's public id, so the system role may read
 * the few columns that map it to a tenant (never settings or the identity secret). Conversation
 * tokens expire, and a message the widget sends twice (a retried stream) is stored once.
 */
export class Migration20261125100000_widget_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`grant select (id, tenant_id, public_id, is_active) on "widgets" to app_system;`);
    this.addSql(`create policy system_access on "widgets" for select to app_system using (true);`);
    this.addSql(`alter table "conversations" add column "session_expires_at" timestamptz null;`);
    this.addSql(`alter table "messages" add column "client_message_id" uuid null;`);
    this.addSql(
      `create unique index "messages_conversation_id_client_message_id_unique" on "messages" ("conversation_id", "client_message_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "messages_conversation_id_client_message_id_unique";`);
    this.addSql(`alter table "messages" drop column "client_message_id";`);
    this.addSql(`alter table "conversations" drop column "session_expires_at";`);
    this.addSql(`drop policy if exists system_access on "widgets";`);
    this.addSql(`revoke select on "widgets" from app_system;`);
  }
}
