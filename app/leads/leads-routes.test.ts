import { beforeAll, describe, expect, it } from "vitest";
import { EndUser, Lead } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { getRequest, postForm, signedIn } from "../auth/test-sign-in.server";
import * as profileRoute from "../routes/dashboard.analytics.customers_.$endUserId";
import * as exportRoute from "../routes/dashboard.leads.export";
import * as leadsRoute from "../routes/dashboard.leads";

useTestDatabase();

type TestTenant = Awaited<ReturnType<typeof createTestTenant>>;
let acme: TestTenant;
let globex: TestTenant;
let leadId: string;
let customerId: string;

beforeAll(async () => {
  acme = await createTestTenant("Acme");
  globex = await createTestTenant("Globex");
  ({ leadId, customerId } = await withTenant(acme.tenantId, async (em) => {
    const customer = em.create(EndUser, { tenant: acme.tenantId, name: "=cmd|' /C calc'!A0", email: "eve@example.test" });
    const lead = em.create(Lead, { tenant: acme.tenantId, endUser: customer, name: "=cmd|' /C calc'!A0", email: "eve@example.test", phone: "+1 415 555 2671", intent: "Quote: “@SUM(1,2)”" });
    await em.flush();
    return { leadId: lead.id, customerId: customer.id };
  }));
});

function saveLead(session: { cookie: string; csrf: string }, fields: Record<string, string>) {
  return postForm(session, "/dashboard/leads", { leadId, status: "qualified", notes: "Wants 40 seats", ...fields });
}

async function statusOfLead() {
  return (await withTenant(acme.tenantId, (em) => em.findOneOrFail(Lead, leadId))).status;
}

describe("the leads page", () => {
  it("lets a viewer read but not change a lead (checked on the server)", async () => {
    const viewer = await signedIn(acme, "viewer");
    const page = await leadsRoute.loader(getRequest(viewer.cookie, "/dashboard/leads"));
    expect(page.canEdit).toBe(false);
    expect(page.rows.map((row) => row.id)).toEqual([leadId]);

    const refused = await leadsRoute.action(saveLead(viewer, {})).catch((error: unknown) => error);
    expect((refused as Response).status).toBe(403);
    expect(await statusOfLead()).toBe("new");
  });

  it("lets an agent change status and notes with the form's CSRF token, and refuses a forged one", async () => {
    const agent = await signedIn(acme, "agent");
    const forged = await leadsRoute.action(saveLead(agent, { csrf: "forged-token" })).catch((error: unknown) => error);
    expect((forged as Response).status).toBe(403);

    expect(await leadsRoute.action(saveLead(agent, {}))).toEqual({ ok: true });
    expect(await statusOfLead()).toBe("qualified");
  });

  it("answers a foreign lead id as not found", async () => {
    const intruder = await signedIn(globex, "owner");
    const refused = await leadsRoute.action(saveLead(intruder, {})).catch((error: unknown) => error);
    expect((refused as Response).status).toBe(404);
  });
});

describe("the CSV export", () => {
  it("defuses formulas and quotes cells", async () => {
    const viewer = await signedIn(acme, "viewer");
    const response = await exportRoute.loader(getRequest(viewer.cookie, "/dashboard/leads/export"));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const [header, row] = (await response.text()).replace("\uFEFF", "").split("\r\n");
    expect(header).toBe("Noticed,Status,Name,Email,Phone,Interest,Notes,Customer profile");
    expect(row).toContain(`,'=cmd|' /C calc'!A0,eve@example.test,'+1 415 555 2671,"Quote: “@SUM(1,2)”",`);
  });

  it("holds nothing of another workspace", async () => {
    const intruder = await signedIn(globex, "owner");
    const response = await exportRoute.loader(getRequest(intruder.cookie, "/dashboard/leads/export"));
    expect((await response.text()).trim().split("\r\n")).toHaveLength(1);
  });
});

describe("the customer profile", () => {
  it("shows a member the profile and another workspace a 404", async () => {
    const viewer = await signedIn(acme, "viewer");
    const profile = await profileRoute.loader(getRequest(viewer.cookie, `/dashboard/analytics/customers/${customerId}`, { endUserId: customerId }));
    expect(profile.customer.email).toBe("eve@example.test");
    expect(profile.leads.map((lead) => lead.id)).toEqual([leadId]);

    const intruder = await signedIn(globex, "owner");
    for (const endUserId of [customerId, "not-a-uuid"]) {
      const refused = await profileRoute.loader(getRequest(intruder.cookie, `/dashboard/analytics/customers/${endUserId}`, { endUserId })).catch((error: unknown) => error);
      expect((refused as Response).status).toBe(404);
    }
  });
});
