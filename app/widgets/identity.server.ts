import { createHmac, timingSafeEqual } from "node:crypto";

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks a signed-in customer's identity from the host site: `userHash` must be
 * HMAC-SHA256(widget secret, userId) in hex, computed on that site's server. Compared in constant
 * time, so the response time does not reveal how much of a guess was right.
 */
export function verifyUserHash({ secret, userId, userHash }: { secret: string; userId: string; userHash: string }): boolean {
  if (!secret || !userId || !HEX_SHA256.test(userHash)) return false;
  const expected = createHmac("sha256", secret).update(userId).digest();
  return timingSafeEqual(expected, Buffer.from(userHash, "hex"));
}
