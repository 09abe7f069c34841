import { User } from "../../db/entities";
import { withSystem, withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import { clientIp } from "./client-ip.server";
import { decoyPasswordHash, verifyPassword } from "./password.server";
import { clearRateLimit, hitRateLimit } from "./rate-limit.server";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const LOGIN_LIMIT_PER_EMAIL = 10;
export const LOGIN_LIMIT_PER_IP = 50;

/** One message for an unknown email and a wrong password, so nobody learns which emails exist. */
export const INVALID_LOGIN = "Email or password is incorrect.";

export class LoginError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 429,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface AuthenticatedUser {
  id: string;
  tenantId: string;
}

/** Checks rate limits, then the password; throws LoginError with a message fit to show. */
export async function verifyLogin({
  email,
  password,
  request,
}: {
  email: string;
  password: string;
  request: Request;
}): Promise<AuthenticatedUser> {
  const emailKey = `login:email:${email}`;
  for (const [key, limit] of [
    [`login:ip:${clientIp(request)}`, LOGIN_LIMIT_PER_IP],
    [emailKey, LOGIN_LIMIT_PER_EMAIL],
  ] as const) {
    const verdict = await hitRateLimit(key, limit, LOGIN_WINDOW_SECONDS);
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
      throw new LoginError(
        `Too many login attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        429,
        verdict.retryAfterSeconds,
      );
    }
  }

  const user = await withSystem((em) =>
    em.findOne(User, { email }, { fields: ["id", "tenant", "passwordHash"] }),
  );
  const passwordMatches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user || !passwordMatches) throw new LoginError(INVALID_LOGIN, 400);

  await clearRateLimit(emailKey);
  const tenantId = user.tenant.id;
  await withTenant(tenantId, async (em) => {
    await em.nativeUpdate(User, { id: user.id, tenant: tenantId }, { lastLoginAt: new Date() });
    recordAudit(em, { tenantId, actorId: user.id, action: "user.login", ipAddress: clientIp(request) });
  });
  return { id: user.id, tenantId };
}
