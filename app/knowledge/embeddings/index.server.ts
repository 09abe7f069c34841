import { z } from "zod";
import { createOfflineEmbedder, type OfflineEmbedder } from "./offline.server";
import { createOpenAiCompatibleEmbedder } from "./openai-compatible.server";
import type { EmbeddingProvider } from "./provider";

/** Says "required" for a missing value, and `invalid` (or zod's own message) for a present but malformed one. */
function requiredForRemote(invalid?: string) {
  return {
    error: (issue: { input?: unknown }) => (issue.input === undefined ? "required when EMBEDDINGS_PROVIDER=openai-compatible" : invalid),
  };
}

const EmbeddingsEnv = z.discriminatedUnion("EMBEDDINGS_PROVIDER", [
  z.object({ EMBEDDINGS_PROVIDER: z.literal("offline") }),
  z.object({
    EMBEDDINGS_PROVIDER: z.literal("openai-compatible"),
    EMBEDDINGS_BASE_URL: z.url({ ...requiredForRemote("must be an http(s) URL such as https://api.openai.com/v1"), protocol: /^https?$/ }),
    EMBEDDINGS_API_KEY: z.string().optional(),
    EMBEDDINGS_MODEL: z.string(requiredForRemote()),
    EMBEDDINGS_DIMENSIONS: z.string(requiredForRemote()).regex(/^[1-9]\d*$/, "must be a positive whole number").transform(Number),
  }),
]);

// On globalThis rather than in a module variable: the dev server and the Remix bundle can each load their own copy
// of this module into one process, and two copies must not start two sets of ~150 MB model workers.
const OFFLINE_SINGLETON = Symbol.for("helpdesk-ai.knowledge.embeddings.offline");
const processWide = globalThis as { [OFFLINE_SINGLETON]?: OfflineEmbedder };

/** The embedder the deployment is configured for; a wrong or missing variable throws an error that names it. */
export function embeddingProviderFromEnv(env: Record<string, string | undefined>): EmbeddingProvider {
  // An empty variable (FOO= in a .env file) means "not set", as in app/env.server.ts.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = EmbeddingsEnv.safeParse({ EMBEDDINGS_PROVIDER: "offline", ...present });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid embeddings configuration:\n${problems.join("\n")}`);
  }
  const config = result.data;
  if (config.EMBEDDINGS_PROVIDER === "offline") return (processWide[OFFLINE_SINGLETON] ??= createOfflineEmbedder());
  return createOpenAiCompatibleEmbedder({
    baseUrl: config.EMBEDDINGS_BASE_URL,
    apiKey: config.EMBEDDINGS_API_KEY,
    model: config.EMBEDDINGS_MODEL,
    dimensions: config.EMBEDDINGS_DIMENSIONS,
  });
}
