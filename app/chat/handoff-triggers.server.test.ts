import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AiPersonality, Conversation, EndUser, Escalation, Message, Tenant, User, WebhookDelivery, WebhookEndpoint, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { createSseParser } from "../../widget/src/api/sse";
import { agentsAvailable, ONLINE_WINDOW_MS, TEAM_OFFLINE, TEAM_ONLINE } from "../escalations/availability.server";
import { wallClock } from "../escalations/business-hours";
import { escalationSettings, WEEKDAYS, type EscalationSettings } from "../escalations/escalation-settings";
import { addDocuments } from "../knowledge/documents.server";
import { embeddingProviderFromEnv } from "../knowledge/embeddings/index.server";
import { runPendingJobs } from "../knowledge/worker.server";
import * as contactRoute from "../routes/api.widget.$publicId.contact";
import * as handoffRoute from "../routes/api.widget.$publicId.handoff";
import * as messagesRoute from "../routes/api.widget.$publicId.messages";
import * as sessionsRoute from "../routes/api.widget.$publicId.sessions";
import { HANDOFF_CONFIRMATION } from "./escalate.server";
import type { HandoffResponse, SessionResponse, StreamEvents } from "./widget-api";

useTestDatabase();

const APP = "http://app.test";
const SHOP = "https://shop.example";
const RETURNS = `# Returns and refunds

## Return window
You can return any unworn item within 30 days of delivery for a full refund. Print the free returns label from your account.`;

interface TestWidget {
  tenantId: string;
  ownerId: string;
  publicId: string;
}

