import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebhookDelivery } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { claimNextDelivery } from "./delivery-queue.server";
import { deliverDueWebhooks, startWebhookSender, type SenderOptions } from "./sender.server";
import { verifyWebhookSignature } from "./signature.server";
import { configureWebhook, enqueueWebhookEvent, revealWebhookSecret } from "./webhooks.server";

useTestDatabase();

interface ReceivedRequest {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the receiver does with the next requests, in order; once the script runs out it answers 200. */
type Reply = number | "hang";

let receiver: http.Server;
let base: string;
let received: ReceivedRequest[] = [];
let script: Reply[] = [];

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const reply = script.shift() ?? 200;
      if (reply === "hang") return;
      response.writeHead(reply, { "content-type": "text/plain" }).end(reply >= 400 ? `failure ${reply}` : "ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterEach(() => {
  received = [];
  script = [];
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const local: SenderOptions = { allowPrivateNetwork: true };

/** A workspace whose webhook points at the local receiver. */
async function workspaceWithWebhook(name: string) {
  const { tenantId, ownerId } = await createTestTenant(name);
  const actor = { id: ownerId, tenant: { id: tenantId, name, slug: "" } };
  await configureWebhook({ actor, url: `${base}/hooks/${name}`, events: ["escalation.created", "escalation.resolved"], allowPrivateNetwork: true });
  const { secret } = await revealWebhookSecret({ actor });
  return { tenantId, secret };
}

async function enqueue(tenantId: string, count = 1): Promise<void> {
  await withTenant(tenantId, async (em) => {
    for (let i = 0; i < count; i++) {
      await enqueueWebhookEvent(em, { tenantId, event: "escalation.created", payload: { escalationId: crypto.randomUUID(), n: i } });
    }
  });
}

function deliveriesOf(tenantId: string) {
  return withTenant(tenantId, (em) => em.find(WebhookDelivery, { tenant: tenantId }, { orderBy: { createdAt: "asc" } }));
}

describe("sending webhooks", () => {
  it("POSTs the event, signed, with its delivery id, and records the success", async () => {
    const { tenantId, secret } = await workspaceWithWebhook("delivered");
    await enqueue(tenantId);

    expect(await deliverDueWebhooks(local)).toBe(1);

    const [delivery] = await deliveriesOf(tenantId);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200, lastError: null, lockedUntil: null });
    expect(delivery.deliveredAt).toBeInstanceOf(Date);

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe("POST");
    expect(request.headers).toMatchObject({
      "content-type": "application/json",
      "x-helpdesk-event": "escalation.created",
      "x-helpdesk-delivery": delivery.id,
    });
    expect(verifyWebhookSignature({ secret, header: String(request.headers["x-helpdesk-signature"]), body: request.body })).toBe(true);
    expect(JSON.parse(request.body)).toEqual({
      id: delivery.id,
      event: "escalation.created",
      createdAt: delivery.createdAt.toISOString(),
      tenantId,
      data: delivery.payload,
    });
  });

  it("retries a 500 and ends succeeded on the second attempt, with the same delivery id", async () => {
    const { tenantId } = await workspaceWithWebhook("retried");
    await enqueue(tenantId);
    script = [500, 200];

    await deliverDueWebhooks({ ...local, retryDelayMs: () => 0 });

    expect(await deliveriesOf(tenantId)).toMatchObject([{ status: "succeeded", attempts: 2, lastStatusCode: 200, lastError: null }]);
    expect(received.map((request) => request.headers["x-helpdesk-delivery"])).toEqual(Array(2).fill(received[0].headers["x-helpdesk-delivery"]));
  });

  it("waits with backoff after a failure: the retry is not due at once", async () => {
    const { tenantId } = await workspaceWithWebhook("backoff");
    await enqueue(tenantId);
    script = [503];
    const before = Date.now();

    expect(await deliverDueWebhooks(local)).toBe(1);

    const [delivery] = await deliveriesOf(tenantId);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 503, lastError: "The receiver answered 503: failure 503" });
    // The first wait is 30 s, give or take 20 %.
    expect(delivery.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(24_000);
    expect(delivery.nextAttemptAt.getTime() - before).toBeLessThanOrEqual(36_000 + 1_000);
  });

  it("fails a 400 at once, but retries 408 and 429", async () => {
    const { tenantId } = await workspaceWithWebhook("rejected");
    await enqueue(tenantId);
    script = [400];
    await deliverDueWebhooks({ ...local, retryDelayMs: () => 0 });
    expect(await deliveriesOf(tenantId)).toMatchObject([{ status: "failed", attempts: 1, lastStatusCode: 400, lastError: "The receiver answered 400: failure 400" }]);
    expect(received).toHaveLength(1);

    const other = await workspaceWithWebhook("throttled");
    await enqueue(other.tenantId);
    script = [408, 429, 200];
    await deliverDueWebhooks({ ...local, retryDelayMs: () => 0 });
    expect(await deliveriesOf(other.tenantId)).toMatchObject([{ status: "succeeded", attempts: 3 }]);
  });

  it("gives up after six attempts", async () => {
    const { tenantId } = await workspaceWithWebhook("down");
    await enqueue(tenantId);
    script = Array(6).fill(502);

    expect(await deliverDueWebhooks({ ...local, retryDelayMs: () => 0 })).toBe(6);

    expect(await deliveriesOf(tenantId)).toMatchObject([
      { status: "failed", attempts: 6, lastStatusCode: 502, lastError: "The receiver answered 502: failure 502 Gave up after 6 attempts." },
    ]);
  });

