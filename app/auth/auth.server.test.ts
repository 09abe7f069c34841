import { beforeAll, describe, expect, it } from "vitest";
import { AuthSession, AuditLog, User } from "../../db/entities";
import { useTestDatabase } from "../../db/testing/test-database";
import { withSystem, withTenant } from "../../db/tenant-scope";
import { CLIENT_IP_HEADER } from "./client-ip.server";
import { INVALID_LOGIN, LOGIN_LIMIT_PER_EMAIL, LoginError, verifyLogin } from "./login.server";
import { getCurrentUser, requireUser } from "./require-user.server";
import { createLoginSession, destroyLoginSession, IDLE_TIMEOUT_MS, readLoginSession } from "./session.server";
import { createTenantWithOwner, EmailTakenError } from "./signup.server";

useTestDatabase();

const PASSWORD = "a-long-enough-password";
let owner: { tenantId: string; userId: string };

function requestFrom(ip: string, cookie?: string) {
  return new Request("http://localhost/dashboard", { headers: { [CLIENT_IP_HEADER]: ip, ...(cookie ? { cookie } : {}) } });
}

async function signedInCookie(user = owner) {
  const setCookie = await createLoginSession({ ...user, request: requestFrom("10.0.0.1") });
  return setCookie.split(";")[0];
}

beforeAll(async () => {
  owner = await createTenantWithOwner({ organisation: "Acme", name: "Ada Owner", email: "ada@acme.test", password: PASSWORD });
});

describe("sign-up", () => {
  it("creates the workspace, its owner and an audit entry", async () => {
    const user = await withTenant(owner.tenantId, (em) => em.findOneOrFail(User, { id: owner.userId }, { populate: ["tenant"] }));
    expect(user.role).toBe("owner");
    expect(user.tenant.getEntity().name).toBe("Acme");
    const audit = await withTenant(owner.tenantId, (em) => em.find(AuditLog, { tenant: owner.tenantId }));
    expect(audit.map((entry) => entry.action)).toContain("tenant.created");
  });

  it("refuses a taken email and creates no second workspace", async () => {
    const before = await withSystem((em) => em.count(User, {}));
    await expect(
      createTenantWithOwner({ organisation: "Copycat", name: "Eve", email: "ada@acme.test", password: PASSWORD }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    expect(await withSystem((em) => em.count(User, {}))).toBe(before);
  });
});

describe("login", () => {
  it("returns the user and tenant for the right password", async () => {
    await expect(verifyLogin({ email: "ada@acme.test", password: PASSWORD, request: requestFrom("10.0.0.2") })).resolves.toEqual({
      id: owner.userId,
      tenantId: owner.tenantId,
    });
  });

  it("gives one generic error for a wrong password and an unknown email", async () => {
    const wrongPassword = await verifyLogin({ email: "ada@acme.test", password: "nope", request: requestFrom("10.0.0.3") }).catch((e) => e);
    const unknownEmail = await verifyLogin({ email: "nobody@acme.test", password: "nope", request: requestFrom("10.0.0.3") }).catch((e) => e);
    for (const error of [wrongPassword, unknownEmail]) {
      expect(error).toBeInstanceOf(LoginError);
      expect(error.message).toBe(INVALID_LOGIN);
      expect(error.status).toBe(400);
    }
  });

  it("limits attempts per email, across addresses, with a retry time", async () => {
    const email = "target@acme.test";
    for (let attempt = 0; attempt < LOGIN_LIMIT_PER_EMAIL; attempt++) {
      const error = await verifyLogin({ email, password: "guess", request: requestFrom(`10.1.0.${attempt}`) }).catch((e) => e);
      expect(error.status).toBe(400);
    }
    const blocked = await verifyLogin({ email, password: "guess", request: requestFrom("10.2.0.1") }).catch((e) => e);
    expect(blocked.status).toBe(429);
    expect(blocked.message).toMatch(/Too many login attempts\. Try again in 1[45] minutes\./);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(800);
  });
});

describe("sessions", () => {
  it("round-trips a session and stores only the token's hash", async () => {
    const cookie = await signedInCookie();
    const session = await readLoginSession(requestFrom("10.0.0.1", cookie));
    expect(session).toMatchObject({ userId: owner.userId, tenantId: owner.tenantId });
    const token = decodeURIComponent(cookie.split("=")[1]);
    const stored = await withSystem((em) => em.findOneOrFail(AuthSession, { id: session!.sessionId }));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token).not.toContain(stored.tokenHash);
  });

  it("issues a new session id on every login", async () => {
    expect(await signedInCookie()).not.toEqual(await signedInCookie());
  });

  it("ignores forged, unsigned and garbage cookies", async () => {
    for (const cookie of ["__session=forged", "__session=eyJhIjoxfQ.bad-signature", "__session=%E0%A4%A"]) {
      expect(await readLoginSession(requestFrom("10.0.0.1", cookie))).toBeNull();
    }
    expect(await getCurrentUser(requestFrom("10.0.0.1", "__session=forged"))).toBeNull();
  });

  it("ends a session after the idle timeout and deletes it", async () => {
    const cookie = await signedInCookie();
    const session = await readLoginSession(requestFrom("10.0.0.1", cookie));
    await withSystem((em) => em.nativeUpdate(AuthSession, { id: session!.sessionId }, { lastSeenAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 1000) }));
    expect(await readLoginSession(requestFrom("10.0.0.1", cookie))).toBeNull();
    expect(await withSystem((em) => em.count(AuthSession, { id: session!.sessionId }))).toBe(0);
  });

  it("ends a session at its absolute expiry even when active", async () => {
    const cookie = await signedInCookie();
    const session = await readLoginSession(requestFrom("10.0.0.1", cookie));
    await withSystem((em) => em.nativeUpdate(AuthSession, { id: session!.sessionId }, { expiresAt: new Date(Date.now() - 1000) }));
    expect(await readLoginSession(requestFrom("10.0.0.1", cookie))).toBeNull();
  });

  it("logout deletes the session and clears the cookie", async () => {
    const cookie = await signedInCookie();
    const cleared = await destroyLoginSession(requestFrom("10.0.0.1", cookie));
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await readLoginSession(requestFrom("10.0.0.1", cookie))).toBeNull();
  });
});

