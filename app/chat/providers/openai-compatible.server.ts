import { z } from "zod";
import { describeFetchError, excerpt, ProviderErrorBody, providerErrorText, providerMessage } from "../../utils/provider-errors";
import { backoffDelayMs, parseRetryAfter, pause } from "../../utils/retry";
import { ChatProviderError, type ChatProvider, type ChatRequest, type ChatStreamEvent } from "./provider";

export interface OpenAiCompatibleChatConfig {
  /**
   * e.g. "https://api.openai.com/v1", "http://localhost:11434/v1" (Ollama), "http://localhost:8000/v1" (vLLM),
   * "http://localhost:8080/v1" (llama.cpp), "http://localhost:1234/v1" (LM Studio); "/chat/completions" is appended.
   */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Asked, with the same retries, when `model` does not exist (404) or still fails after its retries. */
  fallbackModel?: string;
  /** From sending the request to the first bytes of the answer. Default 30 s. */
  timeoutMs?: number;
  /** The longest silence allowed between two chunks of the stream. Default 30 s. */
  idleTimeoutMs?: number;
  /** Further attempts per model after a 429, a 5xx, a timeout or a network error, as long as no token was streamed. Default 2. */
  maxRetries?: number;
  /**
   * Azure OpenAI: the key goes in an `api-key` header and every request carries `?api-version=` (2024-10-21 or later
   * for `stream_options`). With a deployment URL (".../openai/deployments/{name}") Azure ignores `model`, so
   * `fallbackModel` only helps with the v1 API (".../openai/v1"), where `model` names the deployment.
   */
  azure?: { apiVersion: string };
  fetch?: typeof fetch;
}

const StreamChunk = z.object({
  model: z.string().optional(),
  // Azure's first chunk (its prompt filter results) and the final usage chunk have no choices.
  choices: z
    .array(z.object({ delta: z.object({ content: z.string().nullish() }).nullish(), finish_reason: z.string().nullish() }))
    .default([]),
  // OpenAI sends `usage: null` in every chunk but the last.
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullish(),
});

// OpenAI's shape, the plain string some compatible servers (Ollama) send instead, and vLLM's own.

const RETRY_BASE_DELAY_MS = 500;
// A visitor is watching a typing indicator: waiting longer than this is worse than trying the fallback model.
const MAX_RETRY_AFTER_MS = 10_000;

/** An HTTP status other than 2xx, with what the retry loop needs to know about it. */
class HttpStatusError extends ChatProviderError {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, "http", status === 429 || status >= 500);
  }
}

/** Tracks, across retries and the fallback, whether the caller has seen text: after that, trying again would repeat it. */
interface Progress {
  tokenYielded: boolean;
}

