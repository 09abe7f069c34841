import type { WidgetApiError } from "./contract";

/** Where one widget's API lives: `apiBase` is an origin (or a path prefix on one) and may be "" for same-origin. */
export interface WidgetTarget {
  apiBase: string;
  publicId: string;
}

/** Every way a call can fail, as one value: `status` is 0 when the network (not the server) failed. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiFailure"; // minified class names would make the console say "s: …"
  }
}

interface RequestOptions {
  method?: "GET" | "POST";
  token?: string;
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
  headers?: Record<string, string>;
}

function widgetUrl(target: WidgetTarget, path: string): string {
  return `${target.apiBase}/api/widget/${encodeURIComponent(target.publicId)}${path}`;
}

/** fetch() for the widget routes: resolves only with a 2xx response, otherwise rejects with an ApiFailure. */
export async function request(target: WidgetTarget, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json", ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(widgetUrl(target, path), {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // The bearer token is the only credential; cookies of our origin must never ride along.
      credentials: "omit",
    });
  } catch {
    throw new ApiFailure(0, "network", "The network request failed.");
  }
  if (!response.ok) throw await failureFrom(response);
  return response;
}

export async function requestJson<T>(target: WidgetTarget, path: string, options?: RequestOptions): Promise<T> {
  const response = await request(target, path, options);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiFailure(response.status, "bad_response", "The server sent an unreadable answer.");
  }
}

async function failureFrom(response: Response): Promise<ApiFailure> {
  let error: Partial<WidgetApiError["error"]> = {};
  try {
    error = ((await response.json()) as WidgetApiError).error ?? {};
  } catch {
    // Not our JSON (a proxy's error page, say): the status alone has to do.
  }
  return new ApiFailure(
    response.status,
    error.code ?? `http_${response.status}`,
    error.message ?? response.statusText,
    retryAfterSeconds(response.headers.get("Retry-After")),
  );
}

/** Retry-After is either delta-seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
