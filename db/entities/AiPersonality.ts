import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { editable } from "./base";
import { Tenant } from "./Tenant";

export const DEFAULT_FALLBACK_MESSAGE = "I could not find that in our help content. Would you like to talk to a person?";

/** How an assistant speaks and which model it uses. One per tenant is the default. */
export const AiPersonality = defineEntity({
  name: "AiPersonality",
  tableName: "ai_personalities",
  indexes: [
    {
      name: "ai_personalities_one_default_per_tenant",
      expression: `create unique index "ai_personalities_one_default_per_tenant" on "ai_personalities" ("tenant_id") where "is_default"`,
    },
  ],
  properties: {
    ...editable,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade").index(),
    name: p.string().length(120),
    description: p.text().default(""),
    instructions: p.text().default(""),
    tone: p.string().length(40).default("friendly"),
    language: p.string().length(16).default("en"),
    temperature: p.float().default(0.2),
    maxTokens: p.integer().default(512),
    provider: p.string().length(40).default("offline"),
    model: p.string().length(120).default("extractive"),
    knowledgeOnly: p.boolean().default(true),
    fallbackMessage: p.text().default(DEFAULT_FALLBACK_MESSAGE),
    isDefault: p.boolean().default(false),
  },
});
export type AiPersonality = InferEntity<typeof AiPersonality>;