/** Any server that speaks OpenAI's streaming POST /chat/completions: OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp, LM Studio. */
export function createOpenAiCompatibleChat(config: OpenAiCompatibleChatConfig): ChatProvider {
  const { model, fallbackModel, apiKey, azure, timeoutMs = 30_000, idleTimeoutMs = 30_000, maxRetries = 2 } = config;
  const fetchImpl = config.fetch ?? fetch;
  const url = new URL(`${config.baseUrl.replace(/\/+$/, "")}/chat/completions`);
  if (azure) url.searchParams.set("api-version", azure.apiVersion);
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "text/event-stream" };
  if (apiKey && azure) headers["api-key"] = apiKey;
  else if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  for (const [name, value] of Object.entries({ timeoutMs, idleTimeoutMs })) {
    if (!(value > 0)) throw new RangeError(`${name} must be positive, got ${value}`);
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError(`maxRetries must be a whole number, got ${maxRetries}`);

  async function* streamWithRetries(candidate: string, request: ChatRequest, progress: Progress): AsyncGenerator<ChatStreamEvent> {
    for (let attempt = 0; ; attempt++) {
      try {
        return yield* streamOnce(candidate, request, progress);
      } catch (error) {
        if (progress.tokenYielded || !(error instanceof ChatProviderError) || !error.retryable || attempt >= maxRetries) throw error;
        const retryAfterMs = error instanceof HttpStatusError ? error.retryAfterMs : undefined;
        await pause(retryAfterMs ?? backoffDelayMs(attempt, RETRY_BASE_DELAY_MS), request.signal).catch(() => {
          throw abortedError(candidate, request.signal);
        });
      }
    }
  }

  async function* streamOnce(candidate: string, request: ChatRequest, progress: Progress): AsyncGenerator<ChatStreamEvent> {
    const { signal } = request;
    const label = `openai-compatible:${candidate}`;
    if (signal?.aborted) throw abortedError(candidate, signal);

    // Cut by a timer, or by the caller's signal; `stall` says which timer fired.
    const connection = new AbortController();
    let stall: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startTimer = (milliseconds: number, problem: string) => {
      timer = setTimeout(() => {
        stall = problem;
        connection.abort();
      }, milliseconds);
    };
    const transportError = (error: unknown, failure: string) => {
      if (signal?.aborted) return abortedError(candidate, signal);
      if (stall) return new ChatProviderError(`${label}: ${stall}`, "timeout", true, { cause: error });
      return new ChatProviderError(`${label}: ${failure}: ${describeFetchError(error)}`, "network", true, { cause: error });
    };
    const protocolError = (problem: string) => new ChatProviderError(`${label}: ${problem}`, "protocol", false);

    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    startTimer(timeoutMs, `no response within ${timeoutMs} ms`);
    try {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: "POST",
          headers,
          body: JSON.stringify(requestBody(candidate, request)),
          signal: signal ? AbortSignal.any([signal, connection.signal]) : connection.signal,
        });
      } catch (error) {
        throw transportError(error, "request failed");
      }
      const contentType = response.headers.get("content-type") ?? "";
      if (!response.ok || contentType.includes("application/json")) {
        let body: string;
        try {
          body = await response.text();
        } catch (error) {
          throw transportError(error, "reading the response failed");
        }
        if (response.ok) {
          throw protocolError(`expected an event stream, got JSON (does the server support stream: true?): ${providerMessage(body, "")}`);
        }
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), MAX_RETRY_AFTER_MS);
        throw new HttpStatusError(`${label}: HTTP ${response.status}: ${providerMessage(body, response.statusText)}`, response.status, retryAfterMs);
      }
      if (!response.body) throw protocolError("the response has no body");

      reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parser = new EventStreamParser();
      let answer = "";
      let answeredBy = candidate;
      let finished = false;
      let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
      read: for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw transportError(error, "the connection broke");
        }
        clearTimeout(timer);
        // Some fetch implementations end the body quietly on abort instead of failing the read.
        if (signal?.aborted) throw abortedError(candidate, signal);
        if (chunk.done) break;

        let events: string[];
        try {
          events = parser.push(decoder.decode(chunk.value, { stream: true }));
        } catch (error) {
          throw protocolError(error instanceof Error ? error.message : String(error));
        }
        for (const data of events) {
          if (data === "[DONE]") {
            finished = true;
            break read;
          }
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch {
            throw protocolError(`the stream has a data line that is not JSON: ${excerpt(data)}`);
          }
          const reported = ProviderErrorBody.safeParse(json);
          if (reported.success) throw protocolError(`the server reported an error mid-stream: ${providerErrorText(reported.data)}`);
          const parsed = StreamChunk.safeParse(json);
          if (!parsed.success) throw protocolError(`unexpected chunk: ${z.prettifyError(parsed.error)}`);
          const { model: reportedModel, choices, usage: chunkUsage } = parsed.data;
          if (reportedModel) answeredBy = reportedModel;
          if (chunkUsage) usage = chunkUsage;
          const [choice] = choices;
          if (choice?.finish_reason) finished = true;
          const text = choice?.delta?.content;
          if (text) {
            answer += text;
            progress.tokenYielded = true;
            yield { type: "token", text };
          }
        }
        startTimer(idleTimeoutMs, `no data for ${idleTimeoutMs} ms in the middle of the answer`);
      }
      if (!finished) throw protocolError("the stream ended before the answer was complete (no [DONE] and no finish_reason)");

      if (usage) {
        yield { type: "usage", promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, model: answeredBy, estimated: false };
      } else {
        // Some servers (older Ollama and LM Studio, llama.cpp builds) ignore stream_options. ~4 characters a token is
        // OpenAI's rule of thumb for English; these are mostly local models that cost nothing, so only volume
        // statistics rely on the guess, and `estimated` tells them so.
        const promptChars = request.messages.reduce((sum, turn) => sum + turn.content.length, 0);
        yield {
          type: "usage",
          promptTokens: Math.ceil(promptChars / 4),
          completionTokens: Math.ceil(answer.length / 4),
          model: answeredBy,
          estimated: true,
        };
      }
    } finally {
      clearTimeout(timer);
      // Closes the connection when the caller stopped early (break, abort) or the stream was garbage.
      reader?.cancel().catch(() => undefined);
    }
  }

  return {
    id: `openai-compatible:${model}`,
    async *stream(request) {
      const progress: Progress = { tokenYielded: false };
      try {
        yield* streamWithRetries(model, request, progress);
      } catch (primaryError) {
        const worthFallback =
          primaryError instanceof ChatProviderError &&
          (primaryError.retryable || (primaryError instanceof HttpStatusError && primaryError.status === 404));
        if (!fallbackModel || progress.tokenYielded || !worthFallback) throw primaryError;
        try {
          yield* streamWithRetries(fallbackModel, request, progress);
        } catch (fallbackError) {
          if (!(fallbackError instanceof ChatProviderError) || fallbackError.code === "aborted" || progress.tokenYielded) throw fallbackError;
          // Both failures matter to whoever fixes the configuration.
          throw new ChatProviderError(`${fallbackError.message} (after ${primaryError.message})`, fallbackError.code, fallbackError.retryable, {
            cause: fallbackError,
          });
        }
      }
    },
  };
}

