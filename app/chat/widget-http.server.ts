import type { z } from "zod";
import { MAX_WIDGET_BODY_BYTES, type WidgetApiError } from "./widget-api";

/** A refusal the widget shows the visitor: the status, a stable code and a readable message. */
export class WidgetApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { field?: string; headers?: HeadersInit } = {},
  ) {
    super(message);
  }
}

const CORS_BASE = {
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  // Last-Event-ID: the widget resumes its live stream with it (fetch, as EventSource can't send Authorization).
  "Access-Control-Allow-Headers": "Authorization, Content-Type, Last-Event-ID",
  "Access-Control-Max-Age": "600",
  // The widget reads it to say how long to wait after a 429.
  "Access-Control-Expose-Headers": "Retry-After",
};

/** Echoes an origin that was already checked against the widget's allowed list; never `*`. */
export function corsHeaders(origin: string | null): Headers {
  const headers = new Headers({ Vary: "Origin" });
  if (origin) {
    headers.set("Access-Control-Allow-Origin", origin);
    for (const [name, value] of Object.entries(CORS_BASE)) headers.set(name, value);
  }
  return headers;
}

export function widgetJson(body: unknown, status: number, cors: Headers, extraHeaders?: HeadersInit): Response {
  const headers = new Headers(cors);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  new Headers(extraHeaders).forEach((value, name) => headers.set(name, value));
  return new Response(JSON.stringify(body), { status, headers });
}

export function failureResponse(failure: WidgetApiFailure, cors: Headers): Response {
  const body: WidgetApiError = { error: { code: failure.code, message: failure.message, ...(failure.extra.field ? { field: failure.extra.field } : {}) } };
  return widgetJson(body, failure.status, cors, failure.extra.headers);
}

/**
 * Reads a JSON body no larger than the widget limit and validates it. The size is checked while
 * reading, so a client that lies about Content-Length (or sends none) cannot make us buffer more.
 */
export async function readWidgetBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_WIDGET_BODY_BYTES) throw tooLarge();
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) {
    throw new WidgetApiFailure(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const text = await readLimited(request);
  let json: unknown;
  try {
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new WidgetApiFailure(400, "invalid_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".") || undefined;
    throw new WidgetApiFailure(400, "invalid_body", field ? `${field}: ${issue.message}` : issue.message, { field });
  }
  return parsed.data;
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WIDGET_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(): WidgetApiFailure {
  return new WidgetApiFailure(413, "body_too_large", `The request body is larger than ${MAX_WIDGET_BODY_BYTES / 1024} KB.`);
}

export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+([\w-]{20,200})$/i.exec(request.headers.get("Authorization") ?? "");
  return match ? match[1] : null;
}
