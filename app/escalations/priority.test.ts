import { describe, expect, it } from "vitest";
import { escalationPriority, soundsUrgent } from "./priority";

describe("soundsUrgent", () => {
  it.each(["This is URGENT!!", "need it asap", "my card was charged twice", "This is fraud.", "I will take legal action", "fix it right now", "two emergencies"])(
    "hears urgency: %s",
    (message) => {
      expect(soundsUrgent([message])).toBe(true);
    },
  );

  it.each(["How long does shipping take?", "Is this urgentish?", "nowhere right-now-ish", "fraudsters are everywhere"])("hears none: %s", (message) => {
    expect(soundsUrgent([message])).toBe(false);
  });
});

describe("escalationPriority", () => {
  it("is normal by default", () => {
    expect(escalationPriority({ visitorMessages: ["Where is my parcel?"] })).toBe("normal");
  });

  it("takes the keyword rule's priority", () => {
    expect(escalationPriority({ rulePriority: "low", visitorMessages: ["refund"] })).toBe("low");
    expect(escalationPriority({ rulePriority: "urgent", visitorMessages: ["refund"] })).toBe("urgent");
  });

  it("raises to high when any recent message sounds urgent, never lowering", () => {
    expect(escalationPriority({ visitorMessages: ["I need a person", "I was charged twice"] })).toBe("high");
    expect(escalationPriority({ rulePriority: "low", visitorMessages: ["refund asap"] })).toBe("high");
    expect(escalationPriority({ rulePriority: "urgent", visitorMessages: ["refund asap"] })).toBe("urgent");
  });
});
