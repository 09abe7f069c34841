import { beforeAll, describe, expect, it } from "vitest";
import { Conversation, EndUser, Escalation, Lead, Message, SurveyResponse } from "../../../db/entities";
import { createTestTenant } from "../../../db/testing/fixtures";
import { useTestDatabase } from "../../../db/testing/test-database";
import { withTenant } from "../../../db/tenant-scope";
import type { AnsweredQuestion } from "../answered-question.server";
import { customerFiltersFrom } from "./customer-filters";
import { getCustomerProfile, listCustomers } from "./customers.server";
import { recordSentiment } from "./sentiment-recorder.server";
import { sentimentTrend } from "./sentiment-trend.server";

useTestDatabase();

let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  tenantId = (await createTestTenant("Acme")).tenantId;
  otherTenantId = (await createTestTenant("Globex")).tenantId;
});

async function addCustomer(tenant: string, details: Partial<Pick<EndUser, "name" | "email" | "externalId" | "identityVerified">> = {}) {
  return withTenant(tenant, async (em) => {
    const customer = em.create(EndUser, { tenant, ...details });
    await em.flush();
    return customer.id;
  });
}

/** A conversation with the visitor's messages, each followed by an answer, as the chat stores them. */
async function addConversation(tenant: string, endUserId: string | null, visitorMessages: string[], createdAt = new Date()) {
  return withTenant(tenant, async (em) => {
    const conversation = em.create(Conversation, { tenant, endUser: endUserId, createdAt });
    const messageIds = visitorMessages.map((content, index) => {
      const sentAt = createdAt.getTime() + index * 2000;
      const message = em.create(Message, { tenant, conversation, role: "visitor", content, createdAt: new Date(sentAt) });
      em.create(Message, { tenant, conversation, role: "assistant", content: "Here is what I found.", createdAt: new Date(sentAt + 1000) });
      return message.id;
    });
    await em.flush();
    return { conversationId: conversation.id, messageIds };
  });
}

function answered(tenant: string, conversationId: string, questionMessageId: string): AnsweredQuestion {
  return { tenantId: tenant, conversationId, endUserId: null, questionMessageId, question: "", questionVector: [], embeddingModel: "test", outcome: "answered" };
}

async function recordAll(tenant: string, conversation: { conversationId: string; messageIds: string[] }) {
  await recordSentiment(answered(tenant, conversation.conversationId, conversation.messageIds.at(-1)!));
}

describe("recordSentiment", () => {
  it("scores visitor messages, averages them per conversation and per customer, and counts conversations", async () => {
    const customerId = await addCustomer(tenantId, { name: "Mia" });
    const happy = await addConversation(tenantId, customerId, ["Thank you, this is great!", "Where is my order?"]);
    const angry = await addConversation(tenantId, customerId, ["This is terrible, I am very angry."]);
    await addConversation(tenantId, customerId, []);
    await recordAll(tenantId, happy);
    await recordAll(tenantId, angry);

    await withTenant(tenantId, async (em) => {
      const messages = await em.find(Message, { conversation: happy.conversationId }, { orderBy: { createdAt: "asc" } });
      const visitor = messages.filter((message) => message.role === "visitor");
      expect(visitor.map((message) => message.sentiment)).toEqual([expect.any(Number), 0]);
      expect(visitor[0].sentiment).toBeGreaterThan(0.2);
      expect(messages.filter((message) => message.role === "assistant").every((message) => message.sentiment === null)).toBe(true);

      const happyConversation = await em.findOneOrFail(Conversation, happy.conversationId);
      expect(happyConversation.sentiment).toBeCloseTo(visitor[0].sentiment! / 2, 5);
      const angryConversation = await em.findOneOrFail(Conversation, angry.conversationId);
      expect(angryConversation.sentiment).toBeLessThan(-0.2);

      const customer = await em.findOneOrFail(EndUser, customerId);
      expect(customer.conversationCount).toBe(3);
      expect(customer.averageSentiment).toBeCloseTo((happyConversation.sentiment! + angryConversation.sentiment!) / 2, 5);
    });
  });

  it("scores a message once, and picks up one sent while a person handled the chat", async () => {
    const customerId = await addCustomer(tenantId);
    const conversation = await addConversation(tenantId, customerId, ["I love it"]);
    await recordAll(tenantId, conversation);
    await withTenant(tenantId, async (em) => {
      em.create(Message, { tenant: tenantId, conversation: conversation.conversationId, role: "visitor", content: "Your agent was rude and useless" });
      await em.flush();
    });
    await recordAll(tenantId, conversation);
    const sentiments = await withTenant(tenantId, (em) =>
      em.find(Message, { conversation: conversation.conversationId, role: "visitor" }, { orderBy: { createdAt: "asc" } }),
    );
    expect(sentiments.map((message) => Math.sign(message.sentiment!))).toEqual([1, -1]);
  });
});

