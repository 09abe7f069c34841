import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiPersonality, Escalation, Message, SurveyResponse, User, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { createSseParser, type ServerSentEvent } from "../../widget/src/api/sse";
import { announceMessage } from "../escalations/announce.server";
import { stopLiveHub } from "../live/live-hub.server";
import * as eventsRoute from "../routes/api.widget.$publicId.events";
import * as ratingRoute from "../routes/api.widget.$publicId.rating";
import * as sessionsRoute from "../routes/api.widget.$publicId.sessions";
import { handoffState } from "./sessions.server";
import type { LiveVisitorEvents, SessionResponse } from "./widget-api";

useTestDatabase();
afterAll(() => stopLiveHub());

const APP = "http://app.test";
const SHOP = "https://shop.example";

interface TestWidget {
  tenantId: string;
  publicId: string;
  agentId: string;
}

async function createWidget(name: string): Promise<TestWidget> {
  const tenant = await createTestTenant(name);
  const publicId = `wgt_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const agentId = await withTenant(tenant.tenantId, async (em) => {
    const personality = em.create(AiPersonality, { tenant: tenant.tenantId, name: "Nora", isDefault: true });
    em.create(Widget, { tenant: tenant.tenantId, name: `${name} site`, publicId, personality, allowedOrigins: [SHOP] });
    const agent = em.create(User, {
      tenant: tenant.tenantId,
      email: `alex-${randomUUID().slice(0, 8)}@example.test`,
      name: "Alex",
      passwordHash: "scrypt$unusable",
      role: "agent",
    });
    await em.flush();
    return agent.id;
  });
  return { tenantId: tenant.tenantId, publicId, agentId };
}

let acme: TestWidget;
let globex: TestWidget;

beforeAll(async () => {
  acme = await createWidget("Acme");
  globex = await createWidget("Globex");
});

function request(path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  const headers = new Headers({ Origin: SHOP, "x-client-ip": `203.0.113.${Math.floor(Math.random() * 250)}`, ...init.headers });
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`${APP}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body, signal: init.signal });
}

const args = (req: Request, params: Record<string, string>) => ({ request: req, params, context: { cspNonce: "" } });

async function startSession(widget: TestWidget): Promise<SessionResponse> {
  const response = await sessionsRoute.action(args(request(`/api/widget/${widget.publicId}/sessions`, { body: {} }), { publicId: widget.publicId }));
  expect(response.status).toBe(201);
  return response.json();
}

function openEvents(widget: TestWidget, token: string | undefined, query: string, init: { headers?: Record<string, string>; signal?: AbortSignal; method?: string } = {}) {
  return eventsRoute.loader(args(request(`/api/widget/${widget.publicId}/events${query}`, { token, ...init }), { publicId: widget.publicId }));
}

/** An agent's reply (or internal note), stored and announced the way the inbox does it. */
async function agentWrites(widget: TestWidget, conversationId: string, content: string, role: "agent" | "note" = "agent"): Promise<string> {
  return withTenant(widget.tenantId, async (em) => {
    const message = em.create(Message, { tenant: widget.tenantId, conversation: conversationId, role, author: widget.agentId, content });
    await em.flush();
    await em.populate(message, ["author"]);
    await announceMessage(em, widget.tenantId, message);
    return message.id;
  });
}

