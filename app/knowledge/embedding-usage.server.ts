import { withTenant } from "../../db/tenant-scope";
import { recordUsage } from "../budgets/record-usage.server";
import { costUsd } from "../chat/providers/pricing";
import type { EmbeddingProvider, EmbeddingUsage } from "./embeddings/provider";

/**
 * Embeds texts for a tenant and records each billed model request as one "embedding" usage event, which counts
 * toward the tenant's budget. The events are written when the call has ended, in a short transaction of their own
 * (never one that waits on the model), and also when it failed part-way: the requests that were answered are
 * billed all the same. A free model (the offline one) reports no usage, and then no transaction is opened.
 */
export async function embedForTenant({
  tenantId,
  conversationId = null,
  embedder,
  texts,
}: {
  tenantId: string;
  conversationId?: string | null;
  embedder: EmbeddingProvider;
  texts: string[];
}): Promise<number[][]> {
  const billed: EmbeddingUsage[] = [];
  try {
    return await embedder.embed(texts, { onUsage: (usage) => billed.push(usage) });
  } finally {
    if (billed.length) {
      await withTenant(tenantId, async (em) => {
        for (const { provider, model, inputTokens } of billed) {
          const cost = costUsd({ model, inputTokens, outputTokens: 0 });
          await recordUsage(em, { tenantId, conversationId, service: "embedding", provider, model, inputTokens, outputTokens: 0, costUsd: cost });
        }
      });
    }
  }
}
