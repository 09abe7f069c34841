import { describe, expect, it } from "vitest";
import { csrfToken, readVerifiedForm } from "./csrf.server";

function post(body: Record<string, string>, cookie?: string) {
  return new Request("http://localhost/dashboard/settings", {
    method: "POST",
    body: new URLSearchParams(body),
    headers: cookie ? { cookie } : {},
  });
}

async function issuedToken() {
  const { token, setCookie } = await csrfToken(new Request("http://localhost/login"));
  return { token, cookie: setCookie!.split(";")[0] };
}

describe("CSRF protection", () => {
  it("issues a token once and keeps it while the cookie lives", async () => {
    const { token, cookie } = await issuedToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    const again = await csrfToken(new Request("http://localhost/login", { headers: { cookie } }));
    expect(again).toEqual({ token });
  });

  it("accepts a form whose token matches the cookie", async () => {
    const { token, cookie } = await issuedToken();
    const form = await readVerifiedForm(post({ csrf: token, name: "x" }, cookie));
    expect(form.get("name")).toBe("x");
  });

  it.each([
    ["no token", (t: string) => ({ name: "x" }), true],
    ["a wrong token", (t: string) => ({ csrf: t.replace(/^./, (c) => (c === "a" ? "b" : "a")) }), true],
    ["no cookie", (t: string) => ({ csrf: t }), false],
  ])("rejects a form with %s (403)", async (_label, body, withCookie) => {
    const { token, cookie } = await issuedToken();
    const rejection = await readVerifiedForm(post(body(token) as Record<string, string>, withCookie ? cookie : undefined)).catch((e) => e);
    expect(rejection).toBeInstanceOf(Response);
    expect(rejection.status).toBe(403);
  });

  it("rejects a forged (unsigned) cookie", async () => {
    const rejection = await readVerifiedForm(post({ csrf: "a".repeat(43) }, `__csrf=${"a".repeat(43)}`)).catch((e) => e);
    expect(rejection.status).toBe(403);
  });
});
