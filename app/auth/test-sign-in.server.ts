import { randomUUID } from "node:crypto";
import { User } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { csrfToken } from "./csrf.server";
import type { UserRole } from "./roles";
import { createLoginSession } from "./session.server";

/**
 * For route tests: a signed-in session in the tenant, as its owner or as a new user with `role`, with the cookie
 * header to send and the CSRF token its forms carry.
 */
export async function signedIn(tenant: { tenantId: string; ownerId: string }, role: UserRole): Promise<{ cookie: string; csrf: string }> {
  const userId =
    role === "owner"
      ? tenant.ownerId
      : await withTenant(tenant.tenantId, async (em) => {
          const user = em.create(User, { tenant: tenant.tenantId, email: `${role}-${randomUUID().slice(0, 8)}@example.test`, name: role, passwordHash: "x", role });
          await em.flush();
          return user.id;
        });
  const login = await createLoginSession({ userId, tenantId: tenant.tenantId, request: new Request("http://app.test/login") });
  const csrf = await csrfToken(new Request("http://app.test/"));
  return { cookie: `${login.split(";")[0]}; ${csrf.setCookie!.split(";")[0]}`, csrf: csrf.token };
}

type RouteArgs = { request: Request; params: Record<string, string>; context: { cspNonce: string } };

/** What Remix passes a loader for a GET of `path`, signed in with `cookie` (or signed out with null). */
export function getRequest(cookie: string | null, path: string, params: Record<string, string> = {}): RouteArgs {
  return { request: new Request(`http://app.test${path}`, { headers: cookie ? { cookie } : {} }), params, context: { cspNonce: "" } };
}

/** What Remix passes an action for a form POST to `path` by `session`, carrying its CSRF token unless `fields` sets one. */
export function postForm(session: { cookie: string; csrf: string }, path: string, fields: Record<string, string>, params: Record<string, string> = {}): RouteArgs {
  const body = new URLSearchParams({ csrf: session.csrf, ...fields });
  const headers = { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" };
  return { request: new Request(`http://app.test${path}`, { method: "POST", headers, body }), params, context: { cspNonce: "" } };
}
