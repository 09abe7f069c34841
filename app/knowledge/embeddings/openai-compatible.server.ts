import { z } from "zod";
import { describeFetchError, excerpt, providerMessage } from "../../utils/provider-errors";
import { backoffDelayMs, parseRetryAfter, pause } from "../../utils/retry";
import { splitIntoBatches } from "./batches";
import { EmbeddingError, type EmbedOptions, type EmbeddingProvider } from "./provider";
import { l2Normalize } from "./vectors";

export interface OpenAiCompatibleConfig {
  /** e.g. "https://api.openai.com/v1" or "http://localhost:11434/v1" (Ollama); "/embeddings" is appended. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** What the model returns; every response is checked against it, since vectors of another size cannot be stored. */
  dimensions: number;
  /** Texts per HTTP request. Default 64. */
  maxBatchSize?: number;
  /** Per HTTP request, including reading the body. Default 60 s, as a local model on a CPU can be slow. */
  timeoutMs?: number;
  /** Further attempts after a 429, a 5xx, a timeout or a network error. Default 3. */
  maxRetries?: number;
  fetch?: typeof fetch;
}

const EmbeddingsResponse = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
  usage: z.object({ prompt_tokens: z.number() }).optional(),
});

const RETRY_BASE_DELAY_MS = 500;
// A provider asking for a longer pause is better answered with a retryable failure the caller can schedule than
// with a request that sits open for minutes.
const MAX_RETRY_AFTER_MS = 60_000;

type Attempt = { ok: true; vectors: number[][] } | { ok: false; error: EmbeddingError; retryAfterMs?: number };

/** Any server that speaks OpenAI's POST /embeddings: OpenAI itself, Azure-style proxies, Ollama, vLLM, LM Studio. */
export function createOpenAiCompatibleEmbedder(config: OpenAiCompatibleConfig): EmbeddingProvider {
  const { model, dimensions, apiKey, maxBatchSize = 64, timeoutMs = 60_000, maxRetries = 3 } = config;
  const fetchImpl = config.fetch ?? fetch;
  const url = new URL(`${config.baseUrl.replace(/\/+$/, "")}/embeddings`);
  const id = `openai-compatible:${model}`;
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new RangeError(`maxBatchSize must be a positive integer, got ${maxBatchSize}`);

  async function embedBatch(input: string[], { signal, onUsage }: EmbedOptions): Promise<number[][]> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await attemptOnce(input, signal, onUsage);
      if (outcome.ok) return outcome.vectors;
      if (!outcome.error.retryable || attempt >= maxRetries) throw outcome.error;
      await pause(outcome.retryAfterMs ?? backoffDelayMs(attempt, RETRY_BASE_DELAY_MS), signal);
    }
  }

  async function attemptOnce(input: string[], signal: AbortSignal | undefined, onUsage: EmbedOptions["onUsage"]): Promise<Attempt> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await fetchImpl(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) },
        body: JSON.stringify({ model, input, encoding_format: "float" }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const problem = timeout.aborted ? `no response within ${timeoutMs} ms` : `request failed: ${describeFetchError(error)}`;
      return { ok: false, error: new EmbeddingError(`${id}: ${problem}`, true, { cause: error }) };
    }
    if (!response.ok) {
      const retryable = response.status === 429 || response.status >= 500;
      const error = new EmbeddingError(`${id}: HTTP ${response.status}: ${providerMessage(body, response.statusText)}`, retryable);
      return { ok: false, error, retryAfterMs: retryable ? parseRetryAfter(response.headers.get("retry-after"), MAX_RETRY_AFTER_MS) : undefined };
    }
    return { ok: true, vectors: parseVectors(body, input.length, onUsage) };
  }

  /** The server answered 200; anything unexpected in the body is a configuration problem, not worth a retry. */
  function parseVectors(body: string, expectedCount: number, onUsage: EmbedOptions["onUsage"]): number[][] {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new EmbeddingError(`${id}: the response is not JSON: ${excerpt(body)}`, false);
    }
    const parsed = EmbeddingsResponse.safeParse(json);
    if (!parsed.success) throw new EmbeddingError(`${id}: unexpected response: ${z.prettifyError(parsed.error)}`, false);
    const { data, usage } = parsed.data;
    // Reported before the checks below: the provider bills a request whose vectors turn out unusable all the same.
    if (usage) onUsage?.({ provider: "openai-compatible", model, inputTokens: usage.prompt_tokens });
    // The API documents `index` as the input's position; servers may list the items in any order.
    const items = [...data].sort((a, b) => a.index - b.index);
    if (items.length !== expectedCount || items.some((item, position) => item.index !== position)) {
      throw new EmbeddingError(`${id}: the response has indexes [${data.map((item) => item.index).join(", ")}] for ${expectedCount} inputs`, false);
    }
    const wrongSize = items.find((item) => item.embedding.length !== dimensions);
    if (wrongSize) {
      throw new EmbeddingError(`${id}: the model returned ${wrongSize.embedding.length}-dimensional vectors, but ${dimensions} are configured`, false);
    }
    return items.map((item) => l2Normalize(item.embedding));
  }

  return {
    id,
    dimensions,
    maxBatchSize,
    async embed(texts, options = {}) {
      const vectors: number[][] = [];
      // One request at a time: the provider's rate limit, not this loop, is what bounds throughput.
      for (const batch of splitIntoBatches(texts, maxBatchSize)) vectors.push(...(await embedBatch(batch, options)));
      return vectors;
    },
  };
}
