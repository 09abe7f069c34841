import type { EventSubscriber } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { WebhookDelivery, WebhookEndpoint, type WebhookEvent } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordAudit } from "../audit/audit.server";
import type { CurrentUser } from "../auth/require-user.server";
import { randomToken } from "../auth/tokens.server";
import { env } from "../env.server";
import { UserFacingError } from "../utils/errors";
import { wakeWebhookSender } from "./sender.server";
import { checkWebhookUrl, WebhookUrlError } from "./webhook-url.server";

type Actor = Pick<CurrentUser, "id" | "tenant">;

const MAX_LISTED_DELIVERIES = 200;

async function findEndpoint(em: EntityManager, tenantId: string, { withSecret = false } = {}) {
  return em.findOne(WebhookEndpoint, { tenant: tenantId }, withSecret ? { populate: ["secret"] } : {});
}

async function requireEndpoint(em: EntityManager, tenantId: string, { withSecret = false } = {}) {
  const endpoint = await findEndpoint(em, tenantId, { withSecret });
  if (!endpoint) throw new UserFacingError("Save a webhook URL first.", 404);
  return endpoint;
}

/** The workspace's webhook, without its secret; null when none was ever saved. */
export async function getWebhook({ tenantId }: { tenantId: string }) {
  return withTenant(tenantId, async (em) => {
    const endpoint = await findEndpoint(em, tenantId);
    return endpoint ? { url: endpoint.url, events: endpoint.events, isActive: endpoint.isActive, updatedAt: endpoint.updatedAt } : null;
  });
}

/**
 * Saves the URL and the events it wants, and turns the webhook on. The first save creates the
 * signing secret. A URL that is not https or that reaches a private network is refused on the
 * `url` field; the host is resolved here, before the transaction, never inside it.
 */
export async function configureWebhook({
  actor,
  url,
  events,
  allowPrivateNetwork = env().WEBHOOK_ALLOW_PRIVATE_URLS,
}: {
  actor: Actor;
  url: string;
  events: WebhookEvent[];
  allowPrivateNetwork?: boolean;
}): Promise<void> {
  let checked: URL;
  try {
    checked = await checkWebhookUrl(url, { allowPrivateNetwork });
  } catch (error) {
    if (error instanceof WebhookUrlError) throw new UserFacingError(error.message, 400, "url");
    throw error;
  }
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const existing = await findEndpoint(em, tenantId);
    const settings = { url: checked.href, events, isActive: true };
    if (existing) em.assign(existing, settings);
    else em.create(WebhookEndpoint, { tenant: tenantId, secret: randomToken(), ...settings });
    // The host only: a receiver's URL often carries its own access token in the path.
    recordAudit(em, { tenantId, actorId: actor.id, action: "webhook.configured", details: { host: checked.host, events } });
  });
}

/** Replaces the signing secret at once (the receiver must switch too) and returns it for copying. */
export async function rotateWebhookSecret({ actor }: { actor: Actor }): Promise<{ secret: string }> {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const endpoint = await requireEndpoint(em, tenantId, { withSecret: true });
    endpoint.secret = randomToken();
    recordAudit(em, { tenantId, actorId: actor.id, action: "webhook.secret_rotated" });
    return { secret: endpoint.secret };
  });
}

/** Shows the signing secret on request; every reveal is audited. */
export async function revealWebhookSecret({ actor }: { actor: Actor }): Promise<{ secret: string }> {
  const tenantId = actor.tenant.id;
  return withTenant(tenantId, async (em) => {
    const endpoint = await requireEndpoint(em, tenantId, { withSecret: true });
    recordAudit(em, { tenantId, actorId: actor.id, action: "webhook.secret_revealed" });
    return { secret: endpoint.secret };
  });
}

/** Stops sending: new events are not queued, and those still waiting fail rather than linger. */
export async function disableWebhook({ actor }: { actor: Actor }): Promise<void> {
  const tenantId = actor.tenant.id;
  await withTenant(tenantId, async (em) => {
    const endpoint = await requireEndpoint(em, tenantId);
    if (!endpoint.isActive) return;
    endpoint.isActive = false;
    await em.nativeUpdate(WebhookDelivery, { tenant: tenantId, status: "pending" }, { status: "failed", lastError: "The webhook was disabled." });
    recordAudit(em, { tenantId, actorId: actor.id, action: "webhook.disabled" });
  });
}

/** The delivery log, newest first. */
export async function listDeliveries({ tenantId, limit = 50 }: { tenantId: string; limit?: number }) {
  return withTenant(tenantId, async (em) => {
    const deliveries = await em.find(
      WebhookDelivery,
      { tenant: tenantId },
      { orderBy: { createdAt: "desc", id: "desc" }, limit: Math.min(limit, MAX_LISTED_DELIVERIES) },
    );
    return deliveries.map((delivery) => ({
      id: delivery.id,
      event: delivery.event,
      status: delivery.status,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode ?? null,
      lastError: delivery.lastError ?? null,
      nextAttemptAt: delivery.nextAttemptAt,
      deliveredAt: delivery.deliveredAt ?? null,
      createdAt: delivery.createdAt,
    }));
  });
}

/**
 * The in-process sender cannot see a delivery before its transaction commits, so it is woken
 * after the commit. Registered on the transaction's own event manager (MikroORM gives each
 * transaction a copy), so it fires for that commit alone.
 */
const wakeSenderAfterCommit: EventSubscriber = { afterTransactionCommit: () => wakeWebhookSender() };

/**
 * Queues an event for the workspace's webhook inside the caller's tenant transaction, so the
 * event and the change it reports commit (or roll back) together; the sending happens later, in
 * the background. Returns false when there is no active webhook for this event.
 */
export async function enqueueWebhookEvent(
  em: EntityManager,
  { tenantId, event, payload }: { tenantId: string; event: WebhookEvent; payload: Record<string, unknown> },
): Promise<boolean> {
  const endpoint = await em.findOne(WebhookEndpoint, { tenant: tenantId, isActive: true });
  if (!endpoint?.events.includes(event)) return false;
  em.create(WebhookDelivery, { tenant: tenantId, endpoint, event, payload });
  em.getEventManager().registerSubscriber(wakeSenderAfterCommit);
  return true;
}
