import { createCookie } from "@remix-run/node";
import { AuthSession } from "../../db/entities";
import { withSystem } from "../../db/tenant-scope";
import { env, secureCookies } from "../env.server";
import { clientIp } from "./client-ip.server";
import { hashToken, randomToken } from "./tokens.server";

/** A session ends after this long without a request, */
export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** and after this long whatever happens. */
export const ABSOLUTE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Skip the write that records activity when the last one is this recent. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface LoginSession {
  sessionId: string;
  userId: string;
  tenantId: string;
}

function sessionCookie() {
  const secret = env().SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set");
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    secrets: [secret],
    maxAge: ABSOLUTE_LIFETIME_MS / 1000,
  });
}

/** Starts a fresh session (a new token on every login) and returns its Set-Cookie header. */
export async function createLoginSession({
  userId,
  tenantId,
  request,
}: {
  userId: string;
  tenantId: string;
  request: Request;
}): Promise<string> {
  const token = randomToken();
  const now = new Date();
  await withSystem(async (em) => {
    await em.nativeDelete(AuthSession, { user: userId, expiresAt: { $lt: now } });
    em.create(AuthSession, {
      tenant: tenantId,
      user: userId,
      tokenHash: hashToken(token),
      ipAddress: clientIp(request),
      userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
    });
  });
  return sessionCookie().serialize(token);
}

/** The live session behind the request's cookie, or null (missing, forged, idle or expired). */
export async function readLoginSession(request: Request): Promise<LoginSession | null> {
  const token: unknown = await sessionCookie().parse(request.headers.get("cookie"));
  if (typeof token !== "string" || token.length === 0) return null;
  return withSystem(async (em) => {
    const session = await em.findOne(AuthSession, { tokenHash: hashToken(token) });
    if (!session) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + IDLE_TIMEOUT_MS <= now) {
      em.remove(session);
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) session.lastSeenAt = new Date(now);
    return { sessionId: session.id, userId: session.user.id, tenantId: session.tenant.id };
  });
}

/** Deletes the request's session row and returns the Set-Cookie header that clears the cookie. */
export async function destroyLoginSession(request: Request): Promise<string> {
  const cookie = sessionCookie();
  const token: unknown = await cookie.parse(request.headers.get("cookie"));
  if (typeof token === "string" && token) {
    await withSystem((em) => em.nativeDelete(AuthSession, { tokenHash: hashToken(token) }));
  }
  return cookie.serialize("", { maxAge: 0 });
}
