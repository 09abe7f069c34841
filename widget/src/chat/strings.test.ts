import { describe, expect, it } from "vitest";
import { ApiFailure } from "../api/http";
import { describeFailure, STRINGS } from "./strings";

describe("describeFailure", () => {
  it("tells a rate-limited visitor how long to wait", () => {
    expect(describeFailure(new ApiFailure(429, "rate_limited", "Too many requests.", 30))).toBe(
      "You're sending messages a little too fast. Please try again in 30 seconds.",
    );
    expect(describeFailure(new ApiFailure(429, "rate_limited", "", 90))).toMatch(/in 2 minutes\.$/);
    expect(describeFailure(new ApiFailure(429, "rate_limited", ""))).toMatch(/in a moment\.$/);
  });

  it("falls back to the server's 429 message when Retry-After isn't readable", () => {
    expect(describeFailure(new ApiFailure(429, "rate_limited", "Too many requests. Try again in 12 seconds."))).toBe(
      "Too many requests. Try again in 12 seconds.",
    );
  });

  it("passes on the server's explanation of a 4xx", () => {
    expect(describeFailure(new ApiFailure(403, "widget_disabled", "This chat widget is switched off."))).toBe("This chat widget is switched off.");
  });

  it("keeps server internals and network errors to a polite generic text", () => {
    expect(describeFailure(new ApiFailure(500, "internal", "TypeError: x is undefined"))).toBe(STRINGS.serverTrouble);
    expect(describeFailure(new ApiFailure(0, "network", "The network request failed."))).toBe(STRINGS.unreachable);
    expect(describeFailure(new Error("anything"))).toBe(STRINGS.serverTrouble);
  });
});
