import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { identity } from "./base";
import { Conversation } from "./Conversation";
import { EndUser } from "./EndUser";
import { Escalation } from "./Escalation";
import { Tenant } from "./Tenant";

/** The visitor's 1-5 rating after a conversation is resolved. */
export const SurveyResponse = defineEntity({
  name: "SurveyResponse",
  tableName: "survey_responses",
  indexes: [{ properties: ["tenant", "createdAt"] }],
  checks: [{ name: "survey_responses_rating_range", expression: "(rating >= 1) AND (rating <= 5)" }],
  properties: {
    ...identity,
    tenant: () => p.manyToOne(Tenant).ref().deleteRule("cascade"),
    conversation: () => p.manyToOne(Conversation).ref().deleteRule("cascade").index(),
    endUser: () => p.manyToOne(EndUser).ref().nullable().deleteRule("set null"),
    /** The resolved escalation this rates: one rating each. */
    escalation: () => p.manyToOne(Escalation).ref().nullable().deleteRule("set null").unique(),
    rating: p.smallint(),
    comment: p.text().default(""),
  },
});
export type SurveyResponse = InferEntity<typeof SurveyResponse>;
