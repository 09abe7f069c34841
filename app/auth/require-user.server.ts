import { redirect } from "@remix-run/node";
import { Tenant, User } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { hasRole, type UserRole } from "./roles";
import { readLoginSession } from "./session.server";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  tenant: { id: string; name: string; slug: string };
  sessionId: string;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** The signed-in user or null; never throws for a missing or dead session. */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const session = await readLoginSession(request);
  if (!session) return null;
  return withTenant(session.tenantId, async (em) => {
    const user = await em.findOne(User, { id: session.userId, tenant: session.tenantId });
    const tenant = await em.findOne(Tenant, { id: session.tenantId });
    if (!user || !tenant || tenant.status !== "active") return null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
      sessionId: session.sessionId,
    };
  });
}

/**
 * Every dashboard loader and action starts here: no session redirects to login, a role below
 * `role` is 403. The returned tenant id is the only one the request may touch.
 */
export async function requireUser(request: Request, { role = "viewer" }: { role?: UserRole } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) throw loginRedirect(request);
  if (!hasRole(user.role, role)) {
    throw new Response("Your role does not allow this.", { status: 403, statusText: "Forbidden" });
  }
  return user;
}
