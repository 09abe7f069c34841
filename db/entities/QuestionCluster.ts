import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { VectorType } from "pgvector/mikro-orm";
import { editable } from "./base";
import { Tenant } from "./Tenant";

export const GAP_STATUSES = ["open", "dismissed", "closed"] as const;

/**
 * Visitor questions that mean the same thing, grouped by their embeddings. When its questions go
 * unanswered it is a knowledge gap (`gapStatus` open), until an admin dismisses it or new
 * knowledge answers it (closed).
 */
export const QuestionCluster = defineEntity({
  name: "QuestionCluster",
  tableName: "question_clusters",
  indexes: [{ properties: ["tenant", "embeddingModel"] }],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    embeddingModel: p.string().length(120),
    centroid: p.type(VectorType).$type<number[]>().lazy(true, false),
    size: p.integer().default(0),
    /** The question that stands for the group (its first, or the one nearest the centre). */
    representative: p.text(),
    lastAskedAt: p.datetime().columnType("timestamptz").defaultRaw("now()").onCreate(() => new Date()),
    gapStatus: p.enum([...GAP_STATUSES]).nullable(),
    gapUpdatedAt: p.datetime().columnType("timestamptz").nullable(),
  },
});
export type QuestionCluster = InferEntity<typeof QuestionCluster>;
