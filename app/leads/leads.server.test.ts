import { beforeAll, describe, expect, it } from "vitest";
import { AuditLog, Conversation, EndUser, Lead, Message } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import type { UserRole } from "../auth/roles";
import { UserFacingError } from "../utils/errors";
import { leadFiltersFrom } from "./lead-filters";
import { recordLead } from "./lead-recorder.server";
import { leadsForExport, listLeads, updateLead, type LeadActor } from "./leads.server";

useTestDatabase();

let tenantId: string;
let ownerId: string;
let otherTenantId: string;

beforeAll(async () => {
  ({ tenantId, ownerId } = await createTestTenant("Acme"));
  otherTenantId = (await createTestTenant("Globex")).tenantId;
});

async function startConversation(tenant: string, customer: { name?: string; email?: string } | null = {}) {
  return withTenant(tenant, async (em) => {
    const endUser = customer ? em.create(EndUser, { tenant, ...customer }) : null;
    const conversation = em.create(Conversation, { tenant, endUser });
    await em.flush();
    return { conversationId: conversation.id, endUserId: endUser?.id ?? null };
  });
}

let clock = Date.parse("2026-05-01T09:00:00Z");

/** The visitor sends a message and the assistant answers it, which runs the lead recorder. */
async function visitorSays(tenant: string, conversationId: string, content: string) {
  const questionMessageId = await withTenant(tenant, async (em) => {
    clock += 1000;
    const message = em.create(Message, { tenant, conversation: conversationId, role: "visitor", content, createdAt: new Date(clock) });
    await em.flush();
    return message.id;
  });
  await recordLead({ tenantId: tenant, conversationId, endUserId: null, questionMessageId, question: content, questionVector: [], embeddingModel: "test", outcome: "answered" });
}

async function leadsOf(conversationId: string, tenant = tenantId) {
  return withTenant(tenant, (em) => em.find(Lead, { conversation: conversationId }));
}

function actor(role: UserRole, tenant = tenantId): LeadActor {
  return { id: ownerId, role, tenant: { id: tenant } };
}

describe("recordLead", () => {
  it("records a lead when the visitor shows intent and leaves a way to reach them", async () => {
    const { conversationId, endUserId } = await startConversation(tenantId);
    await visitorSays(tenantId, conversationId, "Hi, my name is Ana Lima. Do you do wholesale pricing for 200 units?");
    expect(await leadsOf(conversationId)).toEqual([]);

    await visitorSays(tenantId, conversationId, "You can email me at Ana@Lima.example or call +44 20 7946 0958");
    const [lead] = await leadsOf(conversationId);
    expect(lead).toMatchObject({ name: "Ana Lima", email: "ana@lima.example", phone: "+44 20 7946 0958", status: "new", endUser: { id: endUserId } });
    expect(lead.intent).toBe("Pricing, Bulk order: “Do you do wholesale pricing for 200 units?”");

    const customer = await withTenant(tenantId, (em) => em.findOneOrFail(EndUser, endUserId!));
    expect(customer.email).toBe("ana@lima.example");
  });

  it("uses the email and name already known for the customer", async () => {
    const { conversationId } = await startConversation(tenantId, { name: "Bo Chen", email: "bo@chen.example" });
    await visitorSays(tenantId, conversationId, "Can I book a demo?");
    expect(await leadsOf(conversationId)).toEqual([expect.objectContaining({ name: "Bo Chen", email: "bo@chen.example", phone: null })]);
  });

  it("records nothing for support questions or for intent with no way to reach the visitor", async () => {
    const support = await startConversation(tenantId);
    await visitorSays(tenantId, support.conversationId, "I want to return my purchase, my email is cy@example.test");
    expect(await leadsOf(support.conversationId)).toEqual([]);
    const customer = await withTenant(tenantId, (em) => em.findOneOrFail(EndUser, support.endUserId!));
    expect(customer.email).toBe("cy@example.test");

    const anonymous = await startConversation(tenantId, null);
    await visitorSays(tenantId, anonymous.conversationId, "How much for 50 units?");
    expect(await leadsOf(anonymous.conversationId)).toEqual([]);
  });

  it("never replaces an email the customer record already has", async () => {
    const { conversationId, endUserId } = await startConversation(tenantId, { email: "known@example.test" });
    await visitorSays(tenantId, conversationId, "Send the quote to other@example.test please");
    expect((await withTenant(tenantId, (em) => em.findOneOrFail(EndUser, endUserId!))).email).toBe("known@example.test");
    expect((await leadsOf(conversationId))[0].email).toBe("other@example.test");
  });

  it("keeps one lead per conversation, merges later details, and keeps the status and notes an agent set", async () => {
    const { conversationId } = await startConversation(tenantId);
    await visitorSays(tenantId, conversationId, "Please send me a quote: dee@example.test");
    const [first] = await leadsOf(conversationId);
    await updateLead({ actor: actor("agent"), leadId: first.id, status: "contacted", notes: "Called on Monday" });

    await visitorSays(tenantId, conversationId, "Also, we may upgrade to the business plan. My phone number is 020 7946 0958");
    const leads = await leadsOf(conversationId);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ id: first.id, email: "dee@example.test", phone: "020 7946 0958", status: "contacted", notes: "Called on Monday" });
    expect(leads[0].intent).toBe("Quote, Upgrade: “Please send me a quote: dee@example.test”");
  });

  it("runs twice for the same message without a second lead", async () => {
    const { conversationId } = await startConversation(tenantId);
    await visitorSays(tenantId, conversationId, "Interested in bulk order pricing, eve@example.test");
    await recordLead({ tenantId, conversationId, endUserId: null, questionMessageId: "", question: "", questionVector: [], embeddingModel: "test", outcome: "answered" });
    expect(await leadsOf(conversationId)).toHaveLength(1);
  });
});

