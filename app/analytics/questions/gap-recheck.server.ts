import { withTenant } from "../../../db/tenant-scope";
import { generateAnswer, type EngineAnswer, type EnginePersonality } from "../../chat/answer-engine.server";
import { BUILT_IN_PERSONALITY } from "../../chat/built-in-personality.server";
import { embedForTenant } from "../../knowledge/embedding-usage.server";
import type { EmbeddingProvider } from "../../knowledge/embeddings/provider";

/** The most recently asked open gaps checked after each knowledge change; older ones wait for their next question. */
const GAPS_RECHECKED = 100;

/**
 * The offline engine answers without calling any model, and decides exactly as every engine does (same retrieval,
 * same evidence assessment, same answered / low_confidence / not_covered rule), so it tells whether the knowledge
 * now answers a question at no cost.
 */
const CHECKING_PERSONALITY: EnginePersonality = { ...BUILT_IN_PERSONALITY, temperature: 0 };

/**
 * Asks each open gap's representative question again and closes the gaps the knowledge now answers. Each question
 * is retrieved in its own short transaction; nothing is held open while embedding. Returns the closed gaps' ids.
 */
export async function recheckOpenGaps({ tenantId, embedder }: { tenantId: string; embedder: EmbeddingProvider }): Promise<string[]> {
  const gaps = await withTenant(tenantId, (em) =>
    em.execute<{ id: string; representative: string }[]>(
      `select id, representative from question_clusters where tenant_id = ? and gap_status = 'open' order by last_asked_at desc limit ?`,
      [tenantId, GAPS_RECHECKED],
    ),
  );
  if (gaps.length === 0) return [];
  const vectors = await embedForTenant({ tenantId, embedder, texts: gaps.map((gap) => gap.representative) });
  const answered: string[] = [];
  for (const [index, gap] of gaps.entries()) {
    const outcome = await offlineOutcome(tenantId, gap.representative, vectors[index], embedder);
    if (outcome === "answered") answered.push(gap.id);
  }
  if (answered.length === 0) return [];
  return withTenant(tenantId, async (em) => {
    const closed = await em.execute<{ id: string }[]>(
      `update question_clusters set gap_status = 'closed', gap_updated_at = now(), updated_at = now()
        where tenant_id = ? and gap_status = 'open' and id in (select jsonb_array_elements_text(?::jsonb)::uuid)
        returning id`,
      [tenantId, JSON.stringify(answered)],
    );
    return closed.map((row) => row.id);
  });
}

async function offlineOutcome(tenantId: string, question: string, vector: number[], embedder: EmbeddingProvider): Promise<EngineAnswer["outcome"]> {
  for await (const event of generateAnswer({
    tenantId,
    businessName: "",
    personality: CHECKING_PERSONALITY,
    question,
    recentTurns: [],
    summary: null,
    embedder,
    questionVector: Promise.resolve(vector),
  })) {
    if (event.type === "answer") return event.answer.outcome;
  }
  throw new Error("The answer engine ended without an answer.");
}

/** Tenants with a re-check under way, and whether knowledge changed again while it ran. */
const rechecks = new Map<string, { again: boolean }>();

/**
 * Re-checks the tenant's open gaps after its knowledge changed, in the background: the caller (the ingestion
 * worker) does not wait, and a failure is logged, never thrown. Documents that become ready while a re-check runs
 * (a bulk upload) are covered by one more run, not one run each.
 */
export function recheckGapsInBackground(settings: { tenantId: string; embedder: EmbeddingProvider }): void {
  const running = rechecks.get(settings.tenantId);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false };
  rechecks.set(settings.tenantId, state);
  void (async () => {
    try {
      do {
        state.again = false;
        await recheckOpenGaps(settings);
      } while (state.again);
    } catch (error) {
      console.warn(`Re-checking knowledge gaps of tenant ${settings.tenantId} failed:`, error instanceof Error ? error.message : error);
    } finally {
      rechecks.delete(settings.tenantId);
    }
  })();
}
