import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { KnowledgeChunk } from "./KnowledgeChunk";
import { Tenant } from "./Tenant";

/**
 * The inverted index behind BM25 keyword search: one row per (chunk, lexeme) with the term's
 * frequency in the chunk and the chunk's length in lexemes. Written by SQL from to_tsvector, so
 * stemming and stop words match PostgreSQL's English configuration.
 */
export const KnowledgePosting = defineEntity({
  name: "KnowledgePosting",
  tableName: "knowledge_postings",
  primaryKeys: ["chunk", "lexeme"],
  indexes: [
    {
      name: "knowledge_postings_by_impact",
      expression: `create index "knowledge_postings_by_impact" on "knowledge_postings" ("tenant_id", "lexeme", "term_frequency" desc, "chunk_length") include ("chunk_id")`,
    },
  ],
  properties: {
    chunk: () => p.manyToOne(KnowledgeChunk).ref().deleteRule("cascade").primary(),
    lexeme: p.text().primary(),
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    termFrequency: p.smallint(),
    chunkLength: p.smallint(),
  },
});
export type KnowledgePosting = InferEntity<typeof KnowledgePosting>;
