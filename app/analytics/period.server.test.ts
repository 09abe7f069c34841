import { describe, expect, it } from "vitest";
import { addWidget } from "../../db/testing/analytics-activity";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { readAnalyticsPeriod } from "./period.server";

useTestDatabase();

const NOW = new Date("2026-11-25T15:30:00Z");
const read = (tenantId: string, query: string) => readAnalyticsPeriod({ tenantId, searchParams: new URLSearchParams(query), now: NOW });

describe("the analytics pages' period and widget", () => {
  it("reads the period and one of the tenant's widgets, and lists the widgets for the form", async () => {
    const { tenantId } = await createTestTenant("Mine");
    const shop = await addWidget(tenantId, "Shop");
    const blog = await addWidget(tenantId, "Blog");
    const period = await read(tenantId, `range=7d&widget=${shop.toUpperCase()}`);
    expect(period).toMatchObject({ ok: true, query: { preset: "7d", range: { from: "2026-11-19", to: "2026-11-25" }, widgetId: shop } });
    expect(period.widgets).toEqual([{ id: blog, name: "Blog" }, { id: shop, name: "Shop" }]);
  });

  it("refuses another tenant's widget as it refuses a malformed one, with the widgets still listed", async () => {
    const mine = await createTestTenant("Mine");
    const theirs = await createTestTenant("Theirs");
    const own = await addWidget(mine.tenantId, "Site");
    const foreign = await addWidget(theirs.tenantId, "Their site");
    expect(await read(mine.tenantId, `widget=${foreign}`)).toEqual({ ok: false, widgets: [{ id: own, name: "Site" }], errors: { widget: "Choose a widget from the list." } });
    expect(await read(mine.tenantId, "widget=nope&range=custom&from=2026-11-10")).toMatchObject({ ok: false, errors: { widget: "Choose a widget from the list.", to: "Enter an end date." } });
  });
});
