import { Migration } from "@mikro-orm/migrations";

/** Rules the ORM cannot express: partial unique indexes and value checks. */
export class Migration20261125090100_integrity_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unique index "ai_personalities_one_default_per_tenant" on "ai_personalities" ("tenant_id") where "is_default";`,
    );
    this.addSql(
      `create unique index "escalations_one_unresolved_per_conversation" on "escalations" ("conversation_id") where "status" <> 'resolved';`,
    );
    this.addSql(`alter table "survey_responses" add constraint "survey_responses_rating_range" check ("rating" between 1 and 5);`);
    this.addSql(`alter table "users" add constraint "users_email_lowercase" check ("email" = lower("email"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "ai_personalities_one_default_per_tenant";`);
    this.addSql(`drop index if exists "escalations_one_unresolved_per_conversation";`);
    this.addSql(`alter table "survey_responses" drop constraint if exists "survey_responses_rating_range";`);
    this.addSql(`alter table "users" drop constraint if exists "users_email_lowercase";`);
  }
}
