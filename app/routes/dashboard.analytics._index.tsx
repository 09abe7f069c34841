import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { AnalyticsTabs } from "~/analytics/analytics-tabs";
import { SentimentTrend } from "~/analytics/insights/sentiment-trend";
import { sentimentTrend, type SentimentTrend as SentimentTrendData } from "~/analytics/insights/sentiment-trend.server";
import { overviewSearch, reportWindow, UNKNOWN_WIDGET_ERROR, type OverviewQuery, type PeriodErrors } from "~/analytics/overview/date-range";
import { KpiCard } from "~/analytics/overview/kpi-card";
import { OverviewCharts } from "~/analytics/overview/overview-charts";
import { loadOverview, UnknownWidgetError, type Overview } from "~/analytics/overview/overview.server";
import { UsageByService } from "~/analytics/overview/usage-by-service";
import { PeriodForm } from "~/analytics/period-form";
import { readAnalyticsPeriod } from "~/analytics/period.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const tenantId = user.tenant.id;
  const period = await readAnalyticsPeriod({ tenantId, searchParams: new URL(request.url).searchParams });
  const refused = (errors: PeriodErrors) => data({ widgets: period.widgets, query: null, overview: null, sentiment: null, errors }, { status: 400 });
  if (!period.ok) return refused(period.errors);
  const { query } = period;
  try {
    // Two short transactions of their own, neither waiting on the other: safe side by side.
    const [overview, sentiment] = await Promise.all([
      loadOverview({ tenantId, range: query.range, widgetId: query.widgetId }),
      sentimentTrend({ tenantId, ...reportWindow(query) }),
    ]);
    return data({ widgets: period.widgets, query, overview: overview as Overview | null, sentiment: sentiment as SentimentTrendData | null, errors: {} as PeriodErrors });
  } catch (error) {
    // The widget was deleted since readAnalyticsPeriod listed it.
    if (!(error instanceof UnknownWidgetError)) throw error;
    return refused({ widget: UNKNOWN_WIDGET_ERROR });
  }
}

export default function AnalyticsOverview() {
  const { widgets, query, overview, sentiment, errors } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-7xl">
      <AnalyticsTabs />
      <PageHeader title="Analytics" description="How your assistant and your team are doing, compared with the period before." />
      <PeriodForm widgets={widgets} query={query} errors={errors} />
      {overview && sentiment && query ? <OverviewBody overview={overview} sentiment={sentiment} query={query} /> : null}
    </div>
  );
}

function OverviewBody({ overview, sentiment, query }: { overview: Overview; sentiment: SentimentTrendData; query: OverviewQuery }) {
  const { metrics } = overview;
  const csvHref = (name: string) => `/dashboard/analytics/export?${new URLSearchParams([["metric", name], ...overviewSearch(query)])}`;
  return (
    <>
      <p className="mb-4 text-sm text-slate-600">
        {overview.range.from} to {overview.range.to} ({query.days} days), compared with {overview.previous.from} to {overview.previous.to}.
      </p>
      <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-4">
        <KpiCard label="Conversations" figure={metrics.conversations} days={query.days} />
        <KpiCard label="Messages" figure={metrics.messages} days={query.days} hint="From customers, the assistant and agents." />
        <KpiCard label="Unique customers" figure={metrics.uniqueEndUsers} days={query.days} />
        <KpiCard
          label="AI resolution rate"
          figure={metrics.aiResolutionRate}
          days={query.days}
          hint="Of conversations the assistant answered, the share never handed to a person and with no “not helpful” vote."
        />
        <KpiCard label="Escalation rate" figure={metrics.escalationRate} days={query.days} better="down" hint="Conversations handed to a person." />
        <KpiCard label="Average rating" figure={metrics.averageRating} days={query.days} />
        <KpiCard label="Helpful votes" figure={metrics.helpfulShare} days={query.days} hint="Helpful among helpful and not helpful votes." />
        <KpiCard label="Median time to first answer" figure={metrics.medianFirstAnswerMs} days={query.days} better="down" />
        <KpiCard label="Agents' median first response" figure={metrics.medianAgentFirstResponseMs} days={query.days} better="down" />
        <KpiCard label="Model tokens" figure={metrics.tokens} days={query.days} better="down" hint="Whole workspace." />
        <KpiCard label="Model cost" figure={metrics.costUsd} days={query.days} better="down" hint="Whole workspace." />
      </dl>
      <p className="mb-4 text-xs text-slate-500">
        A conversation and a hand-over count in the period they started. Changes in rates are in percentage points; ▲ and ▼ show the direction, green is better, red is worse.
      </p>
      <OverviewCharts overview={overview} csvHref={csvHref} />
      <div className="mt-6">
        <UsageByService usage={overview.usage} csvHref={csvHref("usage-by-service")} />
      </div>
      <section aria-labelledby="customer-sentiment-title" className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="customer-sentiment-title" className="text-base font-semibold">
          Customer sentiment
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">
          Scored offline on this server from the words in customers' own messages (not the assistant's or your team's), from −1 negative to +1 positive; a conversation counts on the day it started.
        </p>
        <SentimentTrend trend={sentiment} />
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Analytics · Helpdesk" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
