/** What one request to a paid embedding model consumed, for the caller to record against its tenant. */
export interface EmbeddingUsage {
  provider: string;
  model: string;
  inputTokens: number;
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Called once per model request that reports usage; a model that is free to run (the offline one) never calls it. */
  onUsage?: (usage: EmbeddingUsage) => void;
}

/** Turns texts into vectors for semantic search; every stored vector records the `id` of the provider that made it. */
export interface EmbeddingProvider {
  /** Stable model id stored with every vector: vectors from different ids are not comparable. */
  readonly id: string;
  readonly dimensions: number;
  /** The most texts sent to the model at once; `embed` splits longer lists itself. */
  readonly maxBatchSize: number;
  /** Unit-normalised vectors, one per text, in the order of `texts`. */
  embed(texts: string[], options?: EmbedOptions): Promise<number[][]>;
}

/** `retryable` tells callers (e.g. an indexing job) whether trying the same texts again later can succeed. */
export class EmbeddingError extends Error {
  override readonly name = "EmbeddingError";

  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