  it("does not follow a redirect", async () => {
    const { tenantId } = await workspaceWithWebhook("moved");
    await enqueue(tenantId);
    script = [302];
    await deliverDueWebhooks({ ...local, retryDelayMs: () => 600_000 });
    expect(received).toHaveLength(1);
    const [delivery] = await deliveriesOf(tenantId);
    expect(delivery).toMatchObject({ status: "pending", lastStatusCode: 302 });
    expect(delivery.lastError).toMatch(/redirects are not followed/);
  });

  it("times out a receiver that never answers, and schedules a retry", async () => {
    const { tenantId } = await workspaceWithWebhook("silent");
    await enqueue(tenantId);
    script = ["hang"];

    await deliverDueWebhooks({ ...local, timeoutMs: 200, retryDelayMs: () => 600_000 });

    expect(await deliveriesOf(tenantId)).toMatchObject([
      { status: "pending", attempts: 1, lastStatusCode: null, lastError: "The receiver did not answer within 0.2 seconds.", lockedUntil: null },
    ]);
  });

  it("refuses a private address at send time, even if it was allowed when saved", async () => {
    const { tenantId, ownerId } = await createTestTenant("literal");
    const actor = { id: ownerId, tenant: { id: tenantId, name: "", slug: "" } };
    await configureWebhook({ actor, url: `https://127.0.0.1:${new URL(base).port}/hook`, events: ["escalation.created"], allowPrivateNetwork: true });
    await enqueue(tenantId);

    await deliverDueWebhooks({ allowPrivateNetwork: false, retryDelayMs: () => 0 });

    expect(received).toHaveLength(0);
    expect(await deliveriesOf(tenantId)).toMatchObject([
      { status: "failed", attempts: 1, lastError: "That address is on a private network; webhooks go only to public addresses." },
    ]);
  });

  it("refuses a host that resolves to a private address when it connects", async () => {
    const { tenantId, ownerId } = await createTestTenant("resolved");
    const actor = { id: ownerId, tenant: { id: tenantId, name: "", slug: "" } };
    // localhost passes the URL rules with private addresses allowed; the send below does not allow them.
    await configureWebhook({ actor, url: `https://localhost:${new URL(base).port}/hook`, events: ["escalation.created"], allowPrivateNetwork: true });
    await enqueue(tenantId);

    await deliverDueWebhooks({ allowPrivateNetwork: false, retryDelayMs: () => 0 });

    expect(await deliveriesOf(tenantId)).toMatchObject([
      { status: "failed", attempts: 1, lastError: "The host now resolves to a private network address; webhooks go only to public addresses." },
    ]);
  });

  it("fails a delivery whose webhook was switched off after it was queued", async () => {
    const { tenantId } = await workspaceWithWebhook("switched-off");
    await enqueue(tenantId);
    await withTenant(tenantId, (em) => em.execute(`update webhook_endpoints set is_active = false`));

    await deliverDueWebhooks(local);

    expect(received).toHaveLength(0);
    expect(await deliveriesOf(tenantId)).toMatchObject([{ status: "failed", attempts: 1, lastError: "The webhook was disabled." }]);
  });
});

describe("claiming deliveries", () => {
  it("two senders racing deliver each delivery exactly once", async () => {
    const { tenantId } = await workspaceWithWebhook("race");
    await enqueue(tenantId, 12);

    const counts = await Promise.all([deliverDueWebhooks({ ...local, concurrency: 3 }), deliverDueWebhooks({ ...local, concurrency: 3 })]);

    expect(counts[0] + counts[1]).toBe(12);
    const deliveries = await deliveriesOf(tenantId);
    expect(deliveries.every((delivery) => delivery.status === "succeeded" && delivery.attempts === 1)).toBe(true);
    const ids = received.map((request) => request.headers["x-helpdesk-delivery"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids)).toEqual(new Set(deliveries.map((delivery) => delivery.id)));
  });

  it("parallel claims never hand out the same delivery twice", async () => {
    const { tenantId } = await workspaceWithWebhook("claims");
    await enqueue(tenantId, 5);

    const claims = await Promise.all(Array.from({ length: 10 }, () => claimNextDelivery()));

    const claimed = claims.filter((claim) => claim !== null);
    expect(claimed).toHaveLength(5);
    expect(new Set(claimed.map((claim) => claim.id)).size).toBe(5);
    expect(await deliveriesOf(tenantId)).toSatisfy((rows: WebhookDelivery[]) => rows.every((row) => row.status === "delivering" && row.lockedUntil));
    // Leave nothing claimable for the tests that follow.
    await withTenant(tenantId, (em) => em.execute(`update webhook_deliveries set status = 'succeeded'`));
  });

  it("takes over a delivery whose sender died once its lease lapses", async () => {
    const { tenantId } = await workspaceWithWebhook("lease");
    await enqueue(tenantId);

    const first = await claimNextDelivery(0);
    const second = await claimNextDelivery();

    expect(second).toEqual({ id: first?.id, tenantId, attempts: 2 });
    expect(await claimNextDelivery()).toBeNull();
    await withTenant(tenantId, (em) => em.execute(`update webhook_deliveries set status = 'succeeded'`));
  });
});

describe("the background sender", () => {
  it("is woken when a delivery commits, not at its next poll", async () => {
    const { tenantId } = await workspaceWithWebhook("woken");
    const sender = startWebhookSender({ ...local, pollIntervalMs: 60_000 });
    try {
      // Its first round finds nothing; from here only a wake-up can make it send before a minute.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await enqueue(tenantId);
      await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5_000, interval: 50 });
    } finally {
      await sender.stop();
    }
    expect(await deliveriesOf(tenantId)).toMatchObject([{ status: "succeeded", attempts: 1 }]);
  });
});
