import type { EntityManager } from "@mikro-orm/postgresql";
import { getOrm } from "./orm";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class InvalidTenantError extends Error {}

/**
 * Runs tenant work: one short transaction, as the NOBYPASSRLS role `app_tenant`, with the tenant
 * set by SET LOCAL, on a fresh EntityManager. Row level security then confines every statement to
 * that tenant, even one that forgot its own `tenant` filter. Never await an outside service in
 * `work`: on the embedded database an open transaction blocks every other connection.
 */
export async function withTenant<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new InvalidTenantError(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  const orm = await getOrm();
  return orm.em.fork({ clear: true }).transactional(async (em) => {
    await em.execute("set local role app_tenant");
    await em.execute("select set_config('app.tenant_id', ?, true)", [tenantId.toLowerCase()]);
    return work(em);
  });
}

/**
 * Runs the few lookups that come before a tenant is known (login, session and invite tokens,
 * sign-up, rate limits) as `app_system`, which the RLS migration lets touch only those tables.
 */
export async function withSystem<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
  const orm = await getOrm();
  return orm.em.fork({ clear: true }).transactional(async (em) => {
    await em.execute("set local role app_system");
    return work(em);
  });
}
