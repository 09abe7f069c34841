import { Form, useSubmit } from "@remix-run/react";
import { RANGE_PRESETS, type RangePreset } from "./report-period";

const RANGE_LABELS: Record<RangePreset, string> = { "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" };

/** The period and widget a question report covers; changing either reloads the page. */
export function PeriodFilter({ range, widgetId, widgets }: { range: RangePreset; widgetId: string | null; widgets: { id: string; name: string }[] }) {
  const submit = useSubmit();
  const selectClass = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <Form method="get" className="mb-6 flex flex-wrap items-end gap-4" onChange={(event) => submit(event.currentTarget)}>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">Period</span>
        <select name="range" defaultValue={range} className={selectClass}>
          {(Object.keys(RANGE_PRESETS) as RangePreset[]).map((preset) => (
            <option key={preset} value={preset}>
              {RANGE_LABELS[preset]}
            </option>
          ))}
        </select>
      </label>
      {widgets.length > 1 ? (
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Widget</span>
          <select name="widget" defaultValue={widgetId ?? ""} className={selectClass}>
            <option value="">All widgets</option>
            {widgets.map((widget) => (
              <option key={widget.id} value={widget.id}>
                {widget.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <noscript>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          Show
        </button>
      </noscript>
    </Form>
  );
}
