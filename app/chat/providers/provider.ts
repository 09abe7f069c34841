/** One message of the conversation sent to a chat model. */
export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  messages: ChatTurn[];
  /** Leave unset for reasoning models (OpenAI's o-series): they refuse any value but their own. */
  temperature?: number;
  /** Upper bound on the answer's length. Leave unset for reasoning models, which refuse `max_tokens`. */
  maxTokens?: number;
  /** Stops the request, or the stream mid-answer (the visitor left): the provider stops reading and closes the connection. */
  signal?: AbortSignal;
}

export type ChatStreamEvent =
  | { type: "token"; text: string }
  /**
   * Emitted once, after the last token. `model` is the model that answered (the fallback, when the primary failed),
   * as the server names it. `estimated` is true when the server reported no usage and the counts are guesses.
   */
  | { type: "usage"; promptTokens: number; completionTokens: number; model: string; estimated: boolean };

export interface ChatProvider {
  /** e.g. "openai-compatible:gpt-4o-mini": names the configured (primary) model. */
  readonly id: string;
  /** Tokens in order, then one usage event. Failures throw a `ChatProviderError`, possibly after some tokens. */
  stream(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
}

export type ChatProviderErrorCode = "timeout" | "http" | "protocol" | "network" | "aborted";

/**
 * `retryable` tells the caller whether asking again later can succeed. The provider retries by itself only until the
 * first token reaches the caller, so a retryable error after some tokens means "start the answer over".
 */
export class ChatProviderError extends Error {
  override readonly name = "ChatProviderError";

  constructor(
    message: string,
    readonly code: ChatProviderErrorCode,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
