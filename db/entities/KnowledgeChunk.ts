import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { VectorType } from "pgvector/mikro-orm";
import { identity } from "./base";
import { KnowledgeDocument } from "./KnowledgeDocument";
import { Tenant } from "./Tenant";

/**
 * A retrievable passage. The vector column has no fixed dimension so several embedding models
 * can coexist; `embeddingModel` says which model made each vector, and vectors are only ever
 * compared within one model.
 */
export const KnowledgeChunk = defineEntity({
  name: "KnowledgeChunk",
  tableName: "knowledge_chunks",
  indexes: [
    { properties: ["tenant", "document"] },
    {
      name: "knowledge_chunks_embedding_use_lite_512",
      expression: `create index "knowledge_chunks_embedding_use_lite_512" on "knowledge_chunks" using hnsw ((embedding::vector(512)) vector_cosine_ops) where embedding_model = 'use-lite-512'`,
    },
  ],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    document: () => p.manyToOne(KnowledgeDocument).ref().deleteRule("cascade"),
    position: p.integer(),
    headingPath: p.text().default(""),
    content: p.text(),
    tokenCount: p.integer(),
    /** Lexemes after stemming and stop words: the document length in BM25. */
    termCount: p.integer().default(0),
    embedding: p.type(VectorType).$type<number[]>().nullable().lazy(true, false),
    embeddingModel: p.string().length(120).nullable(),
  },
});
export type KnowledgeChunk = InferEntity<typeof KnowledgeChunk>;
