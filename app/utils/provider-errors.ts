import { z } from "zod";

/**
 * How OpenAI-compatible servers report an error: OpenAI's `{ error: { message } }`, the plain string
 * some servers (Ollama among them) put there, and vLLM's `{ object: "error", message }`.
 */
export const ProviderErrorBody = z.union([
  z.object({ error: z.union([z.object({ message: z.string() }), z.string()]) }),
  z.object({ object: z.literal("error"), message: z.string() }),
]);

export function providerErrorText(body: z.infer<typeof ProviderErrorBody>): string {
  if ("message" in body) return body.message;
  return typeof body.error === "string" ? body.error : body.error.message;
}

/** The readable reason in an error response's body, whatever shape the server chose. */
export function providerMessage(body: string, statusText: string): string {
  try {
    const parsed = ProviderErrorBody.safeParse(JSON.parse(body));
    if (parsed.success) return providerErrorText(parsed.data);
  } catch {
    // Not JSON (a proxy's HTML error page, say): the start of the body is the best explanation there is.
  }
  return excerpt(body) || statusText;
}

export function excerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}

export function describeFetchError(error: unknown): string {
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`.
  if (error instanceof Error && error.cause instanceof Error) return `${error.message} (${error.cause.message})`;
  return error instanceof Error ? error.message : String(error);
}
