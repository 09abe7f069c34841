import { describe, expect, it } from "vitest";
import { signatureHeader, verifyWebhookSignature } from "./signature.server";

const secret = "whsec-test-secret-0123456789abcdef";
const body = JSON.stringify({ id: "d1", event: "escalation.created", data: { escalationId: "e1" } });
const now = () => Math.floor(Date.now() / 1000);

describe("webhook signatures", () => {
  it("has the documented shape and verifies against the raw body", () => {
    const header = signatureHeader({ secret, body, timestamp: now() });
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, header, body })).toBe(true);
    expect(verifyWebhookSignature({ secret, header, body: Buffer.from(body) })).toBe(true);
  });

  it("fails on a changed body, a wrong secret, or a stale or future timestamp", () => {
    const header = signatureHeader({ secret, body, timestamp: now() });
    expect(verifyWebhookSignature({ secret, header, body: body.replace("e1", "e2") })).toBe(false);
    expect(verifyWebhookSignature({ secret: `${secret}x`, header, body })).toBe(false);
    const stale = signatureHeader({ secret, body, timestamp: now() - 301 });
    expect(verifyWebhookSignature({ secret, header: stale, body })).toBe(false);
    expect(verifyWebhookSignature({ secret, header: stale, body, toleranceSeconds: 600 })).toBe(true);
    const future = signatureHeader({ secret, body, timestamp: now() + 301 });
    expect(verifyWebhookSignature({ secret, header: future, body })).toBe(false);
  });

  it("cannot be moved to another time: the timestamp is signed with the body", () => {
    const header = signatureHeader({ secret, body, timestamp: now() - 1000 });
    const retimed = header.replace(/^t=\d+/, `t=${now()}`);
    expect(verifyWebhookSignature({ secret, header: retimed, body })).toBe(false);
  });

  it("accepts any matching v1 and refuses malformed headers", () => {
    const header = signatureHeader({ secret, body, timestamp: now() });
    const [time, signature] = header.split(",");
    expect(verifyWebhookSignature({ secret, header: `${time},v1=${"0".repeat(64)},${signature}`, body })).toBe(true);
    for (const malformed of [null, "", signature, time, `${time},v1=abc`, `t=soon,${signature}`, `${time},v0=${signature.slice(3)}`]) {
      expect(verifyWebhookSignature({ secret, header: malformed, body })).toBe(false);
    }
  });
});