function requestBody(model: string, { messages, temperature, maxTokens }: ChatRequest) {
  return {
    model,
    messages: messages.map(({ role, content }) => ({ role, content })),
    stream: true,
    stream_options: { include_usage: true },
    temperature,
    // Not max_completion_tokens: local servers know only max_tokens. OpenAI's reasoning models refuse it (see ChatRequest).
    max_tokens: maxTokens,
  };
}

function abortedError(model: string, signal: AbortSignal | undefined) {
  return new ChatProviderError(`openai-compatible:${model}: aborted by the caller`, "aborted", false, { cause: signal?.reason });
}

/**
 * Splits a server-sent event stream (HTML Living Standard, "Parsing an event stream") into the `data` of each event,
 * however the network cut the text into chunks. Lines with a field other than data, event, id or retry are refused:
 * they mean the body is not an event stream at all (an HTML page, say), and the spec's "ignore them" would hide that.
 */
class EventStreamParser {
  private buffer = "";
  private dataLines: string[] = [];

  /** The data of every event that `text` completes. */
  push(text: string): string[] {
    this.buffer += text;
    const events: string[] = [];
    const lineBreak = /\r\n|\r|\n/g;
    let lineStart = 0;
    for (let match = lineBreak.exec(this.buffer); match; match = lineBreak.exec(this.buffer)) {
      // A "\r" at the end may be the first half of a "\r\n" still on its way.
      if (match[0] === "\r" && lineBreak.lastIndex === this.buffer.length) break;
      const line = this.buffer.slice(lineStart, match.index);
      lineStart = lineBreak.lastIndex;
      if (line === "") {
        if (this.dataLines.length) events.push(this.dataLines.join("\n"));
        this.dataLines = [];
        continue;
      }
      if (line.startsWith(":")) continue; // a comment, such as a keep-alive
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "data") this.dataLines.push(value);
      else if (field !== "event" && field !== "id" && field !== "retry") throw new Error(`the response is not an event stream: ${excerpt(line)}`);
    }
    this.buffer = this.buffer.slice(lineStart);
    return events;
  }
}
