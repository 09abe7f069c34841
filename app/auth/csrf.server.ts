import { createCookie } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import { env, secureCookies } from "../env.server";
import { randomToken } from "./tokens.server";

export const CSRF_FIELD = "csrf";

function csrfCookie() {
  const secret = env().SESSION_SECRET;
  if (!secret) throw new Error("SESSION_SECRET is not set");
  return createCookie("__csrf", { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/", secrets: [secret] });
}

/**
 * Double-submit token: a signed, httpOnly cookie and the same value in every form. Returns the
 * token for the page and, when the browser has none yet, the Set-Cookie header to send.
 */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie?: string }> {
  const existing: unknown = await csrfCookie().parse(request.headers.get("cookie"));
  if (typeof existing === "string" && existing.length >= 32) return { token: existing };
  const token = randomToken();
  return { token, setCookie: await csrfCookie().serialize(token) };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Reads a form POST and rejects it (403) unless its token matches the cookie. */
export async function readVerifiedForm(request: Request): Promise<FormData> {
  const form = await request.formData();
  const submitted = form.get(CSRF_FIELD);
  const expected: unknown = await csrfCookie().parse(request.headers.get("cookie"));
  if (typeof submitted !== "string" || typeof expected !== "string" || !sameToken(submitted, expected)) {
    throw new Response("This form has expired. Reload the page and try again.", { status: 403, statusText: "Forbidden" });
  }
  return form;
}
