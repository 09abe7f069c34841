import { describe, expect, it } from "vitest";
import { asksForPerson } from "./escalate.server";

describe("asksForPerson", () => {
  it.each([
    "Can I talk to a human?",
    "I want to speak with someone from your team",
    "please connect me to an agent",
    "Agent please",
    "human",
    "I need a real person",
    "Could you put me through to a representative?",
  ])("hears a request for a person: %s", (message) => {
    expect(asksForPerson(message)).toBe(true);
  });

  it.each([
    "Are you a human?",
    "How do I add an agent to my account?",
    "Can someone else collect my parcel?",
    "What does the support team do with my data?",
    "How long does delivery take?",
  ])("does not hear one in a question about people: %s", (message) => {
    expect(asksForPerson(message)).toBe(false);
  });
});
