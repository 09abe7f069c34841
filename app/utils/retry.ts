import { setTimeout as delay } from "node:timers/promises";

/** Exponential backoff, jittered to 50–100 % of each step so that clients throttled together do not retry together. */
export function backoffDelayMs(attempt: number, baseDelayMs: number): number {
  return baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); the wait is capped at `maxMs`. */
export function parseRetryAfter(header: string | null, maxMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const milliseconds = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(milliseconds) ? undefined : Math.min(Math.max(milliseconds, 0), maxMs);
}

/** Waits, but rejects with the signal's own reason as soon as it aborts. */
export async function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(milliseconds, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}
