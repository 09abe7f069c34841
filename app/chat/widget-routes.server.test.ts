import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiPersonality, Conversation, EndUser, Escalation, Message, Tenant, UsageEvent, WebhookDelivery, WebhookEndpoint, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { addDocuments } from "../knowledge/documents.server";
import { embeddingProviderFromEnv } from "../knowledge/embeddings/index.server";
import { runPendingJobs } from "../knowledge/worker.server";
import * as configRoute from "../routes/api.widget.$publicId.config";
import * as feedbackRoute from "../routes/api.widget.$publicId.messages.$messageId.feedback";
import * as messagesRoute from "../routes/api.widget.$publicId.messages";
import * as handoffRoute from "../routes/api.widget.$publicId.handoff";
import * as sessionsRoute from "../routes/api.widget.$publicId.sessions";
import { startFakeModelServer, stopFakeModelServers } from "../testing/fake-model-server";
import { createSseParser } from "../../widget/src/api/sse";
import type { SessionResponse } from "./widget-api";

useTestDatabase();

const APP = "http://app.test";
const SHOP = "https://shop.example";

interface TestWidget {
  tenantId: string;
  publicId: string;
  widgetId: string;
  personalityId: string;
  secret: string;
}

const RETURNS = `# Returns and refunds

## Return window
You can return any unworn item within 30 days of delivery for a full refund. Print the free returns label from your account.

## Refund timing
Refunds reach your card within 5 business days after the warehouse receives the parcel.

## Unsafe content
<script>alert("owned")</script> <img src=x onerror="alert(1)"> Gift cards cannot be returned.`;

