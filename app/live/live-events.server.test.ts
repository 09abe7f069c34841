import { beforeAll, describe, expect, it } from "vitest";
import { Conversation } from "../../db/entities";
import { createTestTenant } from "../../db/testing/fixtures";
import { useTestDatabase } from "../../db/testing/test-database";
import { withTenant } from "../../db/tenant-scope";
import { LiveEventHub } from "./live-hub.server";
import { liveHead, LOG_START, publishLiveEvent, readLiveEvents, type LiveCursor } from "./live-events.server";
import { liveEventStreamResponse } from "./live-stream.server";

const database = useTestDatabase();

let tenantA: string;
let tenantB: string;
let conversationA: string;
let otherConversationA: string;

async function newConversation(tenantId: string): Promise<string> {
  return withTenant(tenantId, async (em) => {
    const conversation = em.create(Conversation, { tenant: tenantId, metadata: {} });
    await em.flush();
    return conversation.id;
  });
}

async function publish(tenantId: string, conversationId: string | null, type: string, audience: "visitor" | "agents" = "visitor", payload: Record<string, unknown> = {}) {
  await withTenant(tenantId, (em) => publishLiveEvent(em, { tenantId, conversationId, audience, type, payload }));
}

beforeAll(async () => {
  tenantA = (await createTestTenant("Live A")).tenantId;
  tenantB = (await createTestTenant("Live B")).tenantId;
  conversationA = await newConversation(tenantA);
  otherConversationA = await newConversation(tenantA);
});

describe("the live event log", () => {
  it("reads a conversation's events in order and resumes after a cursor without repeating any", async () => {
    const start = await withTenant(tenantA, (em) => liveHead(em));
    for (const n of [1, 2, 3]) await publish(tenantA, conversationA, "message", "visitor", { n });
    await publish(tenantA, otherConversationA, "message", "visitor", { n: 99 });

    const firstTwo = await withTenant(tenantA, (em) => readLiveEvents(em, { after: start, conversationId: conversationA, visitorOnly: true, limit: 2 }));
    expect(firstTwo.map((event) => event.payload.n)).toEqual([1, 2]);
    const rest = await withTenant(tenantA, (em) => readLiveEvents(em, { after: firstTwo[1].cursor, conversationId: conversationA, visitorOnly: true }));
    expect(rest.map((event) => event.payload.n)).toEqual([3]);
  });

  it("gives a visitor only visitor events, never what is meant for agents", async () => {
    const start = await withTenant(tenantA, (em) => liveHead(em));
    await publish(tenantA, conversationA, "note", "agents", { content: "internal" });
    await publish(tenantA, conversationA, "message", "visitor", { content: "public" });
    const visitor = await withTenant(tenantA, (em) => readLiveEvents(em, { after: start, conversationId: conversationA, visitorOnly: true }));
    expect(visitor.map((event) => event.type)).toEqual(["message"]);
    const agents = await withTenant(tenantA, (em) => readLiveEvents(em, { after: start, visitorOnly: false }));
    expect(agents.map((event) => event.type)).toEqual(["note", "message"]);
  });

  it("never shows one tenant's events to another, even given the conversation id", async () => {
    await publish(tenantA, conversationA, "message", "visitor", { secret: true });
    const seenByB = await withTenant(tenantB, (em) => readLiveEvents(em, { after: LOG_START, conversationId: conversationA, visitorOnly: false }));
    expect(seenByB).toEqual([]);
  });

  it("refuses a visitor event without a conversation", async () => {
    await expect(publish(tenantA, null, "message", "visitor")).rejects.toThrow(/belongs to a conversation/);
  });

  it("does not pass an event whose transaction commits after a later-numbered one", async () => {
    // Simulates two writers: the row numbered first belongs to a transaction that is still running
    // (its id is beyond the oldest running one), so a reader must not move past it.
    const connection = database.orm().em.getConnection();
    const start = await withTenant(tenantA, (em) => liveHead(em));
    const [early] = await connection.execute<{ seq: string }[]>(
      `insert into live_events (tenant_id, conversation_id, audience, type, tx_id)
       values (?, ?, 'visitor', 'early', (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000)::text::xid8) returning seq::text`,
      [tenantA, conversationA],
    );
    await publish(tenantA, conversationA, "late");

    const before = await withTenant(tenantA, (em) => readLiveEvents(em, { after: start, conversationId: conversationA, visitorOnly: true }));
    expect(before.map((event) => event.type)).toEqual(["late"]);

    // The slow transaction "commits": its events now come after the cursor the reader holds.
    await connection.execute(`update live_events set tx_id = pg_current_xact_id() where seq = ?`, [early.seq]);
    const after = await withTenant(tenantA, (em) => readLiveEvents(em, { after: before[0].cursor, conversationId: conversationA, visitorOnly: true }));
    expect(after.map((event) => event.type)).toEqual(["early"]);
  });
});

describe("the live event hub", () => {
  it("wakes the listeners of the conversation an event concerns, and only them", async () => {
    const hub = new LiveEventHub({ databaseUrl: database.url(), fastPollMs: 10, probeMs: 100 });
    await hub.start();
    try {
      // The embedded database's socket does not relay NOTIFY, so the hub polls.
      expect(hub.notified).toBe(false);
      let woken = 0;
      let wrongly = 0;
      const heard = new Promise<void>((resolve) => hub.subscribe({ tenantId: tenantA, conversationId: conversationA }, () => (woken++, resolve())));
      hub.subscribe({ tenantId: tenantA, conversationId: otherConversationA }, () => wrongly++);
      hub.subscribe({ tenantId: tenantB }, () => wrongly++);
      await publish(tenantA, conversationA, "message");
      await heard;
      expect(woken).toBeGreaterThanOrEqual(1);
      expect(wrongly).toBe(0);
    } finally {
      await hub.stop();
    }
  });
});

/** Reads SSE frames from a response until `count` events (not comments) have arrived. */
async function readEvents(response: Response, count: number): Promise<{ id: string; event: string; data: unknown }[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const events: { id: string; event: string; data: unknown }[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(frame.split("\n").filter((line) => /^(id|event|data): /.test(line)).map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
      if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
    }
  }
  await reader.cancel();
  return events;
}

describe("the live event stream", () => {
  function open(after: LiveCursor, abort: AbortController) {
    return liveEventStreamResponse({ tenantId: tenantA, conversationId: conversationA, visitorOnly: true, after, signal: abort.signal, headers: new Headers() });
  }

  it("sends what happened after the cursor, then what happens next, each with its cursor as the id", async () => {
    const start = await withTenant(tenantA, (em) => liveHead(em));
    await publish(tenantA, conversationA, "message", "visitor", { n: "missed while away" });
    const abort = new AbortController();
    const response = open(start, abort);
    expect(response.headers.get("Content-Type")).toMatch(/text\/event-stream/);
    const reading = readEvents(response, 2);
    await publish(tenantA, conversationA, "message", "visitor", { n: "live" });
    const events = await reading;
    abort.abort();
    expect(events.map((event) => event.data)).toEqual([{ n: "missed while away" }, { n: "live" }]);

    // A reconnect naming the first event's id gets the second, once.
    const resumed = new AbortController();
    const again = await readEvents(open(events[0].id, resumed), 1);
    resumed.abort();
    expect(again).toEqual([events[1]]);
  });
});
