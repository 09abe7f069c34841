import { describe, expect, it } from "vitest";
import { UserFacingError } from "../utils/errors";
import { isOriginAllowed, normalizeAllowedOrigin } from "./allowed-origins";

function refusal(input: string): string {
  try {
    normalizeAllowedOrigin(input);
  } catch (error) {
    if (error instanceof UserFacingError) return error.message;
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(input)} to be refused`);
}

describe("normalizeAllowedOrigin", () => {
  it.each([
    ["https://shop.example.com", "https://shop.example.com"],
    ["shop.example.com", "https://shop.example.com"],
    ["  Shop.EXAMPLE.com/  ", "https://shop.example.com"],
    ["HTTPS://shop.example.com:443", "https://shop.example.com"],
    ["http://shop.example.com:80", "http://shop.example.com"],
    ["https://shop.example.com:8443", "https://shop.example.com:8443"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["localhost:8080", "https://localhost:8080"],
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000"],
    ["http://[::1]:3000", "http://[::1]:3000"],
    ["bücher.example", "https://xn--bcher-kva.example"],
    ["*.example.com", "https://*.example.com"],
    ["https://*.Example.COM", "https://*.example.com"],
  ])("%s → %s", (input, canonical) => {
    expect(normalizeAllowedOrigin(input)).toBe(canonical);
  });

  it.each([
    ["https://shop.example.com/checkout", /remove the path/],
    ["shop.example.com?utm=1", /remove the path or query/],
    ["shop.example.com#top", /remove the path or query/],
    ["https://user:secret@shop.example.com", /user name or password/],
    ["https://evil.example@shop.example.com", /user name or password/],
    ["javascript:alert(1)", /only http:\/\/ and https:\/\//],
    ["javascript://%0aalert(1)", /only http:\/\/ and https:\/\//],
    ["data:text/html,<script>alert(1)</script>", /only http:\/\/ and https:\/\//],
    ["ftp://files.example.com", /only http:\/\/ and https:\/\//],
    ["*", /bare \*/],
    ["https://*", /bare \*/],
    ["*.com", /at least two parts/],
    ["*.localhost", /at least two parts/],
    ["*.10.0.0", /at least two parts/],
    ["http://*.example.com", /https sites only/],
    ["*.example.com:8443", /cannot have a port/],
    ["shop.*.example.com", /only as the first part/],
    ["*.*.example.com", /only as the first part/],
    ["10.0.0.*", /only as the first part/],
    ["10.0.0.0/8", /address ranges/],
    ["//evil.example.com", /remove the path/],
    ["shop example.com", /spaces or control characters/],
    ["shop.example.com\u0000.evil.com", /spaces or control characters/],
    ["https://shop.example.com\\@evil.com", /spaces or control characters/],
    ["https://-shop.example.com", /not a valid domain/],
    ["https://shop_1.example.com", /not a valid domain/],
    ["https://shop..example.com", /not a valid domain/],
    ["https://shop.example.com.", /not a valid domain/],
    ["https://shop.example.com:99999", /not a valid domain/],
    ["intranet", /full domain/],
    ["", /enter a domain/],
    [`${"a".repeat(300)}.com`, /too long/],
  ])("refuses %s", (input, reason) => {
    expect(refusal(input)).toMatch(reason);
  });

  it("names the offending line, shortened when long", () => {
    expect(refusal("https://shop.example.com/checkout")).toMatch(/^"https:\/\/shop\.example\.com\/checkout": /);
    expect(refusal(`https://shop.example.com/${"x".repeat(200)}`)).toMatch(/^"https:\/\/shop\.example\.com\/x+…": /);
  });

  it("reports its errors against the allowed-domains field", () => {
    const error = (() => {
      try {
        normalizeAllowedOrigin("*");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({ field: "allowedOrigins", status: 400 });
  });
});

describe("isOriginAllowed", () => {
  const allowed = ["https://shop.example.com", "http://localhost:8080", "https://*.example.org"];

  it("matches scheme, host and port exactly, ignoring host case and default ports", () => {
    expect(isOriginAllowed("https://shop.example.com", allowed)).toBe(true);
    expect(isOriginAllowed("https://SHOP.Example.com", allowed)).toBe(true);
    expect(isOriginAllowed("https://shop.example.com:443", allowed)).toBe(true);
    expect(isOriginAllowed("http://localhost:8080", allowed)).toBe(true);

    expect(isOriginAllowed("http://shop.example.com", allowed)).toBe(false);
    expect(isOriginAllowed("https://shop.example.com:8443", allowed)).toBe(false);
    expect(isOriginAllowed("http://localhost:3000", allowed)).toBe(false);
    expect(isOriginAllowed("https://localhost:8080", allowed)).toBe(false);
    expect(isOriginAllowed("https://www.shop.example.com", allowed)).toBe(false);
    expect(isOriginAllowed("https://example.com", allowed)).toBe(false);
  });

  it("matches a wildcard's subdomains over https only, never the apex or look-alikes", () => {
    expect(isOriginAllowed("https://help.example.org", allowed)).toBe(true);
    expect(isOriginAllowed("https://a.b.example.org", allowed)).toBe(true);
    expect(isOriginAllowed("https://HELP.EXAMPLE.ORG:443", allowed)).toBe(true);

    expect(isOriginAllowed("https://example.org", allowed)).toBe(false);
    expect(isOriginAllowed("https://evil-example.org", allowed)).toBe(false);
    expect(isOriginAllowed("https://example.org.evil.com", allowed)).toBe(false);
    expect(isOriginAllowed("https://helpexample.org", allowed)).toBe(false);
    expect(isOriginAllowed("http://help.example.org", allowed)).toBe(false);
    expect(isOriginAllowed("https://help.example.org:8443", allowed)).toBe(false);
  });

  it("refuses anything that is not an http(s) origin", () => {
    for (const origin of [
      "null",
      "",
      "shop.example.com",
      "file://",
      "javascript:alert(1)",
      "https://shop.example.com/path",
      "https://shop.example.com?x",
      "https://user@shop.example.com",
      "https://shop.example.com.evil.com",
    ]) {
      expect(isOriginAllowed(origin, allowed), origin).toBe(false);
    }
  });

  it("allows no foreign origin when the list is empty", () => {
    expect(isOriginAllowed("https://shop.example.com", [])).toBe(false);
  });

  it("agrees with normalizeAllowedOrigin on internationalised domains", () => {
    expect(isOriginAllowed("https://xn--bcher-kva.example", [normalizeAllowedOrigin("bücher.example")])).toBe(true);
  });
});
