import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyticsUsageDaily, UsageEvent, Widget } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { recheckOpenGaps } from "../analytics/questions/gap-recheck.server";
import { askQuestion } from "../analytics/questions/questions.fixture";
import type { SessionResponse } from "../chat/widget-api";
import * as messagesRoute from "../routes/api.widget.$publicId.messages";
import * as sessionsRoute from "../routes/api.widget.$publicId.sessions";
import { sendJson, startFakeModelServer, stopFakeModelServers } from "../testing/fake-model-server";
import { createSseParser } from "../../widget/src/api/sse";
import { addDocuments } from "./documents.server";
import { createOfflineEmbedder } from "./embeddings/offline.server";
import { createOpenAiCompatibleEmbedder } from "./embeddings/openai-compatible.server";
import type { EmbeddingProvider } from "./embeddings/provider";
import { retrieve } from "./retrieval.server";
import { runPendingJobs } from "./worker.server";

useTestDatabase();

const SHOP = "https://shop.example";
const MODEL = "text-embedding-3-small";
const DIMENSIONS = 8;
/** The fake model bills 1,000 tokens a text: $0.00002 at text-embedding-3-small's $0.02 per million. */
const TOKENS_PER_TEXT = 1_000;
const COST_PER_TEXT = 0.00002;

const GUIDE = `# Returns guide

## Return window
You can return any item within 30 days of delivery.

## Refund timing
Refunds reach your card within 5 business days.

## Error codes
If the label printer shows ERR-7781, restart the printer.`;

/** An OpenAI-compatible POST /embeddings over real HTTP, remembering the prompt tokens it reported for each request. */
let baseUrl: string;
const reportedTokens: number[] = [];
const previousEnv = { ...process.env };

/** A vector that depends on the text's letters, so that it is never zero. */
function fakeEmbedding(text: string): number[] {
  const vector = Array.from({ length: DIMENSIONS }, () => 1);
  for (const char of text.toLowerCase()) vector[char.charCodeAt(0) % DIMENSIONS] += 1;
  return vector;
}

