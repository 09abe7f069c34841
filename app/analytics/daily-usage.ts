/** One row of the daily usage rollup: a day's calls, tokens and cost for one service and model. */
export interface DailyUsage {
  day: string;
  service: string;
  provider: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}
