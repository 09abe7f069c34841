import { createHmac, timingSafeEqual } from "node:crypto";

/** How old a signature a receiver should still accept; older ones may be replays. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

function sign(secret: string, timestamp: number, body: string | Buffer): Buffer {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest();
}

/**
 * The `X-Helpdesk-Signature` value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The time is signed together with the body, so a captured request cannot be passed off as new.
 */
export function signatureHeader({ secret, body, timestamp }: { secret: string; body: string; timestamp: number }): string {
  return `t=${timestamp},v1=${sign(secret, timestamp, body).toString("hex")}`;
}

/**
 * What a receiver does with a delivery: recompute the signature over the raw body (before any JSON
 * parsing), compare in constant time, and refuse a timestamp more than `toleranceSeconds` away
 * from now. Any one of several `v1` values may match.
 */
export function verifyWebhookSignature({
  secret,
  header,
  body,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
}: {
  secret: string;
  header: string | null | undefined;
  body: string | Buffer;
  toleranceSeconds?: number;
}): boolean {
  if (!secret || !header) return false;
  const parts = header.split(",").map((part) => part.trim().split("="));
  const timestamp = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isSafeInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = sign(secret, timestamp, body);
  return parts.some(([key, value]) => key === "v1" && HEX_SHA256.test(value ?? "") && timingSafeEqual(expected, Buffer.from(value, "hex")));
}
