import type { DailyUsage } from "../daily-usage";
import type { Overview } from "./overview.server";

/**
 * The data behind each chart as a table: the page shows it under "Table" and the CSV export sends
 * it, so both always say the same thing. Cells are raw values (shares 0 to 1, milliseconds,
 * dollars); null is "no figure".
 */
export const CHART_NAMES = ["conversations", "messages", "resolution", "answers", "first-answer", "agent-first-response", "ratings", "cost-by-model", "usage-by-service"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

export type Cell = string | number | null;
export interface DataTable {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export function isChartName(value: string | null): value is ChartName {
  return (CHART_NAMES as readonly string[]).includes(value ?? "");
}

export function chartTable(overview: Overview, name: ChartName): DataTable {
  const days = overview.daily;
  switch (name) {
    case "conversations":
      return { title: "Conversations per day", columns: ["Day", "Conversations", "Unique customers"], rows: days.map((d) => [d.day, d.conversations, d.uniqueEndUsers]) };
    case "messages":
      return {
        title: "Messages per day",
        columns: ["Day", "From customers", "From the assistant", "From agents"],
        rows: days.map((d) => [d.day, d.visitorMessages, d.assistantMessages, d.agentMessages]),
      };
    case "resolution":
      return {
        title: "Resolved by the assistant and handed over, by day started",
        columns: ["Day", "AI resolution rate", "Escalation rate"],
        rows: days.map((d) => [d.day, d.aiResolutionRate, d.escalationRate]),
      };
    case "answers":
      return {
        title: "How the assistant's answers fared",
        columns: ["Day", "Answered", "Unsure", "Not covered"],
        rows: days.map((d) => [d.day, d.answered, d.lowConfidence, d.notCovered]),
      };
    case "first-answer":
      return { title: "Median time to first answer (ms)", columns: ["Day", "Median ms"], rows: days.map((d) => [d.day, d.medianFirstAnswerMs]) };
    case "agent-first-response":
      return { title: "Agents' median first response (ms)", columns: ["Day", "Median ms"], rows: days.map((d) => [d.day, d.medianAgentFirstResponseMs]) };
    case "ratings":
      return {
        title: "Ratings",
        columns: ["Rating", "Count", "Share"],
        rows: overview.ratingDistribution.map((count, index) => [index + 1, count, share(count, sum(overview.ratingDistribution))]),
      };
    case "cost-by-model":
      return usageTable("Model cost per day (USD) by provider and model", days.map((d) => d.day), overview.usage, (row) => `${row.provider}/${row.model}`);
    case "usage-by-service":
      return {
        title: "Model usage by service",
        columns: ["Day", "Service", "Calls", "Input tokens", "Output tokens", "Cost (USD)"],
        rows: usageByService(overview.usage).map((row) => [row.day, row.service, row.calls, row.inputTokens, row.outputTokens, round6(row.costUsd)]),
      };
  }
}

/** One column per model, one row per day, with the day's total. */
function usageTable(title: string, days: string[], usage: DailyUsage[], keyOf: (row: DailyUsage) => string): DataTable {
  const keys = [...new Set(usage.map(keyOf))].sort();
  const cost = new Map<string, number>();
  for (const row of usage) cost.set(`${row.day} ${keyOf(row)}`, (cost.get(`${row.day} ${keyOf(row)}`) ?? 0) + row.costUsd);
  return {
    title,
    columns: ["Day", ...keys, "Total"],
    rows: days.map((day) => {
      const values = keys.map((key) => round6(cost.get(`${day} ${key}`) ?? 0));
      return [day, ...values, round6(sum(values))];
    }),
  };
}

function usageByService(usage: DailyUsage[]): Omit<DailyUsage, "provider" | "model">[] {
  const byKey = new Map<string, Omit<DailyUsage, "provider" | "model">>();
  for (const row of usage) {
    const key = `${row.day} ${row.service}`;
    const total = byKey.get(key) ?? { day: row.day, service: row.service, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    total.calls += row.calls;
    total.inputTokens += row.inputTokens;
    total.outputTokens += row.outputTokens;
    total.costUsd += row.costUsd;
    byKey.set(key, total);
  }
  return [...byKey.values()];
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
/** Cost is stored to the micro-dollar; adding floats must not print 0.30000000000000004. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