/** Reads the stream until `enough` says so (or it ends, or 10 s pass), then lets go of it. */
async function readEventsUntil(response: Response, enough: (events: ServerSentEvent[]) => boolean): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const timeout = setTimeout(() => void reader.cancel(), 10_000);
  try {
    while (!enough(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
  } finally {
    clearTimeout(timeout);
    await reader.cancel();
  }
  return events;
}

const messageOf = (event: ServerSentEvent) => (JSON.parse(event.data) as LiveVisitorEvents["message"]).message;

describe("GET /api/widget/:publicId/events", () => {
  it("requires the visitor's session token", async () => {
    expect((await openEvents(acme, undefined, "")).status).toBe(401);
    const forged = await openEvents(acme, "A".repeat(43), "");
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe("session_invalid");
  });

  it("refuses a token of another widget's (and tenant's) conversation", async () => {
    const session = await startSession(acme);
    const response = await openEvents(globex, session.token, "");
    expect(response.status).toBe(401);
  });

  it("allows the Last-Event-ID header in a preflight", async () => {
    const preflight = await openEvents(acme, undefined, "", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toMatch(/Last-Event-ID/);
  });

  it("names Last-Event-ID when the cursor is not one", async () => {
    const session = await startSession(acme);
    const response = await openEvents(acme, session.token, "", { headers: { "Last-Event-ID": "yesterday" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "invalid_cursor", field: "Last-Event-ID" });
  });

  it("streams an agent's reply with their name, never an internal note, and resumes after Last-Event-ID without repeating", async () => {
    const session = await startSession(acme);
    const abort = new AbortController();
    const response = await openEvents(acme, session.token, `?after=${session.liveCursor}`, { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(SHOP);

    await agentWrites(acme, session.conversationId, "Only for the team: refund approved", "note");
    const firstId = await agentWrites(acme, session.conversationId, "Hi, I'm looking at your order now.");
    const live = await readEventsUntil(response, (events) => events.length >= 1);
    abort.abort();
    expect(live).toHaveLength(1);
    expect(live[0].type).toBe("message");
    expect(messageOf(live[0])).toMatchObject({ id: firstId, role: "agent", authorName: "Alex", content: "Hi, I'm looking at your order now." });
    expect(live[0].id).toMatch(/^\d+-\d+$/);

    // Away for a while: another note and reply; the reconnect gets the reply only, and nothing from before.
    await agentWrites(acme, session.conversationId, "Customer seems upset", "note");
    const secondId = await agentWrites(acme, session.conversationId, "It ships tomorrow.");
    const resumed = new AbortController();
    const again = await openEvents(acme, session.token, `?after=${session.liveCursor}`, { headers: { "Last-Event-ID": live[0].id }, signal: resumed.signal });
    const missed = await readEventsUntil(again, (events) => events.length >= 1);
    resumed.abort();
    expect(missed.map((event) => messageOf(event).id)).toEqual([secondId]);
    expect(JSON.stringify([...live, ...missed])).not.toMatch(/team|upset/);
  });

  it("streams only the visitor's own conversation", async () => {
    const mine = await startSession(acme);
    const theirs = await startSession(acme);
    const abort = new AbortController();
    const response = await openEvents(acme, mine.token, `?after=${mine.liveCursor}`, { signal: abort.signal });
    await agentWrites(acme, theirs.conversationId, "For someone else");
    const ownId = await agentWrites(acme, mine.conversationId, "For you");
    const events = await readEventsUntil(response, (received) => received.length >= 1);
    abort.abort();
    expect(events.map((event) => messageOf(event).id)).toEqual([ownId]);
  });
});

describe("POST /api/widget/:publicId/rating", () => {
  async function escalate(widget: TestWidget, conversationId: string, status: Escalation["status"]): Promise<string> {
    return withTenant(widget.tenantId, async (em) => {
      const escalation = em.create(Escalation, { tenant: widget.tenantId, conversation: conversationId, trigger: "visitor_request", status });
      await em.flush();
      return escalation.id;
    });
  }

  const rate = (widget: TestWidget, token: string, body: unknown) =>
    ratingRoute.action(args(request(`/api/widget/${widget.publicId}/rating`, { token, body }), { publicId: widget.publicId }));

  it("stores one rating of the resolved handover, then stops asking", async () => {
    const session = await startSession(acme);
    const escalationId = await escalate(acme, session.conversationId, "resolved");
    expect((await withTenant(acme.tenantId, (em) => handoffState(em, session.conversationId)))?.ratingRequested).toBe(true);

    const response = await rate(acme, session.token, { rating: 4, comment: "  Quick and kind  " });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ saved: true });
    const stored = await withTenant(acme.tenantId, (em) => em.find(SurveyResponse, { conversation: session.conversationId }));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ rating: 4, comment: "Quick and kind" });
    expect(stored[0].escalation?.id).toBe(escalationId);
    expect((await withTenant(acme.tenantId, (em) => handoffState(em, session.conversationId)))?.ratingRequested).toBe(false);

    const again = await rate(acme, session.token, { rating: 1 });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("already_rated");
  });

  it("keeps the first of two ratings sent at once", async () => {
    const session = await startSession(acme);
    await escalate(acme, session.conversationId, "resolved");
    const statuses = (await Promise.all([rate(acme, session.token, { rating: 5 }), rate(acme, session.token, { rating: 2 })])).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409]);
    expect(await withTenant(acme.tenantId, (em) => em.count(SurveyResponse, { conversation: session.conversationId }))).toBe(1);
  });

  it("refuses a rating before the handover is resolved, or without one", async () => {
    const session = await startSession(acme);
    const none = await rate(acme, session.token, { rating: 5 });
    expect(none.status).toBe(409);
    expect((await none.json()).error.code).toBe("not_resolved");
    await escalate(acme, session.conversationId, "assigned");
    const assigned = await rate(acme, session.token, { rating: 5 });
    expect(assigned.status).toBe(409);
    expect((await assigned.json()).error.code).toBe("not_resolved");
  });

  it("names `rating` when it is not a whole number from 1 to 5", async () => {
    const session = await startSession(acme);
    await escalate(acme, session.conversationId, "resolved");
    for (const rating of [0, 6, 2.5, "5"]) {
      const response = await rate(acme, session.token, { rating });
      expect(response.status).toBe(400);
      expect((await response.json()).error.field).toBe("rating");
    }
  });

  it("needs the session's token and refuses another tenant's", async () => {
    const session = await startSession(acme);
    await escalate(acme, session.conversationId, "resolved");
    expect((await rate(acme, "", { rating: 5 })).status).toBe(401);
    expect((await rate(globex, session.token, { rating: 5 })).status).toBe(401);
  });
});
