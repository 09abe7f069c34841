import { randomUUID } from "node:crypto";
import { Conversation, Escalation, Message, Widget } from "../../../db/entities";
import { withTenant } from "../../../db/tenant-scope";
import type { EmbeddingProvider } from "../../knowledge/embeddings/provider";
import type { AnsweredQuestion } from "../answered-question.server";
import { parseOverviewQuery, reportWindow, type ReportWindow } from "../overview/date-range";
import { groupAnsweredQuestion } from "./clustering.server";

/** Test data: a visitor question and the assistant's reply, stored as a chat turn stores them, then grouped. */
export interface AskedQuestion {
  question: string;
  outcome?: AnsweredQuestion["outcome"];
  askedAt?: Date;
  widgetId?: string;
  feedback?: Message["feedback"];
  /** The conversation was handed over to the team. */
  escalated?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** What a report covers for a period preset ("7d", "30d"…) ending today, as the pages read it, and optionally one widget. */
export function presetWindow(preset: string, widget?: string): ReportWindow {
  const parsed = parseOverviewQuery(new URLSearchParams({ range: preset, ...(widget ? { widget } : {}) }));
  if (!parsed.ok) throw new Error(`Not a report period: ${JSON.stringify(parsed.errors)}`);
  return reportWindow(parsed.query);
}

export async function createWidget(tenantId: string, name = "Shop"): Promise<string> {
  return withTenant(tenantId, async (em) => {
    const widget = em.create(Widget, { tenant: tenantId, name, publicId: `w_${randomUUID().slice(0, 12)}` });
    await em.flush();
    return widget.id;
  });
}

export async function askQuestion(
  { tenantId, embedder }: { tenantId: string; embedder: EmbeddingProvider },
  { question, outcome = "answered", askedAt = new Date(), widgetId, feedback = null, escalated = false }: AskedQuestion,
): Promise<{ questionMessageId: string; conversationId: string; clusterId: string | null }> {
  const stored = await withTenant(tenantId, async (em) => {
    const conversation = em.create(Conversation, { tenant: tenantId, widget: widgetId ?? null, createdAt: askedAt });
    const visitor = em.create(Message, { tenant: tenantId, conversation, role: "visitor", content: question, outcome, createdAt: askedAt });
    em.create(Message, {
      tenant: tenantId, conversation, role: "assistant", outcome, feedback,
      content: outcome === "answered" ? `Here is the answer to: ${question}` : "I could not find that in our help content.",
      createdAt: new Date(askedAt.getTime() + 1_000),
    });
    if (escalated) em.create(Escalation, { tenant: tenantId, conversation, trigger: "visitor_request", reason: question });
    await em.flush();
    return { questionMessageId: visitor.id, conversationId: conversation.id };
  });
  const [questionVector] = await embedder.embed([question]);
  await groupAnsweredQuestion({ tenantId, endUserId: null, ...stored, question, questionVector, embeddingModel: embedder.id, outcome });
  const clusterId = await withTenant(tenantId, async (em) => (await em.findOneOrFail(Message, { id: stored.questionMessageId, tenant: tenantId })).cluster?.id ?? null);
  return { ...stored, clusterId };
}
