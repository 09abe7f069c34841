import { Form, useSearchParams, useSubmit } from "@remix-run/react";
import { useId, type ChangeEvent } from "react";
import { FieldError } from "~/components/form";
import { WidgetOptions } from "~/widgets/widget-options";
import { DEFAULT_PRESET, PRESET_LABELS, RANGE_PRESETS, type OverviewQuery, type PeriodErrors, type PeriodField } from "./overview/date-range";

const INPUT_CLASS = "mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-invalid:border-red-600";

/**
 * The analytics pages' period (a preset, or custom from/to days) and widget, as a GET form with the query
 * parameters parseOverviewQuery reads. While the query is refused (`query` null), the fields keep what was
 * submitted, next to their errors.
 */
export function PeriodForm({
  widgets,
  query,
  errors,
}: {
  widgets: { id: string; name: string }[];
  query: Pick<OverviewQuery, "preset" | "range" | "widgetId"> | null;
  errors: PeriodErrors;
}) {
  const submit = useSubmit();
  const [searchParams] = useSearchParams();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = (field: PeriodField) => `${id}-${field}-error`;
  const wiring = (field: PeriodField, ...describedBy: string[]) => ({
    "aria-invalid": errors[field] ? (true as const) : undefined,
    "aria-describedby": [...describedBy, ...(errors[field] ? [errorId(field)] : [])].join(" ") || undefined,
  });
  const values = query
    ? { range: query.preset, from: query.range.from, to: query.range.to, widget: query.widgetId ?? "" }
    : { range: searchParams.get("range") ?? DEFAULT_PRESET, from: searchParams.get("from") ?? "", to: searchParams.get("to") ?? "", widget: searchParams.get("widget") ?? "" };
  // Picking a date means a custom period; without JavaScript the hint says so.
  const chooseCustom = (event: ChangeEvent<HTMLInputElement>) => {
    const period = event.currentTarget.form?.elements.namedItem("range");
    if (period instanceof HTMLSelectElement) period.value = "custom";
  };
  return (
    <Form method="get" className="mb-6 flex flex-wrap items-end gap-4" aria-label="Period and widget">
      <label className="text-sm">
        <span className="block font-medium text-slate-700">Period</span>
        <select
          name="range"
          defaultValue={values.range}
          {...wiring("range")}
          className={INPUT_CLASS}
          onChange={(event) => event.currentTarget.value !== "custom" && submit(event.currentTarget.form)}
        >
          {RANGE_PRESETS.map((value) => (
            <option key={value} value={value}>
              {PRESET_LABELS[value]}
            </option>
          ))}
        </select>
        <FieldError id={errorId("range")} errors={errors.range ? [errors.range] : undefined} />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">From (custom)</span>
        <input type="date" name="from" onChange={chooseCustom} defaultValue={values.from} {...wiring("from", hintId)} className={INPUT_CLASS} />
        <FieldError id={errorId("from")} errors={errors.from ? [errors.from] : undefined} />
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-700">To (custom)</span>
        <input type="date" name="to" onChange={chooseCustom} defaultValue={values.to} {...wiring("to", hintId)} className={INPUT_CLASS} />
        <FieldError id={errorId("to")} errors={errors.to ? [errors.to] : undefined} />
      </label>
      {widgets.length > 0 || errors.widget ? (
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Widget</span>
          <select name="widget" defaultValue={values.widget} {...wiring("widget")} className={INPUT_CLASS}>
            <WidgetOptions widgets={widgets} />
          </select>
          <FieldError id={errorId("widget")} errors={errors.widget ? [errors.widget] : undefined} />
        </label>
      ) : null}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Show
      </button>
      <p id={hintId} className="w-full text-xs text-slate-500">
        Days are UTC days. The dates apply when the period is Custom (picking a date chooses it).
      </p>
    </Form>
  );
}
