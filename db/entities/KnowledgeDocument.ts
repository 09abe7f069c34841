import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { Tenant } from "./Tenant";

export const KNOWLEDGE_SOURCES = ["text", "file", "url", "faq"] as const;
export const KNOWLEDGE_STATUSES = ["pending", "processing", "ready", "failed"] as const;

/** One piece of help content as the tenant added it; split into chunks for retrieval. */
export const KnowledgeDocument = defineEntity({
  name: "KnowledgeDocument",
  tableName: "knowledge_documents",
  indexes: [{ properties: ["tenant", "status"] }, { properties: ["tenant", "checksum"] }],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    title: p.string().length(300),
    sourceType: p.enum([...KNOWLEDGE_SOURCES]),
    sourceUrl: p.text().nullable(),
    fileName: p.string().length(255).nullable(),
    mimeType: p.string().length(120).nullable(),
    /** The text as parsed, for people to read; retrieval uses the chunks. */
    content: p.text().lazy(true, false).default(""),
    /** What the tenant gave us (file bytes, pasted text, fetched page), kept so re-indexing can parse it again. */
    source: p.blob().nullable().lazy(true, false).default(null),
    checksum: p.string().length(64),
    tags: p.array().default("{}"),
    status: p.enum([...KNOWLEDGE_STATUSES]).default("pending"),
    error: p.text().nullable(),
    chunkCount: p.integer().default(0),
    /** Chunks that have a vector from `embeddingModel`; with chunkCount, the ingestion progress. */
    embeddedCount: p.integer().default(0),
    /** Sum of its chunks' lengths in lexemes; with chunkCount, the tenant's BM25 average length. */
    termCount: p.integer().default(0),
    embeddingModel: p.string().length(120).nullable(),
  },
});
export type KnowledgeDocument = InferEntity<typeof KnowledgeDocument>;
