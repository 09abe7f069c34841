import { DistributionBar } from "../charts/distribution-bar";
import { shortDay } from "../charts/scale";
import { StackedBarChart } from "../charts/stacked-bar-chart";
import { TimeSeriesChart } from "../charts/time-series-chart";
import { formatCount, formatDuration, formatShare, formatUsd } from "./format";
import { chartTable, type Cell, type ChartName } from "./overview-tables";
import type { Overview } from "./overview.server";

type CellFormat = (value: Cell, column: number) => string;

/** Column 0 is the day; the rest use `format`. */
const byDay =
  (format: (value: number) => string): CellFormat =>
  (value, column) =>
    value === null ? "—" : column === 0 ? shortDay(String(value)) : format(Number(value));

/** Every chart of the overview, each with its table and CSV link (`csvHref(name)`). */
export function OverviewCharts({ overview, csvHref }: { overview: Overview; csvHref: (name: ChartName) => string }) {
  const days = overview.daily.map((day) => day.day);
  const common = (name: ChartName) => ({ id: `chart-${name}`, days, table: chartTable(overview, name), csvHref: csvHref(name) });
  const totalOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  const costTable = chartTable(overview, "cost-by-model");
  const models = costTable.columns.slice(1, -1);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <TimeSeriesChart
        {...common("conversations")}
        title="Conversations"
        description={`${formatCount(totalOf(overview.daily.map((day) => day.conversations)))} conversations started over ${days.length} days, one bar per day.`}
        series={[{ label: "Conversations", values: overview.daily.map((day) => day.conversations) }]}
        mode="bar"
        formatValue={formatCount}
        formatCell={byDay(formatCount)}
      />
      <TimeSeriesChart
        {...common("messages")}
        title="Messages"
        description="Messages per day from customers, from the assistant and from agents."
        series={[
          { label: "From customers", values: overview.daily.map((day) => day.visitorMessages) },
          { label: "From the assistant", values: overview.daily.map((day) => day.assistantMessages) },
          { label: "From agents", values: overview.daily.map((day) => day.agentMessages) },
        ]}
        formatValue={formatCount}
        formatCell={byDay(formatCount)}
      />
      <TimeSeriesChart
        {...common("resolution")}
        title="Resolved by the assistant and handed over"
        description="Per day a conversation started: the share the assistant resolved on its own, and the share handed to a person."
        series={[
          { label: "AI resolution rate", values: overview.daily.map((day) => day.aiResolutionRate) },
          { label: "Escalation rate", values: overview.daily.map((day) => day.escalationRate) },
        ]}
        max={1}
        formatValue={(value) => `${Math.round(value * 100)}%`}
        formatCell={byDay(formatShare)}
      />
      <StackedBarChart
        {...common("answers")}
        title="How the assistant's answers fared"
        description="Answers per day: answered with confidence, unsure, or not covered by the knowledge base."
        stacks={[
          { label: "Answered", values: overview.daily.map((day) => day.answered) },
          { label: "Unsure", values: overview.daily.map((day) => day.lowConfidence) },
          { label: "Not covered", values: overview.daily.map((day) => day.notCovered) },
        ]}
        formatValue={formatCount}
        formatCell={byDay(formatCount)}
      />
      <TimeSeriesChart
        {...common("first-answer")}
        title="Median time to first answer"
        description="Per day a conversation started: the median time from the customer's first question to the assistant's first answer."
        series={[{ label: "Median time to first answer", values: overview.daily.map((day) => day.medianFirstAnswerMs) }]}
        formatValue={formatDuration}
        formatCell={byDay(formatDuration)}
      />
      <TimeSeriesChart
        {...common("agent-first-response")}
        title="Agents' median first response"
        description="Per day of hand-over: the median time until an agent first replied."
        series={[{ label: "Agents' median first response", values: overview.daily.map((day) => day.medianAgentFirstResponseMs) }]}
        formatValue={formatDuration}
        formatCell={byDay(formatDuration)}
      />
      <DistributionBar
        id="chart-ratings"
        title="Ratings"
        counts={overview.ratingDistribution}
        table={chartTable(overview, "ratings")}
        formatCell={(value, column) => (value === null ? "—" : column === 2 ? formatShare(Number(value)) : column === 0 ? `${value} / 5` : formatCount(Number(value)))}
        csvHref={csvHref("ratings")}
      />
      <StackedBarChart
        {...common("cost-by-model")}
        title="Model cost by model"
        description={
          models.length
            ? `Cost per day for ${models.join(", ")}; ${formatUsd(overview.metrics.costUsd.value ?? 0)} in all. Covers the whole workspace, whichever widget is chosen.`
            : "No model usage in this period."
        }
        stacks={models.map((model, index) => ({ label: model, values: costTable.rows.map((row) => Number(row[index + 1])) }))}
        formatValue={formatUsd}
        formatCell={byDay(formatUsd)}
      />
    </div>
  );
}
