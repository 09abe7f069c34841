import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyUserHash } from "./identity.server";

const secret = "9oV2oVd0bS3cQm2mZ0D4xPpG1r0x8l3kR1mYt6n0c2Q";

/** What the documentation tells a site's server to do (Node's sample). */
function signedByTheSite(userId: string, key = secret) {
  return createHmac("sha256", key).update(userId).digest("hex");
}

describe("verifyUserHash", () => {
  it("accepts the site's HMAC of the user id, in either hex case", () => {
    const userHash = signedByTheSite("customer-42");
    expect(verifyUserHash({ secret, userId: "customer-42", userHash })).toBe(true);
    expect(verifyUserHash({ secret, userId: "customer-42", userHash: userHash.toUpperCase() })).toBe(true);
  });

  it("accepts a hash computed outside Node, so the other samples on the widget page agree", () => {
    // printf %s customer-42 | openssl dgst -sha256 -hmac "$secret"; Python's hmac.new gives the same.
    const fromOpenssl = "17f28e4bb506ed3c572cd65674de891040645f113671d281b3c106153c8479f4";
    expect(verifyUserHash({ secret, userId: "customer-42", userHash: fromOpenssl })).toBe(true);
  });

  it("refuses another user's hash, another secret's hash and tampered hashes", () => {
    const userHash = signedByTheSite("customer-42");
    expect(verifyUserHash({ secret, userId: "customer-43", userHash })).toBe(false);
    expect(verifyUserHash({ secret, userId: "customer-42", userHash: signedByTheSite("customer-42", "another-secret") })).toBe(false);
    const flipped = `${userHash.slice(0, -1)}${userHash.endsWith("0") ? "1" : "0"}`;
    expect(verifyUserHash({ secret, userId: "customer-42", userHash: flipped })).toBe(false);
  });

  it("refuses malformed hashes and empty inputs without throwing", () => {
    const userHash = signedByTheSite("customer-42");
    for (const bad of ["", userHash.slice(0, 63), `${userHash}00`, `${userHash.slice(0, 62)}zz`, " ".repeat(64)]) {
      expect(verifyUserHash({ secret, userId: "customer-42", userHash: bad }), JSON.stringify(bad)).toBe(false);
    }
    expect(verifyUserHash({ secret: "", userId: "customer-42", userHash: signedByTheSite("customer-42", "") })).toBe(false);
    expect(verifyUserHash({ secret, userId: "", userHash: signedByTheSite("") })).toBe(false);
  });
});
