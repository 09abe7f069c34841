import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../db/tenant-scope";

/**
 * Records that the user has seen the escalation as of `at`, inside the caller's transaction. The
 * escalation must be in this tenant (the insert selects it, so a foreign id writes nothing); a
 * mark never moves backwards.
 */
export async function recordRead(em: EntityManager, { tenantId, userId, escalationId, at }: { tenantId: string; userId: string; escalationId: string; at: Date }) {
  await em.execute(
    `insert into escalation_reads (id, tenant_id, user_id, escalation_id, read_at)
     select ?, tenant_id, ?, id, ? from escalations where id = ? and tenant_id = ?
     on conflict (user_id, escalation_id) do update set read_at = greatest(escalation_reads.read_at, excluded.read_at)`,
    [randomUUID(), userId, at, escalationId, tenantId],
  );
}

/** The agent opened the conversation: what is there now no longer counts as unread for them. */
export async function markRead({ tenantId, userId, escalationId }: { tenantId: string; userId: string; escalationId: string }): Promise<void> {
  await withTenant(tenantId, (em) => recordRead(em, { tenantId, userId, escalationId, at: new Date() }));
}

/**
 * The inbox badge: unresolved escalations that are the user's or nobody's, with activity since the
 * user last opened them (or never opened).
 */
export async function unreadCount({ tenantId, userId }: { tenantId: string; userId: string }): Promise<number> {
  return withTenant(tenantId, async (em) => {
    const [row] = await em.execute<{ unread: number }[]>(
      `select count(*)::int as unread
       from escalations e
       left join escalation_reads r on r.escalation_id = e.id and r.user_id = ?
       where e.tenant_id = ? and e.status in ('open', 'assigned', 'waiting')
         and (e.assignee_id = ? or e.assignee_id is null)
         and (r.read_at is null or e.last_activity_at > r.read_at)`,
      [userId, tenantId, userId],
    );
    return row.unread;
  });
}

const PRESENCE_THROTTLE_SECONDS = 60;

/**
 * "This agent is online", for handoffs. Written at most once a minute per user: the condition is in
 * the update, so a page load that finds it fresh writes nothing.
 */
export async function touchPresence({ tenantId, userId }: { tenantId: string; userId: string }): Promise<void> {
  await withTenant(tenantId, (em) =>
    em.execute(
      `update users set last_seen_at = now()
       where id = ? and tenant_id = ? and (last_seen_at is null or last_seen_at < now() - make_interval(secs => ?))`,
      [userId, tenantId, PRESENCE_THROTTLE_SECONDS],
    ),
  );
}

/** Keeps the user present while a stream of theirs is open, until `signal` aborts. */
export function keepPresent({ tenantId, userId, signal }: { tenantId: string; userId: string; signal: AbortSignal }): void {
  const touch = () =>
    touchPresence({ tenantId, userId }).catch((error: unknown) => console.warn("Could not record presence:", error instanceof Error ? error.message : error));
  touch();
  const timer = setInterval(touch, PRESENCE_THROTTLE_SECONDS * 1000);
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  if (signal.aborted) clearInterval(timer);
}
