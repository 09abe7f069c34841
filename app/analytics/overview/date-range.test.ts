import { describe, expect, it } from "vitest";
import { eachDay, overviewSearch, parseDay, parseOverviewQuery, previousPeriod, reportWindow } from "./date-range";

const NOW = new Date("2026-11-25T15:30:00Z");
const parse = (query: string) => parseOverviewQuery(new URLSearchParams(query), NOW);

describe("parseOverviewQuery", () => {
  it("defaults to the last 30 days, today included, with the 30 days before as the previous period", () => {
    expect(parse("")).toEqual({
      ok: true,
      query: { preset: "30d", range: { from: "2026-10-27", to: "2026-11-25" }, previous: { from: "2026-09-27", to: "2026-10-26" }, days: 30, widgetId: null },
    });
  });

  it.each([
    ["7d", "2026-11-19", "2026-11-25", 7],
    ["90d", "2026-08-28", "2026-11-25", 90],
    ["this-month", "2026-11-01", "2026-11-25", 25],
    ["last-month", "2026-10-01", "2026-10-31", 31],
  ])("reads the %s preset", (preset, from, to, days) => {
    const result = parse(`range=${preset}`);
    expect(result.ok && result.query.range).toEqual({ from, to });
    expect(result.ok && result.query.days).toBe(days);
  });

  it("crosses a year for last month in January", () => {
    const result = parseOverviewQuery(new URLSearchParams("range=last-month"), new Date("2027-01-10T00:00:00Z"));
    expect(result.ok && result.query.range).toEqual({ from: "2026-12-01", to: "2026-12-31" });
  });

  it("reads a custom range, with from and to alone meaning custom", () => {
    const result = parse("from=2026-02-01&to=2026-02-28");
    expect(result.ok && result.query).toMatchObject({ preset: "custom", range: { from: "2026-02-01", to: "2026-02-28" }, previous: { from: "2026-01-04", to: "2026-01-31" } });
    expect(parse("range=custom&from=2026-11-03&to=2026-11-03")).toMatchObject({ ok: true, query: { days: 1, previous: { from: "2026-11-02", to: "2026-11-02" } } });
  });

  it("explains what is wrong with a custom range", () => {
    expect(parse("range=custom")).toEqual({ ok: false, errors: { from: "Enter a start date.", to: "Enter an end date." } });
    expect(parse("range=custom&from=2026-02-30&to=26-03-01")).toEqual({
      ok: false,
      errors: { from: "Enter the start date as YYYY-MM-DD, e.g. 2026-11-01.", to: "Enter the end date as YYYY-MM-DD, e.g. 2026-11-30." },
    });
    expect(parse("range=custom&from=2026-11-10&to=2026-11-09")).toEqual({ ok: false, errors: { to: "The end date must be on or after the start date." } });
    expect(parse("range=custom&from=2025-01-01&to=2026-01-02")).toEqual({ ok: false, errors: { to: "Choose at most 366 days." } });
    expect(parse("range=custom&from=2025-01-01&to=2026-01-01")).toMatchObject({ ok: true, query: { days: 366 } });
  });

  it("refuses an unknown preset and a widget that is not an id", () => {
    const result = parse("range=forever&widget=1;drop");
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(["range", "widget"]);
  });

  it("keeps a widget id, lower-cased", () => {
    const result = parse("widget=0F8FAD5B-D9CB-469F-A165-70867728950E");
    expect(result.ok && result.query.widgetId).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
  });
});

describe("day helpers", () => {
  it("rejects impossible days", () => {
    expect(parseDay("2026-02-29")).toBeNull();
    expect(parseDay("2028-02-29")).not.toBeNull();
  });

  it("lists every day and finds the previous period across a month end", () => {
    expect(eachDay({ from: "2026-02-27", to: "2026-03-02" })).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-01-29", to: "2026-02-28" });
  });

  it("turns whole days into instants, the last day's midnight after it excluded", () => {
    expect(reportWindow({ range: { from: "2026-02-27", to: "2026-02-28" }, widgetId: "w" })).toEqual({
      from: new Date("2026-02-27T00:00:00Z"),
      to: new Date("2026-03-01T00:00:00Z"),
      widgetId: "w",
    });
  });

  it("writes the query string back, custom dates only for a custom range", () => {
    expect(overviewSearch({ preset: "7d", range: { from: "2026-11-19", to: "2026-11-25" }, widgetId: null }).toString()).toBe("range=7d");
    expect(overviewSearch({ preset: "custom", range: { from: "2026-11-01", to: "2026-11-02" }, widgetId: "w" }).toString()).toBe("range=custom&from=2026-11-01&to=2026-11-02&widget=w");
  });
});
