import { describe, expect, it, vi } from "vitest";
import { embeddingProviderFromEnv } from "./index.server";
import { OFFLINE_EMBEDDING_MODEL_ID } from "./offline.server";
import { sendJson, startFakeModelServer } from "../../testing/fake-model-server";

const remote = {
  EMBEDDINGS_PROVIDER: "openai-compatible",
  EMBEDDINGS_BASE_URL: "http://localhost:11434/v1",
  EMBEDDINGS_MODEL: "nomic-embed-text",
  EMBEDDINGS_DIMENSIONS: "768",
};

function configurationError(env: Record<string, string | undefined>): string {
  try {
    embeddingProviderFromEnv(env);
  } catch (error) {
    return String(error);
  }
  throw new Error("Expected a configuration error");
}

describe("embeddingProviderFromEnv", () => {
  it("defaults to the offline model, one instance per process even across copies of the module", async () => {
    const provider = embeddingProviderFromEnv({});

    expect(provider).toMatchObject({ id: OFFLINE_EMBEDDING_MODEL_ID, dimensions: 512 });
    expect(embeddingProviderFromEnv({ EMBEDDINGS_PROVIDER: "offline" })).toBe(provider);
    vi.resetModules();
    const secondCopy = await import("./index.server");
    expect(secondCopy.embeddingProviderFromEnv).not.toBe(embeddingProviderFromEnv);
    expect(secondCopy.embeddingProviderFromEnv({ EMBEDDINGS_PROVIDER: "" })).toBe(provider);
  });

  it("builds an OpenAI-compatible provider from the variables", () => {
    const provider = embeddingProviderFromEnv(remote);

    expect(provider).toMatchObject({ id: "openai-compatible:nomic-embed-text", dimensions: 768 });
  });

  it("passes the API key and URL through to the requests", async () => {
    const authorizations: Array<string | undefined> = [];
    const server = await startFakeModelServer((request, response) => {
      authorizations.push(request.headers.authorization);
      sendJson(response, 200, { data: [{ index: 0, embedding: [0, 1] }] });
    });
    try {
      const provider = embeddingProviderFromEnv({
        ...remote,
        EMBEDDINGS_BASE_URL: server.baseUrl,
        EMBEDDINGS_API_KEY: "sk-from-env",
        EMBEDDINGS_DIMENSIONS: "2",
      });

      expect(await provider.embed(["hello"])).toEqual([[0, 1]]);
      expect(authorizations).toEqual(["Bearer sk-from-env"]);
    } finally {
      await server.close();
    }
  });

  it("names every missing variable, treating empty ones as missing", () => {
    const message = configurationError({ EMBEDDINGS_PROVIDER: "openai-compatible", EMBEDDINGS_MODEL: "" });

    expect(message).toContain("EMBEDDINGS_BASE_URL: required when EMBEDDINGS_PROVIDER=openai-compatible");
    expect(message).toContain("EMBEDDINGS_MODEL: required when EMBEDDINGS_PROVIDER=openai-compatible");
    expect(message).toContain("EMBEDDINGS_DIMENSIONS: required when EMBEDDINGS_PROVIDER=openai-compatible");
    expect(message).not.toContain("EMBEDDINGS_API_KEY");
  });

  it("names malformed values and says what is expected", () => {
    const message = configurationError({ ...remote, EMBEDDINGS_BASE_URL: "localhost:11434", EMBEDDINGS_DIMENSIONS: "-3" });

    expect(message).toContain("EMBEDDINGS_BASE_URL: must be an http(s) URL");
    expect(message).toContain("EMBEDDINGS_DIMENSIONS: must be a positive whole number");
  });

  it("names an unknown provider", () => {
    expect(configurationError({ EMBEDDINGS_PROVIDER: "cohere" })).toMatch(/EMBEDDINGS_PROVIDER: .*'offline' \| 'openai-compatible'/);
  });
});
