import { describe, expect, it } from "vitest";
import { rankingMetrics } from "./metrics";

describe("ranking metrics", () => {
  it("scores a perfect and an empty ranking", () => {
    expect(rankingMetrics([{ relevant: [true, false], totalRelevant: 1 }])).toEqual({ hitAt1: 1, hitAt5: 1, mrr: 1, ndcgAt10: 1 });
    expect(rankingMetrics([{ relevant: [false, false], totalRelevant: 1 }])).toEqual({ hitAt1: 0, hitAt5: 0, mrr: 0, ndcgAt10: 0 });
  });

  it("matches hand-computed values", () => {
    const metrics = rankingMetrics([
      { relevant: [false, false, true], totalRelevant: 1 },
      { relevant: [false, false, false, false, false, true], totalRelevant: 2 },
    ]);
    expect(metrics.hitAt1).toBe(0);
    expect(metrics.hitAt5).toBe(0.5);
    expect(metrics.mrr).toBeCloseTo((1 / 3 + 1 / 6) / 2, 10);
    const first = 1 / Math.log2(4);
    const second = 1 / Math.log2(7) / (1 + 1 / Math.log2(3));
    expect(metrics.ndcgAt10).toBeCloseTo((first + second) / 2, 10);
  });
});