describe("requireUser", () => {
  it("redirects to login with the page to come back to", async () => {
    const response = await requireUser(new Request("http://localhost/dashboard/team?x=1")).catch((e) => e);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fdashboard%2Fteam%3Fx%3D1");
  });

  it("answers 403 when the role is too low", async () => {
    const agent = await withTenant(owner.tenantId, async (em) => {
      const user = em.create(User, { tenant: owner.tenantId, email: "agent@acme.test", name: "Agent", passwordHash: "x", role: "agent" });
      await em.flush();
      return user.id;
    });
    const cookie = await signedInCookie({ tenantId: owner.tenantId, userId: agent });
    await expect(requireUser(requestFrom("10.0.0.1", cookie), { role: "agent" })).resolves.toMatchObject({ role: "agent" });
    const refusal = await requireUser(requestFrom("10.0.0.1", cookie), { role: "admin" }).catch((e) => e);
    expect(refusal.status).toBe(403);
  });

  it("drops the session of a removed user", async () => {
    const temp = await withTenant(owner.tenantId, async (em) => {
      const user = em.create(User, { tenant: owner.tenantId, email: "temp@acme.test", name: "Temp", passwordHash: "x", role: "viewer" });
      await em.flush();
      return user.id;
    });
    const cookie = await signedInCookie({ tenantId: owner.tenantId, userId: temp });
    await withTenant(owner.tenantId, (em) => em.nativeDelete(User, { id: temp }));
    expect(await getCurrentUser(requestFrom("10.0.0.1", cookie))).toBeNull();
  });
});
