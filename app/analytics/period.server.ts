import { withTenant } from "../../db/tenant-scope";
import { parseOverviewQuery, UNKNOWN_WIDGET_ERROR, type OverviewQuery, type PeriodErrors } from "./overview/date-range";

export interface TenantWidget {
  id: string;
  name: string;
}

/** The analytics pages' period and widget, with the tenant's widgets for the form; errors are per field of the form. */
export type AnalyticsPeriod = { ok: true; widgets: TenantWidget[]; query: OverviewQuery } | { ok: false; widgets: TenantWidget[]; errors: PeriodErrors };

/**
 * Reads `range`, `from`, `to` and `widget` (see parseOverviewQuery) for a tenant. A widget id that is not one of
 * the tenant's widgets is refused like a malformed one, so no report is ever asked for another tenant's widget.
 */
export async function readAnalyticsPeriod({ tenantId, searchParams, now }: { tenantId: string; searchParams: URLSearchParams; now?: Date }): Promise<AnalyticsPeriod> {
  const widgets = await listTenantWidgets(tenantId);
  const parsed = parseOverviewQuery(searchParams, now);
  if (!parsed.ok) return { ok: false, widgets, errors: parsed.errors };
  const { widgetId } = parsed.query;
  if (widgetId && !widgets.some((widget) => widget.id === widgetId)) return { ok: false, widgets, errors: { widget: UNKNOWN_WIDGET_ERROR } };
  return { ok: true, widgets, query: parsed.query };
}

export async function listTenantWidgets(tenantId: string): Promise<TenantWidget[]> {
  return withTenant(tenantId, (em) => em.execute<TenantWidget[]>(`select id, name from widgets where tenant_id = ? order by name, id`, [tenantId]));
}