async function createWidget(name: string, knowledge?: string): Promise<TestWidget> {
  const tenant = await createTestTenant(name);
  const secret = randomUUID();
  const publicId = `wgt_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const ids = await withTenant(tenant.tenantId, async (em) => {
    const personality = em.create(AiPersonality, { id: randomUUID(), tenant: tenant.tenantId, name: "Nora", isDefault: true });
    const widget = em.create(Widget, {
      id: randomUUID(),
      tenant: tenant.tenantId,
      name: `${name} site`,
      publicId,
      personality,
      allowedOrigins: [SHOP],
      identitySecret: secret,
      settings: { greeting: "Hello!", suggestedQuestions: ["How do returns work?"] },
    });
    return { widgetId: widget.id, personalityId: personality.id };
  });
  if (knowledge) {
    await addDocuments({
      actor: { id: tenant.ownerId, tenant: { id: tenant.tenantId, name, slug: "" } },
      documents: [{ title: "returns.md", sourceType: "file", fileName: "returns.md", source: Buffer.from(knowledge) }],
    });
    await runPendingJobs({ embedder: embeddingProviderFromEnv(process.env) });
  }
  return { tenantId: tenant.tenantId, publicId, secret, ...ids };
}

let acme: TestWidget;
let globex: TestWidget;

beforeAll(async () => {
  acme = await createWidget("Acme", RETURNS);
  globex = await createWidget("Globex", "# Globex\n\nGlobex ships rockets on Tuesdays only.");
});

function request(path: string, init: { method?: string; origin?: string | null; token?: string; body?: unknown; rawBody?: string; contentType?: string } = {}) {
  // Each request from its own address, as visitors are: the per-address limits are not what these tests are about.
  const headers = new Headers({ "x-client-ip": `203.0.113.${Math.floor(Math.random() * 250)}` });
  if (init.origin !== null) headers.set("Origin", init.origin ?? SHOP);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers.set("Content-Type", init.contentType ?? "application/json");
  return new Request(`${APP}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

const args = (req: Request, params: Record<string, string>) => ({ request: req, params, context: { cspNonce: "" } });

async function startSession(widget: TestWidget, body: Record<string, unknown> = {}): Promise<SessionResponse> {
  const response = await sessionsRoute.action(args(request(`/api/widget/${widget.publicId}/sessions`, { body }), { publicId: widget.publicId }));
  expect(response.status).toBe(201);
  return response.json();
}

interface ParsedEvent {
  event: string;
  data: Record<string, unknown>;
}

async function send(widget: TestWidget, token: string, content: string, clientMessageId = randomUUID()) {
  const response = await messagesRoute.action(
    args(request(`/api/widget/${widget.publicId}/messages`, { token, body: { content, clientMessageId } }), { publicId: widget.publicId }),
  );
  return { response, events: response.headers.get("Content-Type")?.startsWith("text/event-stream") ? parseEvents(await response.text()) : [] };
}

function parseEvents(text: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  const parser = createSseParser(({ type, data }) => events.push({ event: type, data: JSON.parse(data) }));
  parser.push(text);
  parser.end();
  return events;
}

const answerText = (events: ParsedEvent[]) => events.filter((e) => e.event === "token").map((e) => e.data.text).join("");

describe("widget config and CORS", () => {
  it("serves the config to an allowed origin, echoing only that origin", async () => {
    const response = await configRoute.loader(args(request(`/api/widget/${acme.publicId}/config`), { publicId: acme.publicId }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SHOP);
    expect(response.headers.get("Vary")).toContain("Origin");
    const config = await response.json();
    expect(config).toMatchObject({ publicId: acme.publicId, greeting: "Hello!", suggestedQuestions: ["How do returns work?"] });
    expect(JSON.stringify(config)).not.toContain(acme.secret);
  });

  it("answers a preflight from an allowed origin and refuses one from elsewhere", async () => {
    const preflight = await configRoute.loader(args(request(`/api/widget/${acme.publicId}/config`, { method: "OPTIONS" }), { publicId: acme.publicId }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    const foreign = await configRoute.loader(
      args(request(`/api/widget/${acme.publicId}/config`, { method: "OPTIONS", origin: "https://evil.example" }), { publicId: acme.publicId }),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await foreign.json()).error.code).toBe("origin_not_allowed");
  });

  it("allows the app's own origin (preview and demo page) and requests without Origin", async () => {
    for (const origin of [APP, null]) {
      const response = await configRoute.loader(args(request(`/api/widget/${acme.publicId}/config`, { origin }), { publicId: acme.publicId }));
      expect(response.status).toBe(200);
    }
  });

  it("names an unknown or disabled widget", async () => {
    const unknown = await configRoute.loader(args(request(`/api/widget/wgt_doesnotexist/config`), { publicId: "wgt_doesnotexist" }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("widget_not_found");
    const injected = await configRoute.loader(args(request(`/api/widget/x/config`), { publicId: "' or 1=1 --" }));
    expect(injected.status).toBe(404);

    const disabled = await createWidget("Disabled");
    await withTenant(disabled.tenantId, async (em) => {
      (await em.findOneOrFail(Widget, { id: disabled.widgetId })).isActive = false;
    });
    const response = await configRoute.loader(args(request(`/api/widget/${disabled.publicId}/config`), { publicId: disabled.publicId }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("widget_disabled");
  });
});

describe("sessions", () => {
  it("issues a random token stored only as a hash, and resumes with it", async () => {
    const session = await startSession(acme);
    expect(session.token).toMatch(/^[\w-]{43}$/);
    const stored = await withTenant(acme.tenantId, (em) => em.findOneOrFail(Conversation, { id: session.conversationId }));
    expect(stored.sessionTokenHash).not.toContain(session.token);
    expect(stored.sessionTokenHash).toHaveLength(64);

    const resumed = await sessionsRoute.action(
      args(request(`/api/widget/${acme.publicId}/sessions`, { body: { token: session.token } }), { publicId: acme.publicId }),
    );
    expect(resumed.status).toBe(200);
    expect((await resumed.json()).conversationId).toBe(session.conversationId);
  });

  it("refuses a missing, forged or expired token", async () => {
    const session = await startSession(acme);
    const history = (token?: string) =>
      messagesRoute.loader(args(request(`/api/widget/${acme.publicId}/messages`, { token }), { publicId: acme.publicId }));
    expect((await (await history()).json()).error.code).toBe("session_required");
    const forged = await history("A".repeat(43));
    expect(forged.status).toBe(401);
    expect((await history(session.token)).status).toBe(200);
    await withTenant(acme.tenantId, async (em) => {
      (await em.findOneOrFail(Conversation, { id: session.conversationId })).sessionExpiresAt = new Date(Date.now() - 1000);
    });
    const expired = await history(session.token);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe("session_invalid");
  });

  it("recognises a signed-in customer only with a valid signature", async () => {
    const userHash = createHmac("sha256", acme.secret).update("customer-42").digest("hex");
    const session = await startSession(acme, { userId: "customer-42", userHash, email: "Pat@Example.com" });
    const endUser = await withTenant(acme.tenantId, async (em) => {
      const conversation = await em.findOneOrFail(Conversation, { id: session.conversationId }, { populate: ["endUser"] });
      return conversation.endUser!.$;
    });
    expect(endUser).toMatchObject({ externalId: "customer-42", identityVerified: true, email: "pat@example.com" });

    const forged = await sessionsRoute.action(
      args(request(`/api/widget/${acme.publicId}/sessions`, { body: { userId: "customer-42", userHash: "0".repeat(64) } }), { publicId: acme.publicId }),
    );
    expect(forged.status).toBe(403);
    expect((await forged.json()).error).toMatchObject({ code: "identity_not_verified", field: "userHash" });
    const count = await withTenant(acme.tenantId, (em) => em.count(EndUser, { externalId: "customer-42" }));
    expect(count).toBe(1);
  });

  it("validates the body and names the field", async () => {
    const post = (rawBody: string, contentType = "application/json") =>
      sessionsRoute.action(args(request(`/api/widget/${acme.publicId}/sessions`, { rawBody, contentType }), { publicId: acme.publicId }));
    const invalidJson = await post("{nope");
    expect((await invalidJson.json()).error.code).toBe("invalid_json");
    const badEmail = await post(JSON.stringify({ email: "not-an-email" }));
    expect(badEmail.status).toBe(400);
    expect((await badEmail.json()).error.field).toBe("email");
    const unknownKey = await post(JSON.stringify({ tenantId: globex.tenantId }));
    expect(unknownKey.status).toBe(400);
    expect((await post("{}", "text/plain")).status).toBe(415);
  });
});

describe("messages", () => {
  it("streams a cited answer from the knowledge base and stores both turns", async () => {
    const session = await startSession(acme);
    const { response, events } = await send(acme, session.token, "How many days do I have to return an item?");
    expect(response.headers.get("Cache-Control")).toContain("no-transform");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SHOP);
    expect(events[0].event).toBe("message");
    expect(events.filter((e) => e.event === "token").length).toBeGreaterThan(1);
    expect(answerText(events)).toMatch(/30 days/);
    const citations = events.find((e) => e.event === "citations")!.data.citations as { title: string; index: number }[];
    expect(citations[0].title).toMatch(/Returns/);
    const done = events.at(-1)!;
    expect(done.event).toBe("done");

    const stored = await withTenant(acme.tenantId, (em) =>
      em.find(Message, { conversation: session.conversationId }, { orderBy: { createdAt: "asc" } }),
    );
    expect(stored.map((message) => message.role)).toEqual(["visitor", "assistant"]);
    expect(stored[1].id).toBe(done.data.messageId);
    expect(stored[1].content).toBe(answerText(events));
    expect(stored[1].citations[0]).toMatchObject({ title: citations[0].title, index: citations[0].index });
  });

  it("says it does not know, and offers a person, when the knowledge does not cover the question", async () => {
    const session = await startSession(acme);
    const { events } = await send(acme, session.token, "Do you sell replacement parts for espresso machines?");
    expect(answerText(events)).toMatch(/could not find|talk to a person/i);
    expect(events.find((e) => e.event === "handoff")?.data.reason).toBe("not_covered");
    expect(events.some((e) => e.event === "citations")).toBe(false);
  });

  it("replays the stored answer when the same message is sent again", async () => {
    const session = await startSession(acme);
    const clientMessageId = randomUUID();
    const first = await send(acme, session.token, "How long do refunds take?", clientMessageId);
    const again = await send(acme, session.token, "How long do refunds take?", clientMessageId);
    expect(answerText(again.events)).toBe(answerText(first.events));
    expect(again.events.at(-1)!.data.messageId).toBe(first.events.at(-1)!.data.messageId);
    const count = await withTenant(acme.tenantId, (em) => em.count(Message, { conversation: session.conversationId }));
    expect(count).toBe(2);
  });

  it("never turns markup from the knowledge base into anything but text", async () => {
    const session = await startSession(acme);
    const { events } = await send(acme, session.token, "Can gift cards be returned?");
    const text = answerText(events);
    expect(text).toMatch(/Gift cards cannot be returned/);
    // The widget renders text only; here the point is that the engine adds no markup of its own.
    expect(text).not.toMatch(/<(?!script|img)[a-z]/i);
  });

  it("refuses an empty, huge or malformed message without losing the conversation", async () => {
    const session = await startSession(acme);
    const empty = await send(acme, session.token, "   ");
    expect(empty.response.status).toBe(400);
    expect((await empty.response.json()).error.field).toBe("content");
    const huge = await send(acme, session.token, "x".repeat(100_000));
    expect(huge.response.status).toBe(413);
    const tooLong = await send(acme, session.token, "y".repeat(4001));
    expect(tooLong.response.status).toBe(400);
    const noId = await messagesRoute.action(
      args(request(`/api/widget/${acme.publicId}/messages`, { token: session.token, body: { content: "hi" } }), { publicId: acme.publicId }),
    );
    expect((await noId.json()).error.field).toBe("clientMessageId");
    expect((await send(acme, session.token, "How do refunds work?")).response.status).toBe(200);
  });

  it("rate limits a flood of messages in one session with 429 and Retry-After", async () => {
    const session = await startSession(acme);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 14; i++) {
      const { response } = await send(acme, session.token, `Question number ${i} about refunds`);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("Retry-After");
    }
    expect(statuses.slice(0, 12).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("stops model calls when the monthly budget is spent and offers a person", async () => {
    const broke = await createWidget("Broke", RETURNS);
    await withTenant(broke.tenantId, async (em) => {
      (await em.findOneOrFail(Tenant, { id: broke.tenantId })).settings = { monthlyBudgetUsd: 5 };
      em.create(UsageEvent, { tenant: broke.tenantId, service: "chat", provider: "openai-compatible", model: "gpt-4o-mini", costUsd: 5.5 });
    });
    const session = await startSession(broke);
    const { events } = await send(broke, session.token, "How many days do I have to return an item?");
    expect(answerText(events)).toMatch(/unavailable/);
    expect(events.find((e) => e.event === "handoff")?.data.reason).toBe("budget_exhausted");
    expect(answerText(events)).not.toMatch(/30 days/);
  });

  it("stays silent while an agent owns the conversation", async () => {
    const session = await startSession(acme);
    await withTenant(acme.tenantId, async (em) => {
      em.create(Escalation, { tenant: acme.tenantId, conversation: session.conversationId, trigger: "visitor_request", status: "assigned" });
    });
    const { events } = await send(acme, session.token, "How long do refunds take?");
    expect(events.map((e) => e.event)).toEqual(["message", "handoff", "done"]);
    expect(events[1].data.reason).toBe("human_active");
  });
});

describe("a remote model (OpenAI-compatible, over HTTP)", () => {
  let behaviour: "answer" | "no-answer" | "error" | "garbage" | "silent" = "answer";
  let lastPrompt: { role: string; content: string }[] = [];
  const previous = { url: process.env.CHAT_API_BASE_URL, timeout: process.env.CHAT_TIMEOUT_MS };

  beforeAll(async () => {
    const provider = await startFakeModelServer<{ messages: { role: string; content: string }[] }>((request, response) => {
      lastPrompt = request.body.messages;
      if (behaviour === "silent") return; // never answers: the client's timeout must end it
      if (behaviour === "answer" || behaviour === "no-answer") {
        const pieces = behaviour === "answer" ? ["You have ", "30 days ", "to return it [1]."] : ["NO_", "ANSWER"];
        response.writeHead(200, { "Content-Type": "text/event-stream" });
        for (const content of pieces) response.write(`data: ${JSON.stringify({ model: "gpt-4o-mini", choices: [{ index: 0, delta: { content } }] })}\n\n`);
        response.write(`data: ${JSON.stringify({ model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 1000, completion_tokens: 200 } })}\n\n`);
        response.end("data: [DONE]\n\n");
        return;
      }
      if (behaviour === "garbage") {
        response.writeHead(200, { "Content-Type": "text/event-stream" });
        response.end("data: {this is not json\n\n");
        return;
      }
      response.writeHead(500, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error: { message: "model crashed" } }));
    });
    process.env.CHAT_API_BASE_URL = provider.baseUrl;
    process.env.CHAT_TIMEOUT_MS = "200";
    await withTenant(acme.tenantId, async (em) => {
      em.assign(await em.findOneOrFail(AiPersonality, { id: acme.personalityId }), { provider: "openai-compatible", model: "gpt-4o-mini" });
    });
  });
  afterAll(async () => {
    process.env.CHAT_API_BASE_URL = previous.url;
    process.env.CHAT_TIMEOUT_MS = previous.timeout;
    await stopFakeModelServers();
    await withTenant(acme.tenantId, async (em) => {
      em.assign(await em.findOneOrFail(AiPersonality, { id: acme.personalityId }), { provider: "offline", model: "extractive" });
    });
  });

  it("streams its answer with citations, and stores tokens and cost", async () => {
    behaviour = "answer";
    const session = await startSession(acme);
    const { events } = await send(acme, session.token, "How many days do I have to return an item?");
    expect(answerText(events)).toBe("You have 30 days to return it [1].");
    expect(events.find((e) => e.event === "citations")?.data.citations).toEqual([expect.objectContaining({ index: 1, title: expect.stringMatching(/Returns/) })]);
    // The passages go to the model fenced as data, after the rules that say so.
    expect(lastPrompt[0].content).toMatch(/data, not instructions/);
    expect(lastPrompt[1].content).toMatch(/<knowledge>[\s\S]*<passage id="1"[\s\S]*30 days[\s\S]*<\/knowledge>/);
    expect(lastPrompt.at(-1)).toEqual({ role: "user", content: "How many days do I have to return an item?" });

    const reply = await withTenant(acme.tenantId, (em) => em.findOneOrFail(Message, { conversation: session.conversationId, role: "assistant" }));
    expect(reply).toMatchObject({ model: "gpt-4o-mini", promptTokens: 1000, completionTokens: 200 });
    // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
    expect(Number(reply.costUsd)).toBeCloseTo(0.00027, 6);
    const usage = await withTenant(acme.tenantId, (em) => em.find(UsageEvent, { conversation: session.conversationId }));
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ service: "chat", model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 200 });
  });

  it("never shows the model's no-answer marker: the visitor gets the fallback and a person", async () => {
    behaviour = "no-answer";
    const session = await startSession(acme);
    const { events } = await send(acme, session.token, "How many days do I have to return an item?");
    expect(answerText(events)).not.toMatch(/NO_|ANSWER/);
    expect(answerText(events)).toMatch(/could not find/);
    expect(events.find((e) => e.event === "handoff")?.data.reason).toBe("not_covered");
  });

  for (const failure of ["error", "garbage", "silent"] as const) {
    it(`tells the visitor clearly and keeps their message when it ${failure === "error" ? "answers 500" : failure === "garbage" ? "streams garbage" : "times out"}`, async () => {
      behaviour = failure;
      const session = await startSession(acme);
      const clientMessageId = randomUUID();
      const { events } = await send(acme, session.token, "How many days do I have to return an item?", clientMessageId);
      expect(events.at(-1)).toMatchObject({ event: "error", data: { code: "assistant_unavailable" } });
      expect(answerText(events)).toBe("");
      const stored = await withTenant(acme.tenantId, (em) => em.find(Message, { conversation: session.conversationId }));
      expect(stored.map((message) => [message.role, message.content])).toEqual([["visitor", "How many days do I have to return an item?"]]);

      // Retry (same message id) asks again rather than waiting for an answer that will never come.
      const retried = await send(acme, session.token, "How many days do I have to return an item?", clientMessageId);
      expect(retried.events.at(-1)!.event).toBe("error");
    });
  }
});

describe("feedback, handoff and isolation", () => {
  it("records helpful / not helpful on the visitor's own answer only", async () => {
    const session = await startSession(acme);
    const { events } = await send(acme, session.token, "How long do refunds take?");
    const messageId = events.at(-1)!.data.messageId as string;
    const vote = (widget: TestWidget, token: string, feedback: string | null) =>
      feedbackRoute.action(
        args(request(`/api/widget/${widget.publicId}/messages/${messageId}/feedback`, { token, body: { feedback } }), {
          publicId: widget.publicId,
          messageId,
        }),
      );
    expect((await vote(acme, session.token, "not_helpful")).status).toBe(200);
    const stored = await withTenant(acme.tenantId, (em) => em.findOneOrFail(Message, { id: messageId }));
    expect(stored.feedback).toBe("not_helpful");
    expect((await vote(acme, session.token, "brilliant")).status).toBe(400);

    const otherVisitor = await startSession(acme);
    expect((await vote(acme, otherVisitor.token, "helpful")).status).toBe(404);
    const otherTenant = await startSession(globex);
    expect((await vote(globex, otherTenant.token, "helpful")).status).toBe(404);
    expect((await vote(globex, session.token, "helpful")).status).toBe(401);
  });

  it("opens one escalation however often a person is asked for, and tells the workspace's webhook once", async () => {
    await withTenant(acme.tenantId, async (em) => {
      em.create(WebhookEndpoint, { tenant: acme.tenantId, url: "https://hooks.example/helpdesk", secret: "s".repeat(43), events: ["escalation.created"] });
    });
    const session = await startSession(acme);
    const ask = () =>
      handoffRoute.action(args(request(`/api/widget/${acme.publicId}/handoff`, { token: session.token, body: { reason: "Parcel lost" } }), { publicId: acme.publicId }));
    const [first, second] = await Promise.all([ask(), ask()]);
    expect(first.status).toBe(201);
    expect((await first.json()).escalationId).toBe((await second.json()).escalationId);
    const escalations = await withTenant(acme.tenantId, (em) => em.find(Escalation, { conversation: session.conversationId }));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ trigger: "visitor_request", status: "open", reason: "Parcel lost" });
    const conversation = await withTenant(acme.tenantId, (em) => em.findOneOrFail(Conversation, { id: session.conversationId }));
    expect(conversation.status).toBe("escalated");
    const deliveries = await withTenant(acme.tenantId, (em) => em.find(WebhookDelivery, { tenant: acme.tenantId, event: "escalation.created" }));
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].payload).toMatchObject({ escalationId: escalations[0].id, conversationId: session.conversationId, trigger: "visitor_request" });
  });

  it("hands over when the visitor asks for a person in words, instead of answering", async () => {
    const session = await startSession(acme);
    const { events } = await send(acme, session.token, "Can I talk to a human please?");
    expect(events.map((e) => e.event)).toEqual(["message", "handoff", "done"]);
    expect(events[1].data.reason).toBe("visitor_request");
    const escalation = await withTenant(acme.tenantId, (em) => em.findOneOrFail(Escalation, { conversation: session.conversationId }));
    expect(escalation).toMatchObject({ trigger: "visitor_request", reason: "Can I talk to a human please?" });
    const answers = await withTenant(acme.tenantId, (em) => em.count(Message, { conversation: session.conversationId, role: "assistant" }));
    expect(answers).toBe(0);
  });

  it("hands over after two answers marked not helpful", async () => {
    const session = await startSession(acme);
    const vote = async (question: string) => {
      const { events } = await send(acme, session.token, question);
      const messageId = events.at(-1)!.data.messageId as string;
      await feedbackRoute.action(
        args(request(`/api/widget/${acme.publicId}/messages/${messageId}/feedback`, { token: session.token, body: { feedback: "not_helpful" } }), {
          publicId: acme.publicId,
          messageId,
        }),
      );
    };
    const escalations = () => withTenant(acme.tenantId, (em) => em.find(Escalation, { conversation: session.conversationId }));
    await vote("How long do refunds take?");
    expect(await escalations()).toHaveLength(0);
    await vote("How many days do I have to return an item?");
    const [escalation] = await escalations();
    expect(escalation).toMatchObject({ trigger: "negative_feedback", status: "open" });
  });

  it("a token never opens another tenant's conversation", async () => {
    const session = await startSession(acme);
    const response = await messagesRoute.loader(args(request(`/api/widget/${globex.publicId}/messages`, { token: session.token }), { publicId: globex.publicId }));
    expect(response.status).toBe(401);
    const globexSession = await startSession(globex);
    const { events } = await send(globex, globexSession.token, "How many days do I have to return an item?");
    expect(answerText(events)).not.toMatch(/30 days/);
  });
});
