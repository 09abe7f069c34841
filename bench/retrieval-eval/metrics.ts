/** Ranking quality of one query: `relevant` flags the ranked results, `totalRelevant` counts all in the corpus. */
export interface QueryOutcome {
  relevant: boolean[];
  totalRelevant: number;
}

export interface RankingMetrics {
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  ndcgAt10: number;
}

export function rankingMetrics(outcomes: QueryOutcome[]): RankingMetrics {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  return {
    hitAt1: mean(outcomes.map(({ relevant }) => (relevant[0] ? 1 : 0))),
    hitAt5: mean(outcomes.map(({ relevant }) => (relevant.slice(0, 5).some(Boolean) ? 1 : 0))),
    mrr: mean(outcomes.map(({ relevant }) => {
      const rank = relevant.findIndex(Boolean);
      return rank < 0 ? 0 : 1 / (rank + 1);
    })),
    ndcgAt10: mean(outcomes.map(({ relevant, totalRelevant }) => {
      const dcg = relevant.slice(0, 10).reduce((sum, hit, index) => sum + (hit ? 1 / Math.log2(index + 2) : 0), 0);
      const ideal = Array.from({ length: Math.min(totalRelevant, 10) }, (_, index) => 1 / Math.log2(index + 2)).reduce((a, b) => a + b, 0);
      return ideal ? dcg / ideal : 0;
    })),
  };
}
