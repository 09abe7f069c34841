import type { EntityManager } from "@mikro-orm/postgresql";
import type { LiveEvent } from "../../db/entities";

/**
 * Where a reader is in the live event log: the (transaction id, sequence number) of the last event
 * it has, as "tx-seq". Opaque to clients, which send it back as Last-Event-ID to resume.
 */
export type LiveCursor = string;

/** Before every event: a new reader that names no cursor starts from the current head. */
export const LOG_START: LiveCursor = "0-0";
const CURSOR = /^(\d{1,20})-(\d{1,19})$/;

export function isLiveCursor(value: string): boolean {
  return CURSOR.test(value);
}

export function cursorParts(cursor: LiveCursor): [string, string] {
  const match = CURSOR.exec(cursor);
  if (!match) throw new Error(`Not a live event cursor: ${JSON.stringify(cursor)}`);
  return [match[1], match[2]];
}

/**
 * Rows whose transaction is older than every transaction still running: none can commit behind
 * them any more, so a cursor that passes them never skips one (see the escalation_inbox migration).
 */
export const SETTLED = `tx_id < pg_snapshot_xmin(pg_current_snapshot())`;
export const AFTER_CURSOR = `(tx_id, seq) > (?::xid8, ?::bigint)`;

export interface LiveEventInput {
  tenantId: string;
  /** Set for everything about one conversation; visitor events need it. */
  conversationId: string | null;
  audience: LiveEvent["audience"];
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Announces a change to open widgets and inboxes in every app process. Call it in the transaction
 * that makes the change: the event becomes visible exactly when the change does, or never. The
 * NOTIFY (also transactional) wakes listening processes at once; the others find it by polling.
 */
export async function publishLiveEvent(em: EntityManager, event: LiveEventInput): Promise<void> {
  if (event.audience === "visitor" && !event.conversationId) throw new Error("A visitor event belongs to a conversation.");
  await em.execute(
    `insert into live_events (tenant_id, conversation_id, audience, type, payload) values (?, ?, ?, ?, ?::jsonb)`,
    [event.tenantId, event.conversationId, event.audience, event.type, JSON.stringify(event.payload)],
  );
  await em.execute(`select pg_notify(?, ?)`, [LIVE_EVENTS_CHANNEL, event.tenantId]);
}

export const LIVE_EVENTS_CHANNEL = "live_events";

export interface StoredLiveEvent {
  cursor: LiveCursor;
  type: string;
  audience: LiveEvent["audience"];
  conversationId: string | null;
  payload: Record<string, unknown>;
}

/**
 * The settled events after `after`, oldest first, inside the caller's tenant transaction (RLS
 * confines them to the tenant). A visitor reads only their conversation's visitor events.
 */
export async function readLiveEvents(
  em: EntityManager,
  { after, conversationId, visitorOnly, limit = 200 }: { after: LiveCursor; conversationId?: string; visitorOnly: boolean; limit?: number },
): Promise<StoredLiveEvent[]> {
  const conditions = [SETTLED, AFTER_CURSOR];
  const params: unknown[] = [...cursorParts(after)];
  if (conversationId) {
    conditions.push(`conversation_id = ?`);
    params.push(conversationId);
  }
  if (visitorOnly) conditions.push(`audience = 'visitor'`);
  const rows = await em.execute<{ tx: string; seq: string; type: string; audience: LiveEvent["audience"]; conversation_id: string | null; payload: Record<string, unknown> }[]>(
    `select tx_id::text as tx, seq::text as seq, type, audience, conversation_id, payload from live_events
     where ${conditions.join(" and ")} order by tx_id, seq limit ?`,
    [...params, limit],
  );
  return rows.map((row) => ({
    cursor: `${row.tx}-${row.seq}`,
    type: row.type,
    audience: row.audience,
    conversationId: row.conversation_id,
    payload: row.payload,
  }));
}

/** The position just after the last settled event: where a reader that has seen "everything until now" resumes. */
export async function liveHead(em: EntityManager): Promise<LiveCursor> {
  const [row] = await em.execute<{ tx: string; seq: string }[]>(
    `select tx_id::text as tx, seq::text as seq from live_events where ${SETTLED} order by tx_id desc, seq desc limit 1`,
  );
  return row ? `${row.tx}-${row.seq}` : LOG_START;
}

/** Events are for delivery, not history (messages and escalations hold that): a day covers any reconnect. */
export const LIVE_EVENT_RETENTION_HOURS = 24;
