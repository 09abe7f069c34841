import { Migration } from "@mikro-orm/migrations";
import { tenantIsolationStatements } from "./tenant-isolation";

/**
 * Tenant isolation in the database. Tenant work runs as `app_tenant` (NOLOGIN, NOBYPASSRLS) after
 * `SET LOCAL app.tenant_id`; every tenant-scoped table is ENABLE + FORCE row level security, so
 * even the table owner sees only the current tenant's rows, and nothing when no tenant is set.
 *
 * `app_system` is the narrow path for the few lookups that happen before a tenant is known
 * (login by email, session and invitation tokens, sign-up, login rate limits): it may only
 * touch those tables, and only with the privileges granted here.
 *
 * The table list is frozen here on purpose: a later table gets its policies in its own migration,
 * and the RLS test suite fails for any tenant-scoped entity without them.
 */
const TENANT_TABLES = [
  "users",
  "auth_sessions",
  "invitations",
  "ai_personalities",
  "widgets",
  "end_users",
  "conversations",
  "messages",
  "knowledge_documents",
  "knowledge_chunks",
  "escalations",
  "survey_responses",
  "usage_events",
  "budget_alerts",
  "leads",
  "api_keys",
  "audit_logs",
];

const SYSTEM_GRANTS: Record<string, string> = {
  tenants: "select, insert",
  users: "select, insert, update",
  auth_sessions: "select, insert, update, delete",
  invitations: "select, update",
  rate_limit_buckets: "select, insert, update, delete",
};

export class Migration20261125090000_row_level_security extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
begin
  if not exists (select from pg_roles where rolname = 'app_tenant') then
    create role app_tenant nologin nobypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'app_system') then
    create role app_system nologin nobypassrls;
  end if;
end $$;`);
    this.addSql(`grant app_tenant, app_system to current_user;`);
    this.addSql(`grant usage on schema public to app_tenant, app_system;`);
    this.addSql(`create or replace function app_current_tenant() returns uuid
language sql stable
as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;`);
    this.addSql(`grant execute on function app_current_tenant() to app_tenant, app_system;`);

    for (const table of TENANT_TABLES) {
      tenantIsolationStatements(table).forEach((statement) => this.addSql(statement));
    }

    // A tenant sees and edits its own row; creating and deleting tenants is not tenant work.
    this.addSql(`alter table "tenants" enable row level security;`);
    this.addSql(`alter table "tenants" force row level security;`);
    this.addSql(`grant select, update on "tenants" to app_tenant;`);
    this.addSql(`create policy tenant_select on "tenants" for select using (id = app_current_tenant());`);
    this.addSql(
      `create policy tenant_update on "tenants" for update using (id = app_current_tenant()) with check (id = app_current_tenant());`,
    );

    for (const [table, privileges] of Object.entries(SYSTEM_GRANTS)) {
      this.addSql(`grant ${privileges} on "${table}" to app_system;`);
      if (table !== "rate_limit_buckets") {
        this.addSql(`create policy system_access on "${table}" to app_system using (true) with check (true);`);
      }
    }
  }

  override async down(): Promise<void> {
    for (const table of [...TENANT_TABLES, "tenants"]) {
      for (const policy of ["tenant_select", "tenant_insert", "tenant_update", "tenant_delete", "system_access"]) {
        this.addSql(`drop policy if exists ${policy} on "${table}";`);
      }
      this.addSql(`alter table "${table}" no force row level security;`);
      this.addSql(`alter table "${table}" disable row level security;`);
      this.addSql(`revoke all on "${table}" from app_tenant, app_system;`);
    }
    this.addSql(`revoke all on "rate_limit_buckets" from app_system;`);
    this.addSql(`drop function if exists app_current_tenant();`);
  }
}