describe("leads list, changes and export", () => {
  it("filters by status, date and search, with counts per status", async () => {
    const tenant = (await createTestTenant("Pipeline")).tenantId;
    const made = await withTenant(tenant, async (em) => {
      const rows = [
        em.create(Lead, { tenant, name: "Fay", email: "fay@example.test", intent: "Quote", createdAt: new Date("2026-04-01T10:00:00Z") }),
        em.create(Lead, { tenant, name: "Gus", email: "gus@example.test", intent: "Demo", status: "qualified", createdAt: new Date("2026-04-02T23:59:00Z") }),
        em.create(Lead, { tenant, name: "Hal", phone: "+1 415 555 2671", intent: "Bulk order", status: "lost", createdAt: new Date("2026-04-03T00:00:00Z") }),
      ];
      await em.flush();
      return rows.map((row) => row.id);
    });
    const list = (query: Record<string, string>) => listLeads({ tenantId: tenant, filters: leadFiltersFrom(new URLSearchParams(query)) });

    const all = await list({});
    expect(all.rows.map((row) => row.name)).toEqual(["Hal", "Gus", "Fay"]);
    expect(all.counts).toEqual({ all: 3, new: 1, contacted: 0, qualified: 1, converted: 0, lost: 1 });
    expect((await list({ status: "qualified" })).rows.map((row) => row.name)).toEqual(["Gus"]);
    const ranged = await list({ from: "2026-04-02", to: "2026-04-02" });
    expect(ranged.rows.map((row) => row.name)).toEqual(["Gus"]);
    expect(ranged.counts.all).toBe(1);
    expect((await list({ q: "demo" })).rows.map((row) => row.name)).toEqual(["Gus"]);
    expect((await list({ q: "555" })).rows.map((row) => row.id)).toEqual([made[2]]);
    expect((await list({ status: "bogus", from: "yesterday" })).rows).toHaveLength(3);
  });

  it("lets agents change status and notes, audited without the notes' text", async () => {
    const { conversationId } = await startConversation(tenantId);
    await visitorSays(tenantId, conversationId, "What does the pro plan cost? ian@example.test");
    const [lead] = await leadsOf(conversationId);
    await updateLead({ actor: actor("admin"), leadId: lead.id, status: "qualified", notes: "Budget approved" });
    const audit = await withTenant(tenantId, (em) => em.findOneOrFail(AuditLog, { action: "lead.updated", targetId: lead.id }));
    expect(audit.details).toEqual({ from: "new", to: "qualified", notesChanged: true });
  });

  it("refuses a viewer, and hides one workspace's leads and customers from another", async () => {
    const { conversationId } = await startConversation(tenantId);
    await visitorSays(tenantId, conversationId, "I'd like to buy 20 seats, jo@example.test");
    const [lead] = await leadsOf(conversationId);

    const viewerRefusal: unknown = await updateLead({ actor: actor("viewer"), leadId: lead.id, status: "lost", notes: "" }).catch((error: unknown) => error);
    expect(viewerRefusal).toBeInstanceOf(UserFacingError);
    expect((viewerRefusal as UserFacingError).status).toBe(403);

    const foreign: unknown = await updateLead({ actor: actor("owner", otherTenantId), leadId: lead.id, status: "lost", notes: "" }).catch((error: unknown) => error);
    expect((foreign as Response).status).toBe(404);
    expect((await leadsOf(conversationId))[0].status).toBe("new");

    const theirs = await listLeads({ tenantId: otherTenantId, filters: leadFiltersFrom(new URLSearchParams()) });
    expect(theirs.rows).toEqual([]);
    expect(await leadsForExport({ actor: actor("viewer", otherTenantId), filters: leadFiltersFrom(new URLSearchParams()) })).toEqual([]);
  });

  it("exports every page under the filters and audits the download", async () => {
    const rows = await leadsForExport({ actor: actor("viewer"), filters: leadFiltersFrom(new URLSearchParams({ q: "example.test" })) });
    expect(rows.length).toBeGreaterThan(3);
    const audit = await withTenant(tenantId, (em) => em.findOneOrFail(AuditLog, { action: "leads.exported" }));
    expect(audit.details).toMatchObject({ count: rows.length });
  });
});
