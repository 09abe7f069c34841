import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { AnalyticsTabs } from "~/analytics/analytics-tabs";
import { overviewSearch, parseOverviewQuery, PRESET_LABELS, RANGE_PRESETS, type OverviewQuery } from "~/analytics/overview/date-range";
import { KpiCard } from "~/analytics/overview/kpi-card";
import { OverviewCharts } from "~/analytics/overview/overview-charts";
import { listTenantWidgets, loadOverview, UnknownWidgetError, type Overview } from "~/analytics/overview/overview.server";
import { UsageByService } from "~/analytics/overview/usage-by-service";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldError } from "~/components/form";
import { PageHeader } from "~/components/page-header";

type Errors = Partial<Record<"range" | "from" | "to" | "widget", string>>;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseOverviewQuery(new URL(request.url).searchParams);
  const widgets = await listTenantWidgets(user.tenant.id);
  if (!parsed.ok) return data({ widgets, query: null, overview: null, errors: parsed.errors as Errors }, { status: 400 });
  const { query } = parsed;
  try {
    const overview = await loadOverview({ tenantId: user.tenant.id, range: query.range, widgetId: query.widgetId });
    return data({ widgets, query, overview: overview as Overview | null, errors: {} as Errors });
  } catch (error) {
    if (!(error instanceof UnknownWidgetError)) throw error;
    return data({ widgets, query: null, overview: null, errors: { widget: "Choose a widget from the list." } as Errors }, { status: 400 });
  }
}

export default function AnalyticsOverview() {
  const { widgets, query, overview, errors } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-7xl">
      <AnalyticsTabs />
      <PageHeader title="Analytics" description="How your assistant and your team are doing, compared with the period before. Days are UTC days." />
      <RangeForm widgets={widgets} query={query} errors={errors} />
      {overview && query ? <OverviewBody overview={overview} query={query} /> : null}
    </div>
  );
}

function RangeForm({ widgets, query, errors }: { widgets: { id: string; name: string }[]; query: OverviewQuery | null; errors: Errors }) {
  const submit = useSubmit();
  const preset = query?.preset ?? "30d";
  const inputClass = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-invalid:border-red-600";
  // Picking a date means a custom period; without JavaScript the hint below says so.
  const chooseCustom = (event: React.ChangeEvent<HTMLInputElement>) => {
    const period = event.currentTarget.form?.elements.namedItem("range");
    if (period instanceof HTMLSelectElement) period.value = "custom";
  };
  return (
    <Form method="get" className="mb-6 flex flex-wrap items-end gap-4" aria-label="Period and widget">
      <label className="text-sm">
        <span className="block font-medium text-slate-700">Period</span>
        <select
          name="range"
          defaultValue={preset}
          aria-invalid={errors.range ? true : undefined}
          aria-describedby={errors.range ? "range-error" : undefined}
          className={inputClass}
          onChange={(event) => event.currentTarget.value !== "custom" && submit(event.currentTarget.form)}
        >
          {RANGE_PRESETS.map((value) => (
            <option key={value} value={value}>
              {PRESET_LABELS[value]}
            </option>
          ))}
        </select>
        <FieldError id="range-error" errors={errors.range ? [errors.range] : undefined} />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">From (custom)</span>
        <input type="date" name="from" onChange={chooseCustom} defaultValue={query?.range.from} aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "from-error" : undefined} className={inputClass} />
        <FieldError id="from-error" errors={errors.from ? [errors.from] : undefined} />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">To (custom)</span>
        <input type="date" name="to" onChange={chooseCustom} defaultValue={query?.range.to} aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "to-error" : undefined} className={inputClass} />
        <FieldError id="to-error" errors={errors.to ? [errors.to] : undefined} />
      </label>
      {widgets.length > 0 ? (
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Widget</span>
          <select name="widget" defaultValue={query?.widgetId ?? ""} aria-invalid={errors.widget ? true : undefined} aria-describedby={errors.widget ? "widget-error" : undefined} className={inputClass}>
            <option value="">All widgets</option>
            {widgets.map((widget) => (
              <option key={widget.id} value={widget.id}>
                {widget.name}
              </option>
            ))}
          </select>
          <FieldError id="widget-error" errors={errors.widget ? [errors.widget] : undefined} />
        </label>
      ) : null}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Show
      </button>
      <p className="w-full text-xs text-slate-500">The dates apply when the period is Custom (picking a date chooses it).</p>
    </Form>
  );
}

function OverviewBody({ overview, query }: { overview: Overview; query: OverviewQuery }) {
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
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Analytics · Helpdesk" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
