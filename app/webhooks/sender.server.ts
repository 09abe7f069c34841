import { WebhookDelivery, WebhookEndpoint } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { claimNextDelivery, recordAttempt, type AttemptResult, type ClaimedDelivery } from "./delivery-queue.server";
import { DeliveryError, postWebhook, type ReceiverAnswer } from "./post-webhook.server";
import { signatureHeader } from "./signature.server";
import { parseWebhookUrl, WebhookUrlError } from "./webhook-url.server";

const DELIVERY_TIMEOUT_MS = 10_000;

export interface SenderOptions {
  /** Let deliveries reach private addresses (WEBHOOK_ALLOW_PRIVATE_URLS; tests). */
  allowPrivateNetwork: boolean;
  timeoutMs?: number;
  /** The wait before the next attempt, given the attempts made so far. */
  retryDelayMs?: (attempt: number) => number;
  leaseMs?: number;
  /** Deliveries in flight at once, so one slow receiver does not hold up the rest. */
  concurrency?: number;
}

/** Read as the delivery's tenant; null endpoint: nowhere to send it any more. */
async function loadDelivery(claim: ClaimedDelivery) {
  return withTenant(claim.tenantId, async (em) => {
    const delivery = await em.findOne(WebhookDelivery, { id: claim.id, tenant: claim.tenantId });
    if (!delivery) return null;
    const endpoint = await em.findOne(WebhookEndpoint, { id: delivery.endpoint.id, tenant: claim.tenantId }, { populate: ["secret"] });
    const body = JSON.stringify({
      id: delivery.id,
      event: delivery.event,
      createdAt: delivery.createdAt.toISOString(),
      tenantId: claim.tenantId,
      data: delivery.payload,
    });
    return { event: delivery.event, body, endpoint: endpoint?.isActive ? { url: endpoint.url, secret: endpoint.secret } : null };
  });
}

/** 2xx delivered; a 4xx other than 408 and 429 will not change on a retry; anything else might. */
function judge(answer: ReceiverAnswer): AttemptResult {
  const { statusCode, location, excerpt } = answer;
  if (statusCode >= 200 && statusCode < 300) return { outcome: "succeeded", statusCode };
  const error =
    statusCode >= 300 && statusCode < 400
      ? `The receiver answered ${statusCode}, a redirect${location ? ` to ${location}` : ""}; redirects are not followed.`
      : `The receiver answered ${statusCode}${excerpt ? `: ${excerpt.slice(0, 300)}` : "."}`;
  const permanent = statusCode >= 400 && statusCode < 500 && statusCode !== 408 && statusCode !== 429;
  return { outcome: permanent ? "failed" : "retry", statusCode, error };
}

async function attempt(claim: ClaimedDelivery, options: SenderOptions): Promise<AttemptResult | null> {
  const loaded = await loadDelivery(claim);
  if (!loaded) return null;
  if (!loaded.endpoint) return { outcome: "failed", statusCode: null, error: "The webhook was disabled." };
  try {
    // The rules are checked again at every attempt: the URL may predate them, and DNS answers change.
    const url = parseWebhookUrl(loaded.endpoint.url, options);
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await postWebhook({
      url,
      body: loaded.body,
      headers: {
        "content-type": "application/json",
        "user-agent": "HelpdeskWebhooks/1.0",
        "x-helpdesk-event": loaded.event,
        "x-helpdesk-delivery": claim.id,
        "x-helpdesk-signature": signatureHeader({ secret: loaded.endpoint.secret, body: loaded.body, timestamp }),
      },
      timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      allowPrivateNetwork: options.allowPrivateNetwork,
    });
    return judge(answer);
  } catch (error) {
    if (error instanceof WebhookUrlError) return { outcome: "failed", statusCode: null, error: error.message };
    if (error instanceof DeliveryError) return { outcome: error.retryable ? "retry" : "failed", statusCode: null, error: error.message };
    throw error;
  }
}

/** Sends every due delivery and returns how many attempts were made. */
export async function deliverDueWebhooks(options: SenderOptions): Promise<number> {
  const lanes = Array.from({ length: options.concurrency ?? 4 }, async () => {
    let count = 0;
    for (let claim = await claimNextDelivery(options.leaseMs); claim; claim = await claimNextDelivery(options.leaseMs)) {
      const result = await attempt(claim, options);
      if (result) await recordAttempt(claim, result, options.retryDelayMs);
      count++;
    }
    return count;
  });
  return (await Promise.all(lanes)).reduce((total, count) => total + count, 0);
}

export interface WebhookSender {
  /** Look for deliveries now instead of at the next poll (this process just queued one). */
  wake(): void;
  stop(): Promise<void>;
}

// On globalThis, like the ingestion worker: the Remix bundle's services wake the sender that server.ts started.
const holder = globalThis as typeof globalThis & { __helpdeskWebhookSender?: WebhookSender };

/**
 * A background loop that sends due deliveries, then sleeps until woken or the poll interval
 * passes (a retry falls due, or another process queued one). Any number of processes may run
 * one: claims never overlap (SKIP LOCKED + leases).
 */
export function startWebhookSender(options: SenderOptions & { pollIntervalMs?: number }): WebhookSender {
  let stopped = false;
  // A wake during a round may come after that round's last claim: it earns another round.
  let wokenDuringRound = false;
  let wakeUp: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      wokenDuringRound = false;
      try {
        await deliverDueWebhooks(options);
      } catch (error) {
        // The database was unreachable or similar: keep the sender alive and try again later.
        console.error("webhook sender:", error);
      }
      if (stopped) break;
      if (wokenDuringRound) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs ?? 5_000);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  const sender: WebhookSender = {
    wake() {
      wokenDuringRound = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      if (holder.__helpdeskWebhookSender === sender) holder.__helpdeskWebhookSender = undefined;
      wakeUp?.();
      await loop;
    },
  };
  holder.__helpdeskWebhookSender = sender;
  return sender;
}

export function wakeWebhookSender(): void {
  holder.__helpdeskWebhookSender?.wake();
}
