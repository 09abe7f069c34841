import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { VectorType } from "pgvector/mikro-orm";
import { identity } from "./base";
import { Conversation } from "./Conversation";
import { QuestionCluster } from "./QuestionCluster";
import { Tenant } from "./Tenant";
import { User } from "./User";

/** visitor: the end user; agent: a human in the inbox; note: internal, never shown to the visitor. */
export const MESSAGE_ROLES = ["visitor", "assistant", "agent", "system", "note"] as const;
export const MESSAGE_FEEDBACK = ["helpful", "not_helpful"] as const;
/** How the assistant fared with a question: on the answer, and on the visitor's question it answers. */
export const ANSWER_OUTCOMES = ["answered", "low_confidence", "not_covered"] as const;

export interface Citation {
  /** 1-based, as the [n] markers in the answer text. */
  index: number;
  chunkId: string;
  documentId: string;
  title: string;
  section?: string;
  url?: string;
}

export const Message = defineEntity({
  name: "Message",
  tableName: "messages",
  indexes: [{ properties: ["tenant", "createdAt"] }, { properties: ["conversation", "createdAt"] }],
  uniques: [{ properties: ["conversation", "clientMessageId"] }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    conversation: () => p.manyToOne(Conversation).ref().deleteRule("cascade"),
    role: p.enum([...MESSAGE_ROLES]),
    author: () => p.manyToOne(User).ref().nullable().deleteRule("set null"),
    /** Chosen by the widget, so a retried send is stored once. */
    clientMessageId: p.uuid().nullable(),
    content: p.text(),
    citations: p.json<Citation[]>().default("[]"),
    confidence: p.float().nullable(),
    feedback: p.enum([...MESSAGE_FEEDBACK]).nullable(),
    model: p.string().length(120).nullable(),
    promptTokens: p.integer().default(0),
    completionTokens: p.integer().default(0),
    costUsd: p.decimal("number").precision(12).scale(6).default(0),
    latencyMs: p.integer().nullable(),
    outcome: p.enum([...ANSWER_OUTCOMES]).nullable(),
    /** -1 (negative) to 1 (positive), for visitor messages. */
    sentiment: p.float().nullable(),
    /** A visitor question's embedding and the model that made it, for grouping questions. */
    questionEmbedding: p.type(VectorType).$type<number[]>().nullable().lazy(true, false),
    embeddingModel: p.string().length(120).nullable(),
    cluster: () => p.manyToOne(QuestionCluster).ref().nullable().deleteRule("set null"),
  },
});
export type Message = InferEntity<typeof Message>;