beforeAll(async () => {
  ({ baseUrl } = await startFakeModelServer<{ input: string[] }>(({ body: { input } }, response) => {
    const promptTokens = input.length * TOKENS_PER_TEXT;
    reportedTokens.push(promptTokens);
    sendJson(response, 200, {
      object: "list",
      data: input.map((text, index) => ({ object: "embedding", index, embedding: fakeEmbedding(text) })),
      model: MODEL,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  }));
  // What the widget's message route embeds with.
  Object.assign(process.env, { EMBEDDINGS_PROVIDER: "openai-compatible", EMBEDDINGS_BASE_URL: baseUrl, EMBEDDINGS_MODEL: MODEL, EMBEDDINGS_DIMENSIONS: String(DIMENSIONS) });
});

afterAll(async () => {
  for (const name of ["EMBEDDINGS_PROVIDER", "EMBEDDINGS_BASE_URL", "EMBEDDINGS_MODEL", "EMBEDDINGS_DIMENSIONS"]) {
    if (previousEnv[name] === undefined) delete process.env[name];
    else process.env[name] = previousEnv[name];
  }
  await stopFakeModelServers();
});

const remoteEmbedder = (maxBatchSize?: number) => createOpenAiCompatibleEmbedder({ baseUrl, model: MODEL, dimensions: DIMENSIONS, maxBatchSize });

async function ingestGuide(tenant: { tenantId: string; ownerId: string }, embedder: EmbeddingProvider) {
  await addDocuments({
    actor: { id: tenant.ownerId, tenant: { id: tenant.tenantId, name: "Shop", slug: "" } },
    documents: [{ title: "returns.md", sourceType: "file", fileName: "returns.md", source: Buffer.from(GUIDE) }],
  });
  await runPendingJobs({ embedder });
}

/** The tenant's usage events, oldest first, as plain values. */
async function usageEvents(tenantId: string) {
  const events = await withTenant(tenantId, (em) => em.find(UsageEvent, { tenant: tenantId }, { orderBy: { createdAt: "asc", id: "asc" } }));
  return events.map((event) => ({
    service: event.service,
    provider: event.provider,
    model: event.model,
    conversationId: event.conversation?.id ?? null,
    inputTokens: event.inputTokens,
    outputTokens: event.outputTokens,
    costUsd: Number(event.costUsd),
  }));
}

const embeddingEvent = (texts: number, conversationId: string | null = null) => ({
  service: "embedding",
  provider: "openai-compatible",
  model: MODEL,
  conversationId,
  inputTokens: texts * TOKENS_PER_TEXT,
  outputTokens: 0,
  costUsd: expect.closeTo(texts * COST_PER_TEXT, 9),
});

describe("embedding usage", () => {
  it("records one usage event per ingestion batch, with the tokens the model reported and their cost, in the daily rollup", async () => {
    const tenant = await createTestTenant("Acme");
    const reportedBefore = reportedTokens.length;
    // The guide has three sections: batches of two texts and of one.
    await ingestGuide(tenant, remoteEmbedder(2));

    expect(reportedTokens.slice(reportedBefore)).toEqual([2 * TOKENS_PER_TEXT, TOKENS_PER_TEXT]);
    expect(await usageEvents(tenant.tenantId)).toEqual([embeddingEvent(2), embeddingEvent(1)]);
    const rollup = await withTenant(tenant.tenantId, (em) => em.find(AnalyticsUsageDaily, { tenant: tenant.tenantId }));
    expect(rollup.map(({ service, provider, model, calls, inputTokens, costUsd }) => ({ service, provider, model, calls, inputTokens, costUsd: Number(costUsd) }))).toEqual([
      { service: "embedding", provider: "openai-compatible", model: MODEL, calls: 2, inputTokens: 3 * TOKENS_PER_TEXT, costUsd: expect.closeTo(3 * COST_PER_TEXT, 9) },
    ]);
  });

  it("records a chat turn's question embedding for the tenant and conversation it was asked in", async () => {
    const asking = await createTestTenant("Asking");
    const other = await createTestTenant("Other");
    await ingestGuide(asking, remoteEmbedder());
    await ingestGuide(other, remoteEmbedder());
    const publicId = `wgt_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    await withTenant(asking.tenantId, async (em) => {
      em.create(Widget, { tenant: asking.tenantId, name: "Shop", publicId, allowedOrigins: [SHOP] });
    });
    const post = (path: string, body: unknown, token?: string) => {
      const headers = new Headers({ Origin: SHOP, "Content-Type": "application/json", "x-client-ip": "203.0.113.8" });
      if (token) headers.set("Authorization", `Bearer ${token}`);
      return { request: new Request(`http://app.test${path}`, { method: "POST", headers, body: JSON.stringify(body) }), params: { publicId }, context: { cspNonce: "" } };
    };
    const session = (await (await sessionsRoute.action(post(`/api/widget/${publicId}/sessions`, {}))).json()) as SessionResponse;

    const response = await messagesRoute.action(
      post(`/api/widget/${publicId}/messages`, { content: "How long do refunds take?", clientMessageId: randomUUID() }, session.token),
    );
    const events: string[] = [];
    const parser = createSseParser(({ type }) => events.push(type));
    parser.push(await response.text());
    parser.end();

    expect(events).toContain("done");
    // The ingestion's one batch, then the question.
    expect(await usageEvents(asking.tenantId)).toEqual([embeddingEvent(3), embeddingEvent(1, session.conversationId)]);
    expect(await usageEvents(other.tenantId)).toEqual([embeddingEvent(3)]);
  });

  it("records the search playground's query and the knowledge-gap re-check", async () => {
    const tenant = await createTestTenant("Searching");
    const embedder = remoteEmbedder();
    const { clusterId } = await askQuestion({ tenantId: tenant.tenantId, embedder }, { question: "Do you ship to Norway?", outcome: "not_covered" });
    await withTenant(tenant.tenantId, (em) => em.execute(`update question_clusters set gap_status = 'open' where id = ?`, [clusterId]));

    await retrieve({ tenantId: tenant.tenantId, query: "refund timing", embedder, k: 3 });
    await recheckOpenGaps({ tenantId: tenant.tenantId, embedder });

    expect(await usageEvents(tenant.tenantId)).toEqual([embeddingEvent(1), embeddingEvent(1)]);
  });

  it("records nothing for the offline embedder, which is free and counts no tokens", async () => {
    const tenant = await createTestTenant("Offline");
    const offline = createOfflineEmbedder();
    try {
      await ingestGuide(tenant, offline);
      const { results } = await retrieve({ tenantId: tenant.tenantId, query: "refund timing", embedder: offline, k: 3 });
      expect(results.length).toBeGreaterThan(0);
    } finally {
      await offline.close();
    }
    expect(await usageEvents(tenant.tenantId)).toEqual([]);
  });
});
