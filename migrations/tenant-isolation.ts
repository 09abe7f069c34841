/**
 * The statements that isolate one tenant-scoped table: ENABLE + FORCE row level security, the
 * tenant role's privileges, and a policy per command on the current tenant setting.
 * Migrations that already ran use this: never change what it emits; add a new helper instead.
 */
export function tenantIsolationStatements(table: string): string[] {
  return [
    `alter table "${table}" enable row level security;`,
    `alter table "${table}" force row level security;`,
    `grant select, insert, update, delete on "${table}" to app_tenant;`,
    `create policy tenant_select on "${table}" for select using (tenant_id = app_current_tenant());`,
    `create policy tenant_insert on "${table}" for insert with check (tenant_id = app_current_tenant());`,
    `create policy tenant_update on "${table}" for update using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`,
    `create policy tenant_delete on "${table}" for delete using (tenant_id = app_current_tenant());`,
  ];
}
