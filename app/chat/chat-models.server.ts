import { z } from "zod";
import { createOpenAiCompatibleChat } from "./providers/openai-compatible.server";
import type { ChatProvider } from "./providers/provider";

const ChatEnv = z.object({
  CHAT_API_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://api.openai.com/v1" }),
  CHAT_API_KEY: z.string().optional(),
  CHAT_FALLBACK_MODEL: z.string().optional(),
  CHAT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  /** Set for Azure OpenAI, whose deployments take an api-version and an api-key header. */
  CHAT_AZURE_API_VERSION: z.string().optional(),
});

/** Raised when a personality asks for a remote model the deployment has not configured. */
export class ChatConfigurationError extends Error {}

/**
 * The OpenAI-compatible provider for a personality's model, from the deployment's environment.
 * Keys stay in the environment, never in the database a tenant admin edits.
 */
export function remoteChatProvider(model: string, env: Record<string, string | undefined> = process.env): ChatProvider {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = ChatEnv.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = issue.path[0] === "CHAT_API_BASE_URL" && present.CHAT_API_BASE_URL === undefined ? "is not set" : issue.message;
    throw new ChatConfigurationError(`This assistant uses a remote model, but ${String(issue.path[0])} ${problem}.`);
  }
  const config = parsed.data;
  return createOpenAiCompatibleChat({
    baseUrl: config.CHAT_API_BASE_URL,
    apiKey: config.CHAT_API_KEY,
    model,
    fallbackModel: config.CHAT_FALLBACK_MODEL,
    timeoutMs: config.CHAT_TIMEOUT_MS,
    ...(config.CHAT_AZURE_API_VERSION ? { azure: { apiVersion: config.CHAT_AZURE_API_VERSION } } : {}),
  });
}