async function createWidget(name: string, escalation: Partial<EscalationSettings> = {}, knowledge?: string): Promise<TestWidget> {
  const tenant = await createTestTenant(name);
  const publicId = `wgt_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withTenant(tenant.tenantId, async (em) => {
    const personality = em.create(AiPersonality, { tenant: tenant.tenantId, name: "Nora", isDefault: true });
    em.create(Widget, { tenant: tenant.tenantId, name: `${name} site`, publicId, personality, allowedOrigins: [SHOP], settings: {} });
  });
  await configure({ tenantId: tenant.tenantId }, escalation);
  if (knowledge) {
    await addDocuments({
      actor: { id: tenant.ownerId, tenant: { id: tenant.tenantId, name, slug: "" } },
      documents: [{ title: "returns.md", sourceType: "file", fileName: "returns.md", source: Buffer.from(knowledge) }],
    });
    await runPendingJobs({ embedder: embeddingProviderFromEnv(process.env) });
  }
  return { tenantId: tenant.tenantId, ownerId: tenant.ownerId, publicId };
}

async function configure(widget: Pick<TestWidget, "tenantId">, escalation: Partial<EscalationSettings>): Promise<void> {
  await withTenant(widget.tenantId, async (em) => {
    const tenant = await em.findOneOrFail(Tenant, { id: widget.tenantId });
    tenant.settings = { ...tenant.settings, escalation: { ...escalationSettings({}), ...escalation } };
  });
}

async function markSeen(widget: TestWidget, lastSeenAt: Date | null, role: User["role"] = "agent"): Promise<void> {
  await withTenant(widget.tenantId, async (em) => {
    em.assign(await em.findOneOrFail(User, { id: widget.ownerId }), { lastSeenAt, role });
  });
}

function request(path: string, init: { origin?: string; token?: string; body?: unknown } = {}) {
  const headers = new Headers({ "x-client-ip": `203.0.113.${Math.floor(Math.random() * 250)}`, Origin: init.origin ?? SHOP });
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`${APP}${path}`, { method: body === undefined ? "GET" : "POST", headers, body });
}

const args = (req: Request, params: Record<string, string>) => ({ request: req, params, context: { cspNonce: "" } });

async function startSession(widget: TestWidget, body: Record<string, unknown> = {}): Promise<SessionResponse> {
  const response = await sessionsRoute.action(args(request(`/api/widget/${widget.publicId}/sessions`, { body }), { publicId: widget.publicId }));
  expect(response.status).toBe(201);
  return response.json();
}

type ParsedEvent = { [Name in keyof StreamEvents]: { event: Name; data: StreamEvents[Name] } }[keyof StreamEvents];

async function send(widget: TestWidget, token: string, content: string): Promise<ParsedEvent[]> {
  const response = await messagesRoute.action(
    args(request(`/api/widget/${widget.publicId}/messages`, { token, body: { content, clientMessageId: randomUUID() } }), { publicId: widget.publicId }),
  );
  expect(response.status).toBe(200);
  const events: ParsedEvent[] = [];
  const parser = createSseParser(({ type, data }) => events.push({ event: type, data: JSON.parse(data) } as ParsedEvent));
  parser.push(await response.text());
  parser.end();
  return events;
}

const handoffOf = (events: ParsedEvent[]) => events.find((event): event is Extract<ParsedEvent, { event: "handoff" }> => event.event === "handoff")?.data;

async function askForPerson(widget: TestWidget, token: string): Promise<HandoffResponse> {
  const response = await handoffRoute.action(args(request(`/api/widget/${widget.publicId}/handoff`, { token, body: {} }), { publicId: widget.publicId }));
  expect(response.status).toBe(201);
  return response.json();
}

const escalationsOf = (widget: TestWidget, conversationId: string) => withTenant(widget.tenantId, (em) => em.find(Escalation, { conversation: conversationId }));

describe("keyword rules", () => {
  let shop: TestWidget;
  beforeAll(async () => {
    shop = await createWidget("Keywords", { keywordRules: [{ keyword: "refund", priority: "low" }, { keyword: "chargeback", priority: "urgent" }] });
  });

  it("hands a message with a keyword over at once, with the rule's priority, instead of answering", async () => {
    const session = await startSession(shop);
    const events = await send(shop, session.token, "Can I get a Refund?");
    expect(events.map((event) => event.event)).toEqual(["message", "handoff", "done"]);
    expect(handoffOf(events)).toMatchObject({ reason: "keyword_rule", message: HANDOFF_CONFIRMATION, availability: { agentsAvailable: false } });
    const escalations = await escalationsOf(shop, session.conversationId);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ trigger: "keyword_rule", priority: "low", status: "open" });
    expect(escalations[0].reason).toContain("refund");
    const answers = await withTenant(shop.tenantId, (em) => em.count(Message, { conversation: session.conversationId, role: "assistant" }));
    expect(answers).toBe(0);
  });

  it("does not hand over on another form of the word", async () => {
    const session = await startSession(shop);
    const events = await send(shop, session.token, "I was refunded last week, thanks");
    expect(handoffOf(events)?.reason).not.toBe("keyword_rule");
    expect(await escalationsOf(shop, session.conversationId)).toHaveLength(0);
  });

  it("raises the priority to high when the visitor says it is urgent, and never lowers a rule's", async () => {
    const urgent = await startSession(shop);
    await send(shop, urgent.token, "I need a refund ASAP");
    expect((await escalationsOf(shop, urgent.conversationId))[0]).toMatchObject({ trigger: "keyword_rule", priority: "high" });

    const chargeback = await startSession(shop);
    await send(shop, chargeback.token, "I will file a chargeback right now");
    expect((await escalationsOf(shop, chargeback.conversationId))[0]).toMatchObject({ priority: "urgent" });
  });

  it("opens one escalation when several triggers fire, keeping the rule's priority", async () => {
    const session = await startSession(shop);
    const events = await send(shop, session.token, "Chargeback! Let me talk to a person");
    expect(handoffOf(events)?.reason).toBe("visitor_request");
    await send(shop, session.token, "about my refund");
    await askForPerson(shop, session.token);
    const escalations = await escalationsOf(shop, session.conversationId);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ trigger: "visitor_request", priority: "urgent" });
    const notices = await withTenant(shop.tenantId, (em) => em.count(Message, { conversation: session.conversationId, role: "system" }));
    expect(notices).toBe(1);
  });
});

describe("priority and SLA", () => {
  const slaMinutes = { low: 600, normal: 120, high: 30, urgent: 5 };
  let shop: TestWidget;
  beforeAll(async () => {
    shop = await createWidget("SLA", { slaMinutes, keywordRules: [{ keyword: "lawsuit", priority: "urgent" }] });
    await withTenant(shop.tenantId, async (em) => {
      em.create(WebhookEndpoint, { tenant: shop.tenantId, url: "https://hooks.example/helpdesk", secret: "s".repeat(43), events: ["escalation.created"] });
    });
  });

  const minutesToDue = (escalation: Escalation) => (escalation.slaDueAt!.getTime() - escalation.createdAt.getTime()) / 60_000;

  it("is normal by default, due after the workspace's normal SLA", async () => {
    const session = await startSession(shop);
    await askForPerson(shop, session.token);
    const [escalation] = await escalationsOf(shop, session.conversationId);
    expect(escalation.priority).toBe("normal");
    expect(minutesToDue(escalation)).toBeCloseTo(slaMinutes.normal, 0);
  });

  it("is high when an earlier message sounded urgent; the webhook carries it", async () => {
    const session = await startSession(shop);
    await send(shop, session.token, "My card was charged twice for one order");
    const { escalationId } = await askForPerson(shop, session.token);
    const [escalation] = await escalationsOf(shop, session.conversationId);
    expect(escalation.priority).toBe("high");
    expect(minutesToDue(escalation)).toBeCloseTo(slaMinutes.high, 0);
    const delivery = await withTenant(shop.tenantId, (em) => em.find(WebhookDelivery, { tenant: shop.tenantId, event: "escalation.created" }));
    expect(delivery.find((row) => row.payload.escalationId === escalationId)?.payload).toMatchObject({ priority: "high", trigger: "visitor_request" });
  });

  it("takes an urgent rule's SLA", async () => {
    const session = await startSession(shop);
    await send(shop, session.token, "We are preparing a lawsuit");
    const [escalation] = await escalationsOf(shop, session.conversationId);
    expect(escalation.priority).toBe("urgent");
    expect(minutesToDue(escalation)).toBeCloseTo(slaMinutes.urgent, 0);
  });
});

describe("unsure answers", () => {
  let shop: TestWidget;
  beforeAll(async () => {
    shop = await createWidget("Unsure", {}, RETURNS);
  });

  it("only offers a person in offer mode", async () => {
    await configure(shop, { lowConfidence: "offer" });
    const session = await startSession(shop);
    const events = await send(shop, session.token, "Do you sell replacement parts for espresso machines?");
    const handoff = handoffOf(events);
    expect(handoff?.reason).toBe("not_covered");
    expect(handoff?.availability).toBeUndefined();
    expect(await escalationsOf(shop, session.conversationId)).toHaveLength(0);
  });

  it("hands over after the answer in handoff mode, saying who can reply", async () => {
    await configure(shop, { lowConfidence: "handoff" });
    await markSeen(shop, new Date());
    const session = await startSession(shop);
    const events = await send(shop, session.token, "Do you sell replacement parts for espresso machines?");
    expect(events.map((event) => event.event)).toContain("token");
    expect(handoffOf(events)).toEqual({
      reason: "not_covered",
      message: HANDOFF_CONFIRMATION,
      noticeId: expect.any(String),
      availability: { agentsAvailable: true, message: TEAM_ONLINE, askEmail: false },
    });
    const escalations = await escalationsOf(shop, session.conversationId);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ trigger: "low_confidence", priority: "normal" });
    const stored = await withTenant(shop.tenantId, (em) => em.find(Message, { conversation: session.conversationId }, { orderBy: { createdAt: "asc" } }));
    expect(stored.map((message) => message.role)).toEqual(["visitor", "assistant", "system"]);
    // The event names the stored notice, so the widget shows it once when it also arrives live.
    expect(handoffOf(events)?.noticeId).toBe(stored[2].id);
  });

  it("does not hand over an answered question in handoff mode", async () => {
    await configure(shop, { lowConfidence: "handoff" });
    const session = await startSession(shop);
    const events = await send(shop, session.token, "How many days do I have to return an item?");
    expect(handoffOf(events)).toBeUndefined();
    expect(await escalationsOf(shop, session.conversationId)).toHaveLength(0);
  });
});

describe("availability", () => {
  let shop: TestWidget;
  beforeAll(async () => {
    shop = await createWidget("Availability");
  });

  it("is available with a member who answers conversations seen in the last five minutes, within business hours", async () => {
    const settings = escalationSettings({});
    const now = new Date();
    const check = () => withTenant(shop.tenantId, (em) => agentsAvailable(em, shop.tenantId, settings, now));
    await markSeen(shop, null);
    expect(await check()).toBe(false);
    await markSeen(shop, new Date(now.getTime() - ONLINE_WINDOW_MS - 60_000));
    expect(await check()).toBe(false);
    await markSeen(shop, new Date(now.getTime() - 60_000), "viewer");
    expect(await check()).toBe(false);
    await markSeen(shop, new Date(now.getTime() - 60_000), "agent");
    expect(await check()).toBe(true);

    // Saturday 28 November 2026, 11:00 in Berlin: closed on weekends.
    const saturday = new Date("2026-11-28T10:00:00Z");
    await markSeen(shop, saturday);
    const weekdaysOnly = escalationSettings({ businessHours: { ...settings.businessHours, enabled: true, timezone: "Europe/Berlin" } });
    expect(await withTenant(shop.tenantId, (em) => agentsAvailable(em, shop.tenantId, weekdaysOnly, saturday))).toBe(false);
  });

  it("tells the visitor when the team is back outside business hours, and asks for an email", async () => {
    const today = wallClock(new Date(), "UTC").day;
    const tomorrow = WEEKDAYS[(WEEKDAYS.indexOf(today) + 1) % 7];
    const days = Object.fromEntries(WEEKDAYS.map((day) => [day, day === tomorrow ? { open: "09:00", close: "17:00" } : null])) as EscalationSettings["businessHours"]["days"];
    await configure(shop, { businessHours: { enabled: true, timezone: "UTC", days } });
    await markSeen(shop, new Date());
    const session = await startSession(shop);
    const { availability } = await askForPerson(shop, session.token);
    expect(availability).toEqual({ agentsAvailable: false, message: "Our team is back tomorrow at 09:00 (UTC).", askEmail: true });
  });

  it("asks for an email only when none is on file", async () => {
    await configure(shop, {});
    await markSeen(shop, null);
    const known = await startSession(shop, { email: "Ada@Example.com" });
    expect((await askForPerson(shop, known.token)).availability).toEqual({ agentsAvailable: false, message: TEAM_OFFLINE, askEmail: false });
    const anonymous = await startSession(shop);
    expect((await askForPerson(shop, anonymous.token)).availability.askEmail).toBe(true);
  });
});

describe("contact endpoint", () => {
  let shop: TestWidget;
  let other: TestWidget;
  beforeAll(async () => {
    shop = await createWidget("Contact");
    other = await createWidget("Other contact");
  });

  const postContact = (widget: TestWidget, token: string, body: unknown) =>
    contactRoute.action(args(request(`/api/widget/${widget.publicId}/contact`, { token, body }), { publicId: widget.publicId }));

  it("stores the email, lowercased, and the name on the visitor's end user; then stops asking for it", async () => {
    const session = await startSession(shop);
    expect((await askForPerson(shop, session.token)).availability.askEmail).toBe(true);
    const response = await postContact(shop, session.token, { email: "Grace.Hopper@Example.COM", name: "Grace" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SHOP);
    expect(await response.json()).toEqual({ saved: true });
    const conversation = await withTenant(shop.tenantId, (em) => em.findOneOrFail(Conversation, { id: session.conversationId }, { populate: ["endUser"] }));
    expect(conversation.endUser?.$).toMatchObject({ email: "grace.hopper@example.com", name: "Grace" });
    expect((await askForPerson(shop, session.token)).availability.askEmail).toBe(false);
  });

  it("creates and links an end user when the conversation has none, and gives it to the open escalation", async () => {
    const session = await startSession(shop);
    await withTenant(shop.tenantId, async (em) => {
      em.assign(await em.findOneOrFail(Conversation, { id: session.conversationId }), { endUser: null });
    });
    await askForPerson(shop, session.token);
    expect((await postContact(shop, session.token, { email: "lin@example.com" })).status).toBe(200);
    const conversation = await withTenant(shop.tenantId, (em) => em.findOneOrFail(Conversation, { id: session.conversationId }, { populate: ["endUser"] }));
    expect(conversation.endUser?.$.email).toBe("lin@example.com");
    const [escalation] = await escalationsOf(shop, session.conversationId);
    expect(escalation.endUser?.id).toBe(conversation.endUser?.id);
  });

  it("refuses a bad email naming the field, and another widget's session", async () => {
    const session = await startSession(shop);
    const bad = await postContact(shop, session.token, { email: "not-an-email" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe("email");
    const foreign = await postContact(other, session.token, { email: "ok@example.com" });
    expect(foreign.status).toBe(401);
    const endUsers = await withTenant(other.tenantId, (em) => em.count(EndUser, { email: "ok@example.com" }));
    expect(endUsers).toBe(0);
  });
});
