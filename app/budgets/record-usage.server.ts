import type { EntityManager } from "@mikro-orm/postgresql";
import { UsageEvent } from "../../db/entities";
import type { USAGE_SERVICES } from "../../db/entities/UsageEvent";
import { raiseBudgetAlerts } from "./budget-alerts.server";

export interface ModelUsage {
  tenantId: string;
  conversationId?: string | null;
  service: (typeof USAGE_SERVICES)[number];
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/**
 * Writes one billable model call in the caller's tenant transaction, then raises the budget
 * alerts it takes the month across, in that same transaction: the usage and its alert commit
 * together or not at all. Every writer of usage events goes through here.
 */
export async function recordUsage(em: EntityManager, usage: ModelUsage): Promise<void> {
  em.create(UsageEvent, {
    tenant: usage.tenantId,
    conversation: usage.conversationId ?? null,
    service: usage.service,
    provider: usage.provider,
    model: usage.model,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: usage.costUsd,
  });
  // The rollup the spend is read from is updated by a trigger on insert: the insert must happen first.
  await em.flush();
  await raiseBudgetAlerts(em, { tenantId: usage.tenantId });
}
