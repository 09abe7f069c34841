/**
 * A workspace's keyword rules: a visitor message that mentions one of the keywords is handed to
 * the team at once, with that rule's priority. Matching follows app/escalations/phrases.ts (whole
 * words, any case, simple plurals: "refund" matches "Refund?" and "refunds", not "refunded").
 */
import type { EscalationSettings } from "./escalation-settings";
import { containsPhrase } from "./phrases";
import { priorityRank } from "./priority";

export type KeywordRule = EscalationSettings["keywordRules"][number];

/**
 * The rule a message triggers. When several match, the most pressing one wins, so a message about
 * a "refund" and "fraud" gets fraud's priority; among equals, the first in the list.
 */
export function matchKeywordRule(message: string, rules: readonly KeywordRule[]): KeywordRule | null {
  let matched: KeywordRule | null = null;
  for (const rule of rules) {
    if (!containsPhrase(message, rule.keyword)) continue;
    if (!matched || priorityRank(rule.priority) > priorityRank(matched.priority)) matched = rule;
  }
  return matched;
}
