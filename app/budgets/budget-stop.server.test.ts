import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiPersonality, BudgetAlert, Message, Tenant, WebhookDelivery, WebhookEndpoint, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import type { SessionResponse } from "../chat/widget-api";
import { addDocuments } from "../knowledge/documents.server";
import { embeddingProviderFromEnv } from "../knowledge/embeddings/index.server";
import { runPendingJobs } from "../knowledge/worker.server";
import * as messagesRoute from "../routes/api.widget.$publicId.messages";
import * as sessionsRoute from "../routes/api.widget.$publicId.sessions";
import { startFakeModelServer, stopFakeModelServers } from "../testing/fake-model-server";
import { createSseParser } from "../../widget/src/api/sse";

useTestDatabase();

const SHOP = "https://shop.example";
const KNOWLEDGE = "# Returns\n\nYou can return any unworn item within 30 days of delivery for a full refund.";

/** An OpenAI-compatible model that answers every request with 1,000 prompt and 200 completion tokens ($0.00027 on gpt-4o-mini). */
let modelCalls = 0;
const previousBaseUrl = process.env.CHAT_API_BASE_URL;
let tenantId: string;
let publicId: string;

beforeAll(async () => {
  const provider = await startFakeModelServer((_request, response) => {
    modelCalls += 1;
    response.writeHead(200, { "Content-Type": "text/event-stream" });
    response.write(`data: ${JSON.stringify({ model: "gpt-4o-mini", choices: [{ index: 0, delta: { content: "You have 30 days [1]." } }] })}\n\n`);
    response.write(`data: ${JSON.stringify({ model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 1000, completion_tokens: 200 } })}\n\n`);
    response.end("data: [DONE]\n\n");
  });
  process.env.CHAT_API_BASE_URL = provider.baseUrl;

  const tenant = await createTestTenant("Thrifty");
  tenantId = tenant.tenantId;
  publicId = `wgt_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withTenant(tenantId, async (em) => {
    // Warn at half of $0.0005: the first answer ($0.00027) warns, the second ($0.00054) reaches the limit.
    (await em.findOneOrFail(Tenant, { id: tenantId })).settings = { monthlyBudgetUsd: 0.0005, budgetWarningPercent: 50 };
    const personality = em.create(AiPersonality, { tenant: tenantId, name: "Remote", isDefault: true, provider: "openai-compatible", model: "gpt-4o-mini" });
    em.create(Widget, { tenant: tenantId, name: "Shop", publicId, personality, allowedOrigins: [SHOP] });
    em.create(WebhookEndpoint, { tenant: tenantId, url: "https://hooks.example.test/budget", secret: randomUUID(), events: ["budget.threshold_crossed"] });
  });
  await addDocuments({
    actor: { id: tenant.ownerId, tenant: { id: tenantId, name: "Thrifty", slug: "" } },
    documents: [{ title: "returns.md", sourceType: "file", fileName: "returns.md", source: Buffer.from(KNOWLEDGE) }],
  });
  await runPendingJobs({ embedder: embeddingProviderFromEnv(process.env) });
});

afterAll(async () => {
  process.env.CHAT_API_BASE_URL = previousBaseUrl;
  await stopFakeModelServers();
});

function post(path: string, body: unknown, token?: string) {
  const headers = new Headers({ Origin: SHOP, "Content-Type": "application/json", "x-client-ip": "203.0.113.7" });
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return { request: new Request(`http://app.test${path}`, { method: "POST", headers, body: JSON.stringify(body) }), params: { publicId }, context: { cspNonce: "" } };
}

async function ask(token: string, content: string) {
  const response = await messagesRoute.action(post(`/api/widget/${publicId}/messages`, { content, clientMessageId: randomUUID() }, token));
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const parser = createSseParser(({ type, data }) => events.push({ event: type, data: JSON.parse(data) }));
  parser.push(await response.text());
  parser.end();
  return { text: events.filter((e) => e.event === "token").map((e) => e.data.text).join(""), handoff: events.find((e) => e.event === "handoff")?.data };
}

describe("the monthly limit in the chat engine", () => {
  it("warns, then stops calling the model at the limit and offers the visitor a person", async () => {
    const sessionResponse = await sessionsRoute.action(post(`/api/widget/${publicId}/sessions`, {}));
    const session = (await sessionResponse.json()) as SessionResponse;
    const severities = () => withTenant(tenantId, async (em) => (await em.find(BudgetAlert, { tenant: tenantId }, { orderBy: { thresholdPercent: "asc" } })).map((alert) => alert.severity));

    expect((await ask(session.token, "How many days do I have to return an item?")).text).toBe("You have 30 days [1].");
    expect(await severities()).toEqual(["warning"]);

    expect((await ask(session.token, "Within how many days of delivery can I return an unworn item?")).text).toBe("You have 30 days [1].");
    expect(await severities()).toEqual(["warning", "critical"]);
    expect(modelCalls).toBe(2);

    // The question the model answered first: only the limit keeps it from being asked again.
    const stopped = await ask(session.token, "How many days do I have to return an item?");
    expect(modelCalls).toBe(2);
    expect(stopped.text).toMatch(/unavailable/);
    expect(stopped.handoff).toMatchObject({ reason: "budget_exhausted", message: expect.stringMatching(/talk to a person/i) });

    const replies = await withTenant(tenantId, (em) => em.find(Message, { tenant: tenantId, role: "assistant" }, { orderBy: { createdAt: "asc" } }));
    expect(replies.map((reply) => reply.model)).toEqual(["gpt-4o-mini", "gpt-4o-mini", null]);
    const webhooks = await withTenant(tenantId, (em) => em.find(WebhookDelivery, { tenant: tenantId }, { orderBy: { createdAt: "asc" } }));
    expect(webhooks.map((delivery) => [delivery.event, delivery.payload.severity])).toEqual([
      ["budget.threshold_crossed", "warning"],
      ["budget.threshold_crossed", "critical"],
    ]);
  });
});
