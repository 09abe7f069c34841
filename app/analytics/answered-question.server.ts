import type { Message } from "../../db/entities";
import { groupAnsweredQuestion } from "./questions/clustering.server";
import { recordLead } from "../leads/lead-recorder.server";
import { recordSentiment } from "./insights/sentiment-recorder.server";

/** A visitor's question the assistant has just answered (or tried to), with what it learned about it. */
export interface AnsweredQuestion {
  tenantId: string;
  conversationId: string;
  endUserId: string | null;
  questionMessageId: string;
  question: string;
  /** The question's embedding, already computed for retrieval. */
  questionVector: number[];
  embeddingModel: string;
  outcome: NonNullable<Message["outcome"]>;
}

type Recorder = (question: AnsweredQuestion) => Promise<void>;

/**
 * What the analytics remember about each answered question: its group of like questions, its
 * sentiment, a lead it may reveal. Run after the answer is stored and sent, each in its own short
 * transaction; a failure is logged and never reaches the visitor.
 */
const RECORDERS: Recorder[] = [groupAnsweredQuestion, recordSentiment, recordLead];

export async function recordAnsweredQuestion(question: AnsweredQuestion): Promise<void> {
  const results = await Promise.allSettled(RECORDERS.map((record) => record(question)));
  for (const result of results) {
    if (result.status === "rejected") {
      console.warn(`Analytics for message ${question.questionMessageId} failed:`, result.reason instanceof Error ? result.reason.message : result.reason);
    }
  }
}
