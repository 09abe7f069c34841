import { describe, expect, it } from "vitest";
import { detectPurchaseIntent } from "./purchase-intent";

describe("detectPurchaseIntent", () => {
  it.each([
    ["What is your pricing for teams?", "Pricing"],
    ["Could you send me a quote?", "Quote"],
    ["Do you do wholesale?", "Bulk order"],
    ["We'd like to place a bulk order.", "Bulk order"],
    ["Is there a discount for 50 units?", "Bulk order"],
    ["How much for 200 licences?", "Pricing"],
    ["Can I book a demo next week?", "Demo"],
    ["I want to upgrade to the business plan", "Upgrade"],
    ["I'd like to buy three of these", "Purchase"],
    ["Where can I buy it in Lisbon?", "Purchase"],
  ])("sees intent in %j", (text, label) => {
    expect(detectPurchaseIntent([text])?.labels).toContain(label);
  });

  it.each([
    "I want to return my purchase",
    "How do I get a refund?",
    "Where is my order? It is late.",
    "How much is shipping for my return?",
    "I was charged twice on my invoice",
    "Please cancel my subscription",
    "My order arrived damaged",
    "What are your opening hours?",
    "The item I bought is broken, I want an exchange",
  ])("sees none in %j", (text) => {
    expect(detectPurchaseIntent([text])).toBeNull();
  });

  it("keeps the first sentence that showed intent and every signal seen", () => {
    const intent = detectPurchaseIntent(["Hi there. My last order was late.", "Anyway, we need 500 units. Could you send a quote?"]);
    expect(intent).toEqual({ labels: ["Quote", "Bulk order"], evidence: "Anyway, we need 500 units." });
  });
});
