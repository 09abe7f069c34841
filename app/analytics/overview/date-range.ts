/** Whole UTC days, both ends included, as `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export const RANGE_PRESETS = ["7d", "30d", "90d", "this-month", "last-month", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PRESET_LABELS: Record<RangePreset, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "this-month": "This month",
  "last-month": "Last month",
  custom: "Custom",
};

export const DEFAULT_PRESET: RangePreset = "30d";
export const MAX_RANGE_DAYS = 366;

export interface OverviewQuery {
  preset: RangePreset;
  range: DayRange;
  /** The same number of days just before `range`. */
  previous: DayRange;
  days: number;
  /** A widget id to narrow to; the service checks that it is the tenant's. */
  widgetId: string | null;
}

export type PeriodField = "range" | "from" | "to" | "widget";
export type PeriodErrors = Partial<Record<PeriodField, string>>;
export type OverviewQueryResult = { ok: true; query: OverviewQuery } | { ok: false; errors: PeriodErrors };

export const UNKNOWN_WIDGET_ERROR = "Choose a widget from the list.";

/** What a report reads: instants from `from` (included) to `to` (excluded), through one widget or all (null). */
export interface ReportWindow {
  from: Date;
  to: Date;
  widgetId: string | null;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A calendar day at UTC midnight, or null for anything that is not one (2026-02-30 included). */
export function parseDay(value: string): Date | null {
  if (!ISO_DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || formatDay(date) !== value ? null : date;
}

export function addDays(day: string, count: number): string {
  return formatDay(new Date(parseDay(day)!.getTime() + count * DAY_MS));
}

export function daysBetween(range: DayRange): number {
  return Math.round((parseDay(range.to)!.getTime() - parseDay(range.from)!.getTime()) / DAY_MS) + 1;
}

/** Every day of the range, in order: the x axis of the daily series. */
export function eachDay(range: DayRange): string[] {
  return Array.from({ length: daysBetween(range) }, (_, index) => addDays(range.from, index));
}

export function previousPeriod(range: DayRange): DayRange {
  const days = daysBetween(range);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

function presetRange(preset: Exclude<RangePreset, "custom">, today: string): DayRange {
  switch (preset) {
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "90d":
      return { from: addDays(today, -89), to: today };
    case "this-month":
      return { from: `${today.slice(0, 8)}01`, to: today };
    case "last-month": {
      const lastDay = addDays(`${today.slice(0, 8)}01`, -1);
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay };
    }
  }
}

/**
 * Reads `range` (a preset, or `custom` with `from` and `to`) and `widget` from the query string.
 * A `from`/`to` pair without `range` counts as custom. `now` decides what "today" (UTC) is.
 */
export function parseOverviewQuery(params: URLSearchParams, now: Date = new Date()): OverviewQueryResult {
  const errors: PeriodErrors = {};
  const rawPreset = params.get("range") || (params.get("from") || params.get("to") ? "custom" : DEFAULT_PRESET);
  const preset = (RANGE_PRESETS as readonly string[]).includes(rawPreset) ? (rawPreset as RangePreset) : null;
  const widgetId = params.get("widget") || null;
  if (widgetId && !UUID.test(widgetId)) errors.widget = UNKNOWN_WIDGET_ERROR;

  let range: DayRange | null = null;
  if (!preset) {
    errors.range = `Choose one of: ${RANGE_PRESETS.map((value) => PRESET_LABELS[value].toLowerCase()).join(", ")}.`;
  } else if (preset !== "custom") {
    range = presetRange(preset, formatDay(now));
  } else {
    range = customRange(params.get("from") ?? "", params.get("to") ?? "", errors);
  }
  if (!range || !preset || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, query: { preset, range, previous: previousPeriod(range), days: daysBetween(range), widgetId: widgetId?.toLowerCase() ?? null } };
}

function customRange(from: string, to: string, errors: PeriodErrors): DayRange | null {
  if (!from) errors.from = "Enter a start date.";
  else if (!parseDay(from)) errors.from = "Enter the start date as YYYY-MM-DD, e.g. 2026-11-01.";
  if (!to) errors.to = "Enter an end date.";
  else if (!parseDay(to)) errors.to = "Enter the end date as YYYY-MM-DD, e.g. 2026-11-30.";
  if (errors.from || errors.to) return null;
  const range = { from, to };
  if (from > to) {
    errors.to = "The end date must be on or after the start date.";
    return null;
  }
  if (daysBetween(range) > MAX_RANGE_DAYS) {
    errors.to = `Choose at most ${MAX_RANGE_DAYS} days.`;
    return null;
  }
  return range;
}

/** The range's whole UTC days as instants: from the first day's midnight to the midnight after the last day. */
export function reportWindow({ range, widgetId }: Pick<OverviewQuery, "range" | "widgetId">): ReportWindow {
  return { from: parseDay(range.from)!, to: parseDay(addDays(range.to, 1))!, widgetId };
}

/** The query string for a range and widget, as the page's links and the CSV links carry it. */
export function overviewSearch(query: Pick<OverviewQuery, "preset" | "range" | "widgetId">): URLSearchParams {
  const search = new URLSearchParams({ range: query.preset });
  if (query.preset === "custom") {
    search.set("from", query.range.from);
    search.set("to", query.range.to);
  }
  if (query.widgetId) search.set("widget", query.widgetId);
  return search;
}
