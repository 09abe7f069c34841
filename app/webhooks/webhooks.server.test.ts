import { beforeAll, describe, expect, it } from "vitest";
import { AuditLog, WebhookDelivery, WebhookEndpoint } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { UserFacingError } from "../utils/errors";
import {
  configureWebhook, disableWebhook, enqueueWebhookEvent, getWebhook, listDeliveries, revealWebhookSecret, rotateWebhookSecret,
} from "./webhooks.server";

useTestDatabase();

type Actor = { id: string; tenant: { id: string; name: string; slug: string } };

async function newActor(name: string): Promise<Actor> {
  const { tenantId, ownerId } = await createTestTenant(name);
  return { id: ownerId, tenant: { id: tenantId, name, slug: "" } };
}

async function refusal(promise: Promise<unknown>) {
  const error: unknown = await promise.catch((e: unknown) => e);
  if (!(error instanceof UserFacingError)) throw new Error(`Expected a refusal, got ${String(error)}`);
  return { status: error.status, field: error.field, message: error.message };
}

function enqueue(tenantId: string, event: "escalation.created" | "escalation.resolved" = "escalation.created") {
  return withTenant(tenantId, (em) => enqueueWebhookEvent(em, { tenantId, event, payload: { escalationId: crypto.randomUUID() } }));
}

const PUBLIC_URL = "https://93.184.215.14/helpdesk-hook";
const PRIVATE = "That address is on a private network; webhooks go only to public addresses.";

let acme: Actor;
let globex: Actor;

beforeAll(async () => {
  acme = await newActor("Acme");
  globex = await newActor("Globex");
});

describe("configuring the webhook", () => {
  it.each(["https://10.0.0.8/hook", "https://127.0.0.1:8443/hook", "https://[::1]/hook", "https://169.254.169.254/latest/meta-data", "https://[::ffff:192.168.1.1]/", "https://localhost/hook"])(
    "refuses the private address %s on the url field",
    async (url) => {
      expect(await refusal(configureWebhook({ actor: acme, url, events: ["escalation.created"], allowPrivateNetwork: false }))).toEqual({
        status: 400,
        field: "url",
        message: PRIVATE,
      });
    },
  );

  it.each([
    ["http://93.184.215.14/hook", false, "Use an https:// URL: events carry customer data."],
    ["http://127.0.0.1:8080/hook", false, "Use an https:// URL: events carry customer data."],
    ["http://10.0.0.8/hook", true, "Use an https:// URL: events carry customer data."],
    ["https://user:pass@93.184.215.14/hook", false, "Leave the user name and password out of the URL: every request is signed instead."],
    ["hooks.example.com/x", false, "Enter a full URL, such as https://example.com/helpdesk-webhook."],
    ["https://hooks.invalid/x", false, "The host hooks.invalid was not found."],
  ])("refuses %s (private addresses allowed: %s)", async (url, allowPrivateNetwork, message) => {
    expect(await refusal(configureWebhook({ actor: acme, url, events: ["escalation.created"], allowPrivateNetwork }))).toMatchObject({ field: "url", message });
  });

  it("allows plain http to this machine only where private addresses are allowed", async () => {
    const actor = await newActor("Local dev");
    await configureWebhook({ actor, url: "http://127.0.0.1:4000/hook", events: ["escalation.created"], allowPrivateNetwork: true });
    expect(await getWebhook({ tenantId: actor.tenant.id })).toMatchObject({ url: "http://127.0.0.1:4000/hook", isActive: true });
  });

  it("creates a 256-bit secret once, keeps it across saves, and audits the host only", async () => {
    const url = `${PUBLIC_URL}?token=receiver-secret`;
    await configureWebhook({ actor: acme, url, events: ["escalation.created"], allowPrivateNetwork: false });
    const { secret } = await revealWebhookSecret({ actor: acme });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await configureWebhook({ actor: acme, url: PUBLIC_URL, events: ["escalation.created", "escalation.resolved"], allowPrivateNetwork: false });
    expect(await getWebhook({ tenantId: acme.tenant.id })).toMatchObject({ url: PUBLIC_URL, events: ["escalation.created", "escalation.resolved"], isActive: true });
    expect((await revealWebhookSecret({ actor: acme })).secret).toBe(secret);

    const audit = await withTenant(acme.tenant.id, (em) => em.find(AuditLog, { tenant: acme.tenant.id, action: { $like: "webhook.%" } }, { orderBy: { createdAt: "asc" } }));
    expect(audit.map((entry) => entry.action)).toEqual(["webhook.configured", "webhook.secret_revealed", "webhook.configured", "webhook.secret_revealed"]);
    expect(JSON.stringify(audit.map((entry) => entry.details))).not.toContain("receiver-secret");
    expect(audit[0].details).toEqual({ host: "93.184.215.14", events: ["escalation.created"] });
  });

  it("never loads the secret unless asked", async () => {
    const endpoint = await withTenant(acme.tenant.id, (em) => em.findOneOrFail(WebhookEndpoint, { tenant: acme.tenant.id }));
    expect(endpoint.secret).toBeUndefined();
    expect(JSON.stringify(await getWebhook({ tenantId: acme.tenant.id }))).not.toMatch(/secret/i);
  });

  it("rotates the secret at once", async () => {
    const before = (await revealWebhookSecret({ actor: acme })).secret;
    const { secret } = await rotateWebhookSecret({ actor: acme });
    expect(secret).not.toBe(before);
    expect((await revealWebhookSecret({ actor: acme })).secret).toBe(secret);
  });
});

