import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/require-user.server";
import { toCsv } from "~/analytics/overview/csv";
import { parseOverviewQuery } from "~/analytics/overview/date-range";
import { chartTable, isChartName } from "~/analytics/overview/overview-tables";
import { loadOverview, UnknownWidgetError } from "~/analytics/overview/overview.server";

/** `?metric=<chart>&range=…`: the data behind one overview chart as CSV, the same rows as its table. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const metric = params.get("metric");
  if (!isChartName(metric)) return new Response("Unknown metric.", { status: 400 });
  const parsed = parseOverviewQuery(params);
  if (!parsed.ok) return new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const { range, widgetId } = parsed.query;
  try {
    const overview = await loadOverview({ tenantId: user.tenant.id, range, widgetId });
    const table = chartTable(overview, metric);
    return new Response(toCsv(table.columns, table.rows), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${metric}_${range.from}_${range.to}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof UnknownWidgetError) return new Response(error.message, { status: 404 });
    throw error;
  }
}
