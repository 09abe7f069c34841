import { randomUUID } from "node:crypto";
import pg from "pg";
import { getOrm } from "../../db/orm";
import { withSystem } from "../../db/tenant-scope";
import { AFTER_CURSOR, cursorParts, LIVE_EVENT_RETENTION_HOURS, LIVE_EVENTS_CHANNEL, liveHead, SETTLED, type LiveCursor } from "./live-events.server";

/** What a listener wants to hear about: a tenant's events, or one conversation's. */
export interface LiveTopic {
  tenantId: string;
  conversationId?: string;
}

interface Listener {
  topic: LiveTopic;
  wake: () => void;
}

export interface LiveHubOptions {
  databaseUrl: string;
  /** Between polls when NOTIFY does not reach this process (the embedded database). */
  fastPollMs?: number;
  /** Between polls when it does: only a safety net then. */
  safetyPollMs?: number;
  /** How long to wait for our own probe NOTIFY before deciding notifications do not arrive. */
  probeMs?: number;
}

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * This process's window on the live event log. One reader per process, not one per open widget:
 * it notices new events (woken by LISTEN/NOTIFY on a real PostgreSQL, by polling where NOTIFY is
 * not relayed, as through the embedded database's socket) and wakes the listeners whose tenant or
 * conversation they concern. Listeners then read the events themselves, as their tenant, from
 * their own cursor: the same read serves a reconnect, so resuming and live delivery cannot differ.
 */
export class LiveEventHub {
  private readonly listeners = new Set<Listener>();
  private cursor: LiveCursor = "0-0";
  private notifier: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private stopped = false;
  private lastPurge = 0;

  constructor(private readonly options: LiveHubOptions) {}

  /** True when NOTIFY reaches this process, so polling is only a safety net. */
  get notified(): boolean {
    return this.notifier !== null;
  }

  async start(): Promise<void> {
    this.cursor = await withSystem((em) => liveHead(em));
    this.notifier = await this.listen();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    const notifier = this.notifier;
    this.notifier = null;
    await notifier?.end().catch(() => undefined);
    this.listeners.clear();
  }

  subscribe(topic: LiveTopic, wake: () => void): () => void {
    const listener = { topic, wake };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** LISTEN on a connection of its own, kept only if a NOTIFY sent from the pool reaches it. */
  private async listen(): Promise<pg.Client | null> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    try {
      await client.connect();
      const probe = randomUUID();
      const heard = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), this.options.probeMs ?? 500);
        client.on("notification", (message) => {
          if (message.payload === probe) {
            clearTimeout(timer);
            resolve(true);
          }
        });
      });
      await client.query(`listen ${LIVE_EVENTS_CHANNEL}`);
      // Sent from another connection, as real events are: the embedded database's socket hands a
      // connection its own notifications but not those of others.
      await withSystem((em) => em.execute(`select pg_notify(?, ?)`, [LIVE_EVENTS_CHANNEL, probe]));
      if (!(await heard)) {
        await client.end();
        return null;
      }
      client.on("notification", () => this.pollNow());
      client.on("error", (error) => {
        if (this.notifier !== client) return;
        console.warn("Live events: the LISTEN connection failed; polling instead.", error.message);
        this.notifier = null;
        client.end().catch(() => undefined);
      });
      return client;
    } catch (error) {
      console.warn("Live events: LISTEN is unavailable; polling instead.", error instanceof Error ? error.message : error);
      await client.end().catch(() => undefined);
      return null;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const interval = this.notifier ? (this.options.safetyPollMs ?? 1_000) : (this.options.fastPollMs ?? 100);
    this.timer = setTimeout(() => this.pollNow(), interval);
  }

  /** Polls now, or right after the poll in progress. */
  private pollNow(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.polling = this.poll()
      .catch((error) => console.warn("Live events: poll failed.", error instanceof Error ? error.message : error))
      .finally(() => {
        this.polling = null;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.pollNow();
        } else {
          this.schedule();
        }
      });
  }

  private async poll(): Promise<void> {
    const rows = await withSystem((em) =>
      em.execute<{ tenant_id: string; conversation_id: string | null; tx: string; seq: string }[]>(
        `select tenant_id, conversation_id, tx_id::text as tx, seq::text as seq from live_events
         where ${SETTLED} and ${AFTER_CURSOR} order by tx_id, seq limit 1000`,
        cursorParts(this.cursor),
      ),
    );
    if (rows.length) {
      const last = rows[rows.length - 1];
      this.cursor = `${last.tx}-${last.seq}`;
      this.wakeListeners(rows);
      if (rows.length === 1000) this.pollAgain = true;
    }
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      await withSystem((em) => em.execute(`delete from live_events where created_at < now() - interval '${LIVE_EVENT_RETENTION_HOURS} hours'`));
    }
  }

  private wakeListeners(rows: { tenant_id: string; conversation_id: string | null }[]): void {
    const tenants = new Set(rows.map((row) => row.tenant_id));
    const conversations = new Set(rows.map((row) => row.conversation_id));
    for (const listener of this.listeners) {
      const { tenantId, conversationId } = listener.topic;
      if (conversationId ? conversations.has(conversationId) : tenants.has(tenantId)) listener.wake();
    }
  }
}

const holder = globalThis as typeof globalThis & { __helpdeskLiveHub?: Promise<LiveEventHub> };

/** This process's hub, started on first use, on the database the ORM is connected to. */
export function liveHub(): Promise<LiveEventHub> {
  holder.__helpdeskLiveHub ??= (async () => {
    const databaseUrl = (await getOrm()).config.get("clientUrl");
    if (!databaseUrl) throw new Error("The database is not connected.");
    const hub = new LiveEventHub({ databaseUrl });
    await hub.start();
    return hub;
  })();
  return holder.__helpdeskLiveHub;
}

export async function stopLiveHub(): Promise<void> {
  const current = holder.__helpdeskLiveHub;
  holder.__helpdeskLiveHub = undefined;
  if (current) await (await current).stop();
}
