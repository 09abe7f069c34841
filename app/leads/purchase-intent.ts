/**
 * Whether a visitor's words show they may buy: a documented rule list, not a model. A sentence
 * counts when it matches a buying signal below and no after-sales cue, so "How much is shipping
 * for my return?" or "I want to return my purchase" are support, not sales. Each signal has the
 * label agents see on the lead.
 */
const BUYING_SIGNALS: { label: string; pattern: RegExp }[] = [
  { label: "Pricing", pattern: /\b(?:pricing|price list|prices?|how much (?:is|are|does|do|for|would|will)|what(?:'s| is| does it) cost|cost of|costs?)\b/i },
  { label: "Quote", pattern: /\b(?:quotes?|quotation|estimate|proposal)\b/i },
  { label: "Bulk order", pattern: /\b(?:bulk|wholesale|volume (?:discount|pricing)|resell(?:er|ing)?|distributor|\d{2,}\s*(?:units|pieces|pcs|items|licen[cs]es|seats|users|boxes|pallets)|discount for \d+)\b/i },
  { label: "Demo", pattern: /\b(?:demo|demonstration|free trial|trial account|talk to (?:sales|your sales)|sales team|contact sales)\b/i },
  { label: "Upgrade", pattern: /\b(?:upgrade|premium plan|pro plan|business plan|enterprise (?:plan|pricing|licen[cs]e)|more seats|add seats)\b/i },
  { label: "Purchase", pattern: /\b(?:(?:want|like|looking|plan(?:ning)?|ready|interested in|how (?:do|can) i|can i|could i) (?:to )?(?:buy|buying|purchase|purchasing|order|ordering|subscribe|subscribing|sign up)|place an order|buy (?:this|it|them|one|some|\d+)|where (?:can|do) i buy|sign(?:ing)? up for)\b/i },
];

/** Words of something already bought going wrong; a sentence with one is not a sign of a sale. */
const AFTER_SALES = /\b(?:return(?:s|ing|ed)?|refund(?:s|ed)?|cancel(?:l?ing|l?ed|lation)?|broken|broke|damaged|defective|faulty|missing|late|delayed|tracking|track my|where is my|my order|my purchase|my invoice|my bill|charged|overcharged|warranty|exchange|complaint|unsubscribe|downgrade|stop my)\b/i;

export interface PurchaseIntent {
  /** The signals seen, in the order of the list above. */
  labels: string[];
  /** The first sentence that showed it, for the agent to read. */
  evidence: string;
}

const MAX_EVIDENCE = 300;

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** Purchase intent across the visitor's messages, or null when none of them shows any. */
export function detectPurchaseIntent(messages: string[]): PurchaseIntent | null {
  const labels = new Set<string>();
  let evidence: string | null = null;
  for (const sentence of messages.flatMap(sentencesOf)) {
    if (AFTER_SALES.test(sentence)) continue;
    const matched = BUYING_SIGNALS.filter((signal) => signal.pattern.test(sentence));
    if (!matched.length) continue;
    matched.forEach((signal) => labels.add(signal.label));
    evidence ??= sentence.slice(0, MAX_EVIDENCE);
  }
  if (!evidence) return null;
  return { labels: BUYING_SIGNALS.map((signal) => signal.label).filter((label) => labels.has(label)), evidence };
}
