import { describe, expect, it } from "vitest";
import { formatSentiment, sentimentLabel } from "./sentiment-labels";
import { scoreSentiment } from "./sentiment-score.server";

describe("scoreSentiment", () => {
  it.each([
    "Thank you so much, this is great!",
    "Perfect, that solved it. You are amazing 😍",
    "Love the new dashboard, well done",
  ])("reads %j as positive", (text) => {
    expect(sentimentLabel(scoreSentiment(text))).toBe("positive");
  });

  it.each([
    "This is terrible, I am very angry and disappointed.",
    "I am not happy with the service",
    "Useless. It broke after two days and nobody answers :(",
  ])("reads %j as negative", (text) => {
    expect(sentimentLabel(scoreSentiment(text))).toBe("negative");
  });

  it.each(["Where is my order?", "What are your opening hours?", "I want to return my purchase", "My account number is 1234", ""])("reads %j as neutral", (text) => {
    expect(sentimentLabel(scoreSentiment(text))).toBe("neutral");
  });

  it("stays within -1..1 however strong the words", () => {
    expect(scoreSentiment("outstanding superb breathtaking ".repeat(50))).toBeLessThanOrEqual(1);
    expect(scoreSentiment("catastrophic horrific ".repeat(50))).toBeGreaterThanOrEqual(-1);
  });

  it("flips a negated word", () => {
    expect(scoreSentiment("the product is good")).toBeGreaterThan(0);
    expect(scoreSentiment("the product is not good")).toBeLessThan(0);
  });
});

describe("sentiment labels", () => {
  it("keeps the thresholds themselves neutral", () => {
    expect(sentimentLabel(0.2)).toBe("neutral");
    expect(sentimentLabel(-0.2)).toBe("neutral");
    expect(sentimentLabel(0.21)).toBe("positive");
    expect(sentimentLabel(-0.21)).toBe("negative");
  });

  it("signs the value so it reads without colour", () => {
    expect(formatSentiment(0.4234)).toBe("+0.42");
    expect(formatSentiment(-0.3)).toBe("−0.30");
    expect(formatSentiment(0.001)).toBe("0.00");
  });
});
