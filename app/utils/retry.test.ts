import { describe, expect, it } from "vitest";
import { backoffDelayMs, parseRetryAfter, pause } from "./retry";

describe("retry helpers", () => {
  it("reads Retry-After as seconds or as an HTTP date, capped, and ignores what is neither", () => {
    expect(parseRetryAfter("2", 60_000)).toBe(2000);
    expect(parseRetryAfter("120", 60_000)).toBe(60_000);
    expect(parseRetryAfter("-5", 60_000)).toBe(0);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(parseRetryAfter(inTenSeconds, 60_000)).toBeGreaterThan(8_000);
    expect(parseRetryAfter(inTenSeconds, 60_000)).toBeLessThanOrEqual(10_000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 60_000)).toBe(0);
    expect(parseRetryAfter("soon", 60_000)).toBeUndefined();
    expect(parseRetryAfter(null, 60_000)).toBeUndefined();
  });

  it("doubles the backoff each attempt, jittered to 50–100 % of the step", () => {
    for (let sample = 0; sample < 50; sample++) {
      expect(backoffDelayMs(0, 500)).toBeGreaterThanOrEqual(250);
      expect(backoffDelayMs(0, 500)).toBeLessThanOrEqual(500);
      expect(backoffDelayMs(3, 500)).toBeGreaterThanOrEqual(2000);
      expect(backoffDelayMs(3, 500)).toBeLessThanOrEqual(4000);
    }
  });

  it("stops a pause with the signal's own reason", async () => {
    const controller = new AbortController();
    const reason = new Error("shutting down");
    setTimeout(() => controller.abort(reason), 20);

    await expect(pause(10_000, controller.signal)).rejects.toBe(reason);
  });
});
