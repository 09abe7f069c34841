import { findEmail, findName, findPhone } from "./contact-details";
import { detectPurchaseIntent } from "./purchase-intent";

export interface DetectedLead {
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The buying signals and the sentence that showed them. */
  intent: string;
}

export interface LeadDetection {
  /** Set when the visitor shows purchase intent and can be reached. */
  lead: DetectedLead | null;
  /** An email the visitor gave, lead or not. */
  emailGiven: string | null;
}

/** The latest message that has it wins: people correct a typo by typing it again. */
function latestFound(messages: string[], find: (text: string) => string | null): string | null {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const found = find(messages[index]);
    if (found) return found;
  }
  return null;
}

/**
 * A lead needs purchase intent and a way to reach the visitor: an email or phone number given in
 * the conversation, or an email already known for them.
 */
export function detectLead({ visitorMessages, known }: { visitorMessages: string[]; known: { email: string | null; name: string | null } }): LeadDetection {
  const emailGiven = latestFound(visitorMessages, findEmail);
  const phone = latestFound(visitorMessages, findPhone);
  const email = emailGiven ?? known.email;
  const intent = detectPurchaseIntent(visitorMessages);
  if (!intent || (!email && !phone)) return { lead: null, emailGiven };
  return {
    lead: {
      name: latestFound(visitorMessages, findName) ?? known.name,
      email,
      phone,
      intent: `${intent.labels.join(", ")}: “${intent.evidence}”`,
    },
    emailGiven,
  };
}
