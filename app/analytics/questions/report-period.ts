/**
 * The date range and widget the question reports cover, read from the same query parameters as the analytics
 * overview (?range=7d|30d|90d&widget=<id>). A stand-in until the overview's shared date-range module lands; only
 * the presets are read here, custom from/to dates are not.
 */
export const RANGE_PRESETS = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const DEFAULT_RANGE: RangePreset = "30d";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportPeriod {
  range: RangePreset;
  from: Date;
  to: Date;
  /** Only conversations through this widget; null for all widgets. */
  widgetId: string | null;
}

export function reportPeriodFrom(searchParams: URLSearchParams, now = new Date()): ReportPeriod {
  const requested = searchParams.get("range");
  const range = requested && requested in RANGE_PRESETS ? (requested as RangePreset) : DEFAULT_RANGE;
  const widget = searchParams.get("widget");
  return {
    range,
    from: new Date(now.getTime() - RANGE_PRESETS[range] * DAY_MS),
    to: now,
    widgetId: widget && UUID.test(widget) ? widget.toLowerCase() : null,
  };
}
