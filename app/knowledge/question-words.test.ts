import { describe, expect, it } from "vitest";
import { questionPhrasingWords, questionSubject } from "./question-words";

describe("questionPhrasingWords", () => {
  it("finds the words that ask for a duration or an amount, and the light verb 'take'", () => {
    expect([...questionPhrasingWords("How long do refunds take?")]).toEqual(["long", "take"]);
    expect([...questionPhrasingWords("How many days do I have to return an item?")]).toEqual(["many"]);
    expect([...questionPhrasingWords("Do you take PayPal?")]).toEqual(["take"]);
  });

  it("keeps those words where they name something", () => {
    expect(questionPhrasingWords("Can I send a long parcel?").size).toBe(0);
    expect(questionPhrasingWords("The app says too many attempts").size).toBe(0);
    expect(questionPhrasingWords("How much does Plus cost per year?").has("cost")).toBe(false);
  });
});

describe("questionSubject", () => {
  it("blanks stop words, chat filler and phrasing, and keeps codes and other words as typed", () => {
    expect(questionSubject("Hi, how long does error E-4012 take to clear?").split(/\s+/).filter(Boolean)).toEqual(["error", "E-4012", "clear?"]);
    expect(questionSubject("I'm still waiting for my refund").split(/\s+/).filter(Boolean)).toEqual(["waiting", "refund"]);
  });
});
