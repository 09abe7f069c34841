import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("stores scrypt with OWASP parameters and a random salt", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toEqual(second);
    expect(first).not.toContain("correct horse");
  });

  it("verifies the right password and rejects a wrong or tampered one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterz", stored)).toBe(false);
    // A character inside the hash: the last one of a base64url 32-byte value carries 2 padding bits, so A <-> B there can decode alike.
    const position = stored.length - 10;
    const tampered = stored.slice(0, position) + (stored[position] === "A" ? "B" : "A") + stored.slice(position + 1);
    expect(await verifyPassword("correct horse battery", tampered)).toBe(false);
    expect(await verifyPassword("anything", "md5$abc")).toBe(false);
  });

  it("treats Unicode compositions of the same password alike", async () => {
    const stored = await hashPassword("Caf\u00e9 au lait 2026");
    expect(await verifyPassword("Cafe\u0301 au lait 2026", stored)).toBe(true);
  });
});
