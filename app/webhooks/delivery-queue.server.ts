import { WebhookDelivery } from "../../db/entities";
import { withSystem, withTenant } from "../../db/tenant-scope";

export interface ClaimedDelivery {
  id: string;
  tenantId: string;
  /** Including the one now being made. */
  attempts: number;
}

export type AttemptResult =
  | { outcome: "succeeded"; statusCode: number }
  | { outcome: "retry" | "failed"; statusCode: number | null; error: string };

/** Waits between attempts: 30 s, 2 min, 10 min, 1 h, 6 h; after the sixth attempt the delivery fails. */
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];
const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** A claimed delivery belongs to its sender this long: well over the request timeout. */
const DELIVERY_LEASE_MS = 60_000;

/** ±20 %, so the deliveries a receiver's outage failed together do not all come back at once. */
function retryDelayWithJitter(attempt: number): number {
  const base = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1];
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Takes the longest-due delivery of any tenant: pending and due, or delivering with a lapsed lease
 * (its sender died). SKIP LOCKED lets any number of senders drain the queue without blocking.
 */
export async function claimNextDelivery(leaseMs = DELIVERY_LEASE_MS): Promise<ClaimedDelivery | null> {
  const rows = await withSystem((em) =>
    em.execute<{ id: string; tenant_id: string; attempts: number }[]>(
      `update webhook_deliveries set status = 'delivering', attempts = attempts + 1, locked_until = now() + make_interval(secs => ?)
        where id = (
          select id from webhook_deliveries
           where status in ('pending', 'delivering') and next_attempt_at <= now()
             and (locked_until is null or locked_until < now())
           order by next_attempt_at
           for update skip locked
           limit 1)
        returning id, tenant_id, attempts`,
      [leaseMs / 1000],
    ),
  );
  const row = rows[0];
  return row ? { id: row.id, tenantId: row.tenant_id, attempts: row.attempts } : null;
}

/**
 * Writes how an attempt went. A retry after the last attempt fails the delivery instead. Only
 * this attempt's claim is updated: if the lease lapsed and another sender took over, its
 * outcome wins.
 */
export async function recordAttempt(
  delivery: ClaimedDelivery,
  result: AttemptResult,
  retryDelayMs: (attempt: number) => number = retryDelayWithJitter,
): Promise<void> {
  const finished = { lockedUntil: null, lastStatusCode: result.statusCode };
  let changes: Partial<WebhookDelivery>;
  if (result.outcome === "succeeded") {
    changes = { ...finished, status: "succeeded", lastError: null, deliveredAt: new Date() };
  } else if (result.outcome === "retry" && delivery.attempts < MAX_DELIVERY_ATTEMPTS) {
    changes = { ...finished, status: "pending", lastError: result.error, nextAttemptAt: new Date(Date.now() + retryDelayMs(delivery.attempts)) };
  } else {
    const gaveUp = result.outcome === "retry" ? ` Gave up after ${delivery.attempts} attempts.` : "";
    changes = { ...finished, status: "failed", lastError: `${result.error}${gaveUp}` };
  }
  await withTenant(delivery.tenantId, (em) =>
    em.nativeUpdate(WebhookDelivery, { id: delivery.id, tenant: delivery.tenantId, status: "delivering", attempts: delivery.attempts }, changes),
  );
}
