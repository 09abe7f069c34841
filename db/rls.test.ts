import { describe, expect, it, beforeAll } from "vitest";
import { allEntities } from "./entities";
import { createTenantGraph, createTestTenant } from "./testing/fixtures";
import { useTestDatabase } from "./testing/test-database";
import { withSystem, withTenant, InvalidTenantError } from "./tenant-scope";

const database = useTestDatabase();

/** Every table whose entity has a `tenant` relation: adding one without RLS fails this suite. */
const TENANT_TABLES = allEntities
  .map((entity) => entity.meta)
  .filter((meta) => "tenant" in meta.properties)
  .map((meta) => meta.tableName);

class Rollback extends Error {}

/** Runs tenant work and undoes it, to observe what a write would have touched. */
async function inRolledBackTenantWork<T>(tenantId: string, work: (execute: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<T>) {
  let result: T | undefined;
  await expect(
    withTenant(tenantId, async (em) => {
      result = await work((sql, params = []) => em.execute(sql, params));
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
  return result as T;
}

let tenantA: { tenantId: string; ownerId: string };
let tenantB: { tenantId: string; ownerId: string };

beforeAll(async () => {
  tenantA = await createTestTenant("Tenant A");
  tenantB = await createTestTenant("Tenant B");
  await createTenantGraph(tenantA.tenantId, tenantA.ownerId);
  await createTenantGraph(tenantB.tenantId, tenantB.ownerId);
});

describe("row level security", () => {
  it("covers all 28 tenant-scoped tables", () => {
    expect(TENANT_TABLES).toHaveLength(28);
  });

  it.each(TENANT_TABLES)("%s is ENABLE + FORCE with a policy per command", async (table) => {
    const [flags] = await database.orm().em.getConnection().execute(
      `select relrowsecurity, relforcerowsecurity from pg_class where oid = ?::regclass`,
      [table],
    );
    expect(flags).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    const policies = await database.orm().em.getConnection().execute<{ cmd: string }[]>(
      `select cmd from pg_policies where tablename = ? and policyname like 'tenant_%' order by cmd`,
      [table],
    );
    expect(policies.map((policy) => policy.cmd)).toEqual(["DELETE", "INSERT", "SELECT", "UPDATE"]);
  });

  it.each(TENANT_TABLES)("%s: select sees only the current tenant's rows", async (table) => {
    const rows = await withTenant(tenantA.tenantId, (em) => em.execute<{ tenant_id: string }[]>(`select tenant_id from "${table}"`));
    // users holds the owner plus nothing else; every other table holds the graph's one row.
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.tenant_id))).toEqual(new Set([tenantA.tenantId]));
  });

  it.each(TENANT_TABLES)("%s: update and delete touch only the current tenant's rows", async (table) => {
    const [total] = await database.orm().em.getConnection().execute(`select count(*)::int as n from "${table}" where tenant_id = ?`, [tenantA.tenantId]);
    const touched = await inRolledBackTenantWork(tenantA.tenantId, async (execute) => {
      const updated = await execute(`update "${table}" set tenant_id = tenant_id returning tenant_id`);
      const deleted = await execute(`delete from "${table}" returning tenant_id`);
      return { updated, deleted };
    });
    expect(touched.updated).toHaveLength(total.n);
    expect(touched.deleted).toHaveLength(total.n);
    expect(touched.deleted.every((row: { tenant_id: string }) => row.tenant_id === tenantA.tenantId)).toBe(true);
  });

  it.each(TENANT_TABLES)("%s: a row cannot be written with another tenant's id", async (table) => {
    const copyAsTenantB = `insert into "${table}" select (jsonb_populate_record(null::"${table}", to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), 'tenant_id', ?::uuid))).* from "${table}" t limit 1`;
    await expect(withTenant(tenantA.tenantId, (em) => em.execute(copyAsTenantB, [tenantB.tenantId]))).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(tenantA.tenantId, (em) => em.execute(`update "${table}" set tenant_id = ?`, [tenantB.tenantId])),
    ).rejects.toThrow(/row-level security/);
  });

  it.each(TENANT_TABLES)("%s: with no tenant set nothing is visible", async (table) => {
    const orm = database.orm();
    const rows = await orm.em.fork().transactional(async (em) => {
      await em.execute("set local role app_tenant");
      return em.execute(`select * from "${table}"`);
    });
    expect(rows).toHaveLength(0);
  });

  it("a tenant sees only its own tenants row", async () => {
    const rows = await withTenant(tenantA.tenantId, (em) => em.execute(`select id from tenants`));
    expect(rows).toEqual([{ id: tenantA.tenantId }]);
  });

  it("a tenant cannot create or delete tenants", async () => {
    await expect(withTenant(tenantA.tenantId, (em) => em.execute(`delete from tenants`))).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(tenantA.tenantId, (em) => em.execute(`insert into tenants (id, name, slug) values (gen_random_uuid(), 'x', 'x')`)),
    ).rejects.toThrow(/permission denied/);
  });

  it("the system role reaches only the identity tables", async () => {
    await expect(withSystem((em) => em.execute(`select * from users limit 1`))).resolves.toHaveLength(1);
    for (const table of ["conversations", "messages", "knowledge_chunks", "widgets", "audit_logs"]) {
      await expect(withSystem((em) => em.execute(`select * from "${table}" limit 1`))).rejects.toThrow(/permission denied/);
    }
  });

  it("the system role sees only the columns that map a widget's public id to its tenant", async () => {
    await expect(withSystem((em) => em.execute(`select id, tenant_id, public_id, is_active from widgets limit 1`))).resolves.toHaveLength(1);
    for (const column of ["settings", "identity_secret", "allowed_origins"]) {
      await expect(withSystem((em) => em.execute(`select "${column}" from widgets limit 1`))).rejects.toThrow(/permission denied/);
    }
    await expect(withSystem((em) => em.execute(`update widgets set is_active = false`))).rejects.toThrow(/permission denied/);
  });

  it("the system role may claim webhook deliveries but not read their payload or endpoint", async () => {
    await expect(withSystem((em) => em.execute(`select id, tenant_id, status, attempts, next_attempt_at, locked_until from webhook_deliveries`))).resolves.toHaveLength(2);
    for (const column of ["payload", "event", "endpoint_id", "last_error"]) {
      await expect(withSystem((em) => em.execute(`select "${column}" from webhook_deliveries limit 1`))).rejects.toThrow(/permission denied/);
    }
    await expect(withSystem((em) => em.execute(`update webhook_deliveries set payload = '{}'`))).rejects.toThrow(/permission denied/);
    await expect(withSystem((em) => em.execute(`select * from webhook_endpoints limit 1`))).rejects.toThrow(/permission denied/);
  });

  it("refuses a tenant id that is not a UUID (e.g. an injection attempt)", async () => {
    await expect(withTenant("' or 1=1 --", async () => 1)).rejects.toBeInstanceOf(InvalidTenantError);
  });
});
