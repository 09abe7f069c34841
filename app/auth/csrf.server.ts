import {
  createCookie,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
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
  return verify(request, await request.formData());
}

/**
 * Reads a multipart upload with a size limit per file, streaming so that an oversized upload is
 * refused (413, naming the limit) without being held in memory, then checks the CSRF token.
 */
export async function readVerifiedUpload(request: Request, { maxFileBytes, maxFiles }: { maxFileBytes: number; maxFiles: number }): Promise<FormData> {
  const limitMb = Math.round(maxFileBytes / 1024 / 1024);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxFileBytes * maxFiles + 1024 * 1024) {
    throw new Response(`The upload is too large: at most ${maxFiles} files of ${limitMb} MB each.`, { status: 413 });
  }
  try {
    const form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: maxFileBytes }));
    return verify(request, form);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      throw new Response(`A file is larger than the ${limitMb} MB limit.`, { status: 413 });
    }
    throw error;
  }
}

async function verify(request: Request, form: FormData): Promise<FormData> {
  const submitted = form.get(CSRF_FIELD);
  const expected: unknown = await csrfCookie().parse(request.headers.get("cookie"));
  if (typeof submitted !== "string" || typeof expected !== "string" || !sameToken(submitted, expected)) {
    throw new Response("This form has expired. Reload the page and try again.", { status: 403, statusText: "Forbidden" });
  }
  return form;
}
