/**
 * How pressing a new escalation is: the matching keyword rule's priority (or "normal"), raised to
 * at least "high" when the visitor's recent messages say it is urgent. Urgency never lowers a
 * priority: a rule set to "urgent" stays urgent.
 */
import { PRIORITIES, type EscalationPriority } from "./escalation-settings";
import { containsPhrase } from "./phrases";

export const DEFAULT_PRIORITY: EscalationPriority = "normal";
/** What urgency words raise a priority to. */
export const URGENT_PRIORITY: EscalationPriority = "high";

/**
 * Words and phrases with which visitors say that something cannot wait, or that money or the law
 * is at stake. Matched as whole words in any case, with simple plurals (see phrases.ts), so
 * "URGENT!!" and "emergencies" count and "urgently" is listed on its own.
 */
export const URGENCY_PHRASES = [
  "urgent",
  "urgently",
  "asap",
  "immediately",
  "emergency",
  "right now",
  "right away",
  "charged twice",
  "double charged",
  "fraud",
  "fraudulent",
  "unauthorized charge",
  "unauthorised charge",
  "stolen",
  "hacked",
  "legal action",
  "lawyer",
  "chargeback",
] as const;

/** Low is 0, urgent the highest. */
export function priorityRank(priority: EscalationPriority): number {
  return PRIORITIES.indexOf(priority);
}

export function soundsUrgent(messages: readonly string[]): boolean {
  return messages.some((message) => URGENCY_PHRASES.some((phrase) => containsPhrase(message, phrase)));
}

export function escalationPriority({
  rulePriority,
  visitorMessages,
}: {
  /** The priority of the keyword rule that matched, if one did. */
  rulePriority?: EscalationPriority | null;
  /** The visitor's recent messages, the one that triggered the handover included. */
  visitorMessages: readonly string[];
}): EscalationPriority {
  const base = rulePriority ?? DEFAULT_PRIORITY;
  if (!soundsUrgent(visitorMessages)) return base;
  return priorityRank(base) >= priorityRank(URGENT_PRIORITY) ? base : URGENT_PRIORITY;
}
