import type { EmbeddingProvider } from "../knowledge/embeddings/provider";
import { generateAnswer, type EnginePersonality } from "./answer-engine.server";
import type { PriorTurn } from "./prompt.server";
import { widgetCitations } from "./sessions.server";
import type { StreamEvent } from "./turn.server";

const OFFER_HUMAN = "Here the widget would offer the visitor a person.";

/**
 * The personality page's preview: the real engine with unsaved settings, streaming the same events
 * as the widget, but storing nothing and costing nothing against the conversation log.
 */
export async function* previewTurn({
  tenantId,
  businessName,
  personality,
  question,
  history,
  embedder,
}: {
  tenantId: string;
  businessName: string;
  personality: EnginePersonality;
  question: string;
  history: PriorTurn[];
  embedder: EmbeddingProvider;
}): AsyncGenerator<StreamEvent> {
  for await (const event of generateAnswer({ tenantId, businessName, personality, question, recentTurns: history, summary: null, embedder })) {
    if (event.type === "token") {
      yield { event: "token", data: { text: event.text } };
      continue;
    }
    const { answer } = event;
    const citations = widgetCitations(answer.citations);
    if (citations.length) yield { event: "citations", data: { citations } };
    if (answer.outcome !== "answered") yield { event: "handoff", data: { reason: answer.outcome, message: OFFER_HUMAN } };
    yield { event: "done", data: { messageId: null, confidence: answer.confidence } };
  }
}
