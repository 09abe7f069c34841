import { describe, expect, it } from "vitest";
import { matchKeywordRule } from "./keyword-rules";
import { containsPhrase } from "./phrases";

describe("containsPhrase", () => {
  it.each([
    ["Refund?", "refund"],
    ["I WANT A REFUND", "refund"],
    ["two refunds please", "refund"],
    ["a refund-related question", "refund"],
    ["where are my boxes", "box"],
    ["both deliveries are late", "delivery"],
    ["it was charged   twice", "charged twice"],
    ["Rückerstattung bitte", "rückerstattung"],
    // "ü" typed as u + combining diaeresis still matches the composed keyword.
    ["Ru\u0308ckerstattung", "Rückerstattung"],
    ["返金してください", "返金"],
  ])("finds it: %s ⊃ %s", (text, phrase) => {
    expect(containsPhrase(text, phrase)).toBe(true);
  });

  it.each([
    ["I was refunded yesterday", "refund"],
    ["prerefund check", "refund"],
    ["Rückerstattungen", "rückerstattung"],
    ["charged me twice", "charged twice"],
    ["fraudster", "fraud"],
  ])("does not find it inside another word or phrase: %s / %s", (text, phrase) => {
    expect(containsPhrase(text, phrase)).toBe(false);
  });

  it("treats regular-expression characters in a keyword literally", () => {
    expect(containsPhrase("is c++ supported", "c++")).toBe(true);
    expect(containsPhrase("is c supported", "c++")).toBe(false);
  });
});

describe("matchKeywordRule", () => {
  const rules = [
    { keyword: "refund", priority: "normal" as const },
    { keyword: "fraud", priority: "urgent" as const },
    { keyword: "cancel my account", priority: "high" as const },
  ];

  it("returns the rule a message mentions", () => {
    expect(matchKeywordRule("How do I get a Refund?", rules)).toEqual(rules[0]);
    expect(matchKeywordRule("please CANCEL MY ACCOUNT", rules)).toEqual(rules[2]);
  });

  it("prefers the most pressing rule when several match", () => {
    expect(matchKeywordRule("refund this fraud", rules)).toEqual(rules[1]);
  });

  it("returns null when no rule matches", () => {
    expect(matchKeywordRule("I was refunded, thanks", rules)).toBeNull();
    expect(matchKeywordRule("anything", [])).toBeNull();
  });
});