describe("queueing events", () => {
  it("queues only the events the webhook asked for, in the caller's transaction", async () => {
    const actor = await newActor("Queue");
    expect(await enqueue(actor.tenant.id)).toBe(false);
    await configureWebhook({ actor, url: PUBLIC_URL, events: ["escalation.created"], allowPrivateNetwork: false });
    expect(await enqueue(actor.tenant.id, "escalation.created")).toBe(true);
    expect(await enqueue(actor.tenant.id, "escalation.resolved")).toBe(false);

    class Rollback extends Error {}
    await expect(
      withTenant(actor.tenant.id, async (em) => {
        await enqueueWebhookEvent(em, { tenantId: actor.tenant.id, event: "escalation.created", payload: {} });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);

    const deliveries = await listDeliveries({ tenantId: actor.tenant.id });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ event: "escalation.created", status: "pending", attempts: 0, lastStatusCode: null });
  });

  it("stops when disabled: waiting deliveries fail, new events are not queued, saving turns it back on", async () => {
    const actor = await newActor("Disable");
    await configureWebhook({ actor, url: PUBLIC_URL, events: ["escalation.created"], allowPrivateNetwork: false });
    await enqueue(actor.tenant.id);
    await disableWebhook({ actor });

    expect(await getWebhook({ tenantId: actor.tenant.id })).toMatchObject({ isActive: false });
    expect(await listDeliveries({ tenantId: actor.tenant.id })).toMatchObject([{ status: "failed", lastError: "The webhook was disabled." }]);
    expect(await enqueue(actor.tenant.id)).toBe(false);

    await configureWebhook({ actor, url: PUBLIC_URL, events: ["escalation.created"], allowPrivateNetwork: false });
    expect(await enqueue(actor.tenant.id)).toBe(true);
  });

  it("refuses secret and disable actions before a webhook exists", async () => {
    const actor = await newActor("Empty");
    expect(await getWebhook({ tenantId: actor.tenant.id })).toBeNull();
    for (const action of [rotateWebhookSecret, revealWebhookSecret, disableWebhook]) {
      expect(await refusal(action({ actor }))).toEqual({ status: 404, field: undefined, message: "Save a webhook URL first." });
    }
  });
});

describe("tenant isolation", () => {
  it("another workspace sees neither the webhook nor its deliveries", async () => {
    await enqueue(acme.tenant.id);
    expect((await listDeliveries({ tenantId: acme.tenant.id })).length).toBeGreaterThan(0);

    expect(await getWebhook({ tenantId: globex.tenant.id })).toBeNull();
    expect(await listDeliveries({ tenantId: globex.tenant.id })).toEqual([]);
    expect(await refusal(revealWebhookSecret({ actor: globex }))).toMatchObject({ status: 404 });
    // Even a query that forgets its tenant filter sees only its own rows.
    const unfiltered = await withTenant(globex.tenant.id, (em) => em.find(WebhookDelivery, {}));
    expect(unfiltered).toEqual([]);
  });

  it("queues nothing for a tenant id other than the transaction's", async () => {
    const queued = await withTenant(globex.tenant.id, (em) =>
      enqueueWebhookEvent(em, { tenantId: acme.tenant.id, event: "escalation.created", payload: {} }),
    );
    expect(queued).toBe(false);
  });
});
