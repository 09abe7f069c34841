import { describe, expect, it } from "vitest";
import { reportPeriodFrom } from "./report-period";

const NOW = new Date("2026-11-26T12:00:00Z");

describe("the report period", () => {
  it("reads a preset and a widget", () => {
    const widget = "0b6c7a4e-4c1d-4c55-9d6a-2f0e8f1b7a10";
    expect(reportPeriodFrom(new URLSearchParams({ range: "7d", widget }), NOW)).toEqual({
      range: "7d", from: new Date("2026-11-19T12:00:00Z"), to: NOW, widgetId: widget,
    });
  });

  it("falls back to the last 30 days and all widgets", () => {
    expect(reportPeriodFrom(new URLSearchParams({ range: "1y", widget: "'; drop table" }), NOW)).toEqual({
      range: "30d", from: new Date("2026-10-27T12:00:00Z"), to: NOW, widgetId: null,
    });
  });
});