describe("sentimentTrend", () => {
  it("averages conversation sentiment per UTC day, with positive/neutral/negative counts", async () => {
    const tenant = (await createTestTenant("Trend")).tenantId;
    const day1 = new Date("2026-03-02T10:00:00Z");
    const day3 = new Date("2026-03-04T23:30:00Z");
    for (const [messages, at] of [
      [["Thanks, wonderful help!"], day1],
      [["This is awful"], day1],
      [["What are your opening hours?"], day3],
      [["Brilliant, love it"], new Date("2026-03-05T00:00:00Z")],
    ] as const) {
      await recordAll(tenant, await addConversation(tenant, null, [...messages], at));
    }

    const trend = await sentimentTrend({ tenantId: tenant, from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-05T00:00:00Z") });
    expect(trend.days.map((day) => day.day)).toEqual(["2026-03-02", "2026-03-03", "2026-03-04"]);
    expect(trend.days[0]).toMatchObject({ positive: 1, neutral: 0, negative: 1 });
    expect(trend.days[1]).toEqual({ day: "2026-03-03", average: null, positive: 0, neutral: 0, negative: 0 });
    expect(trend.days[2]).toMatchObject({ average: 0, neutral: 1 });
    expect(trend.totals).toMatchObject({ positive: 1, neutral: 1, negative: 1 });

    const otherWorkspace = await sentimentTrend({ tenantId: otherTenantId, from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-05T00:00:00Z") });
    expect(otherWorkspace.totals).toEqual({ positive: 0, neutral: 0, negative: 0, average: null });
  });
});

describe("customers", () => {
  it("searches by name, email or external id, and treats % and _ literally", async () => {
    const tenant = (await createTestTenant("Search")).tenantId;
    await addCustomer(tenant, { name: "Nora Stein", email: "nora@example.test" });
    await addCustomer(tenant, { name: "Omar", externalId: "crm_100%" });
    await addCustomer(tenant, { email: "pat@shop.test" });

    const search = async (q: string) => (await listCustomers({ tenantId: tenant, filters: customerFiltersFrom(new URLSearchParams({ q })) })).rows.map((row) => row.name ?? row.email);
    expect(await search("stein")).toEqual(["Nora Stein"]);
    expect(await search("SHOP.test")).toEqual(["pat@shop.test"]);
    expect(await search("100%")).toEqual(["Omar"]);
    expect(await search("_")).toEqual(["Omar"]);
    expect(await search("%")).toEqual(["Omar"]);
  });

  it("sorts by conversations and by sentiment, unscored customers last", async () => {
    const tenant = (await createTestTenant("Sort")).tenantId;
    await addCustomer(tenant, { name: "Quiet" });
    const busy = await addCustomer(tenant, { name: "Busy" });
    const cross = await addCustomer(tenant, { name: "Cross" });
    await recordAll(tenant, await addConversation(tenant, busy, ["Great, thanks!"]));
    await recordAll(tenant, await addConversation(tenant, busy, ["Lovely"]));
    await recordAll(tenant, await addConversation(tenant, cross, ["Terrible and broken"]));

    const names = async (sort: string) => (await listCustomers({ tenantId: tenant, filters: customerFiltersFrom(new URLSearchParams({ sort })) })).rows.map((row) => row.name);
    expect(await names("conversations")).toEqual(["Busy", "Cross", "Quiet"]);
    expect(await names("sentiment_low")).toEqual(["Cross", "Busy", "Quiet"]);
    expect(await names("sentiment_high")).toEqual(["Busy", "Cross", "Quiet"]);
  });

  it("pages through the list", async () => {
    const tenant = (await createTestTenant("Paging")).tenantId;
    await withTenant(tenant, async (em) => {
      for (let index = 0; index < 51; index += 1) em.create(EndUser, { tenant, name: `Customer ${index}` });
      await em.flush();
    });
    const first = await listCustomers({ tenantId: tenant, filters: customerFiltersFrom(new URLSearchParams()) });
    const second = await listCustomers({ tenantId: tenant, filters: customerFiltersFrom(new URLSearchParams({ page: "2" })) });
    expect([first.rows.length, first.hasNextPage, second.rows.length, second.hasNextPage]).toEqual([50, true, 1, false]);
  });

  it("shows a profile with conversations, escalation, rating and leads; another workspace gets a 404", async () => {
    const customerId = await addCustomer(tenantId, { name: "Rita", email: "rita@example.test", identityVerified: true });
    const conversation = await addConversation(tenantId, customerId, ["Could I get a quote?"]);
    const escalationId = await withTenant(tenantId, async (em) => {
      const escalation = em.create(Escalation, { tenant: tenantId, conversation: conversation.conversationId, endUser: customerId, trigger: "visitor_request", reason: "Asked for a human" });
      em.create(SurveyResponse, { tenant: tenantId, conversation: conversation.conversationId, endUser: customerId, rating: 4 });
      em.create(Lead, { tenant: tenantId, conversation: conversation.conversationId, endUser: customerId, email: "rita@example.test", intent: "Quote" });
      await em.flush();
      return escalation.id;
    });

    const profile = await getCustomerProfile({ tenantId, endUserId: customerId });
    expect(profile.customer).toMatchObject({ name: "Rita", identityVerified: true });
    expect(profile.conversations).toEqual([expect.objectContaining({ id: conversation.conversationId, escalated: true, escalationId, rating: 4, messageCount: 0 })]);
    expect(profile.leads).toEqual([expect.objectContaining({ intent: "Quote", status: "new" })]);

    const refused: unknown = await getCustomerProfile({ tenantId: otherTenantId, endUserId: customerId }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
    expect((await listCustomers({ tenantId: otherTenantId, filters: customerFiltersFrom(new URLSearchParams({ q: "Rita" })) })).rows).toEqual([]);
  });
});
