import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { Tenant } from "./Tenant";

/**
 * How many of a tenant's chunks contain each lexeme (BM25's document frequency), kept up to date as
 * chunks are stored and deleted, so a query reads it instead of counting postings of common words.
 */
export const KnowledgeTerm = defineEntity({
  name: "KnowledgeTerm",
  tableName: "knowledge_terms",
  primaryKeys: ["tenant", "lexeme"],
  properties: {
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").primary(),
    lexeme: p.text().primary(),
    documentFrequency: p.integer(),
  },
});
export type KnowledgeTerm = InferEntity<typeof KnowledgeTerm>;
