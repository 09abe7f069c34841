import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WidgetMessage } from "./contract";
import { followLiveEvents, type LiveEvent } from "./live-stream";

const target = { apiBase: "https://help.example", publicId: "wgt_demo" };

function agentMessage(id: string): WidgetMessage {
  return { id, role: "agent", content: `Reply ${id}`, authorName: "Alex", citations: [], feedback: null, createdAt: "2026-01-01T00:00:00.000Z" };
}

const frame = (id: string, type: string, data: unknown) => `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/** What the fake server does with one connection. */
type Connection =
  | { respond: "stream"; frames: string[]; stayOpen?: boolean }
  | { respond: "status"; status: number }
  | { respond: "network-error" };

interface Call {
  url: string;
  headers: Record<string, string>;
  at: number;
}

/** A fetch that answers each connection as scripted; a connection beyond the script hangs until aborted. */
function fakeServer(script: Connection[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string>, at: Date.now() });
    const connection = script.shift();
    const signal = init.signal!;
    if (!connection) {
      return new Promise<Response>((_, reject) => signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    }
    if (connection.respond === "network-error") throw new TypeError("Failed to fetch");
    if (connection.respond === "status") {
      return new Response(JSON.stringify({ error: { code: "x", message: "no" } }), { status: connection.status });
    }
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const text of connection.frames) controller.enqueue(new TextEncoder().encode(text));
        if (!connection.stayOpen) controller.close();
        signal.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
      },
    });
    return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
  });
  vi.stubGlobal("fetch", fetch);
  return calls;
}

function follow() {
  const events: LiveEvent[] = [];
  const onSessionGone = vi.fn();
  const stop = followLiveEvents({ target, token: "t".repeat(43), after: "10-1", onEvent: (event) => events.push(event), onSessionGone });
  return { events, onSessionGone, stop };
}

beforeEach(() => {
  vi.useFakeTimers();
  // No jitter: the waits are exactly 1 s, 2 s, 4 s …
  vi.spyOn(Math, "random").mockReturnValue(0.5);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("followLiveEvents", () => {
  it("opens the stream after the live cursor with the bearer token, and hands over the events it knows", async () => {
    const calls = fakeServer([
      {
        respond: "stream",
        stayOpen: true,
        frames: [
          "retry: 1000\n\n: keep-alive\n\n",
          frame("11-1", "message", { message: agentMessage("m1") }),
          frame("11-2", "inbox", { secret: true }),
          frame("12-1", "handoff", { handoff: { status: "assigned", agentName: "Alex", ratingRequested: false }, conversationStatus: "escalated" }),
        ],
      },
    ]);
    const { events, stop } = follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0].url).toBe("https://help.example/api/widget/wgt_demo/events?after=10-1");
    expect(calls[0].headers).toMatchObject({ Authorization: `Bearer ${"t".repeat(43)}`, Accept: "text/event-stream" });
    expect(calls[0].headers["Last-Event-ID"]).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(["message", "handoff"]);
    expect(events[0].data).toEqual({ message: agentMessage("m1") });
    stop();
  });

  it("resumes after the last event it received, with Last-Event-ID, when the stream ends", async () => {
    const calls = fakeServer([
      { respond: "stream", frames: [frame("11-1", "message", { message: agentMessage("m1") }), frame("11-2", "message", { message: agentMessage("m2") })] },
      { respond: "stream", frames: [frame("13-1", "message", { message: agentMessage("m3") })] },
    ]);
    const { events, stop } = follow();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
    expect(calls[1].headers["Last-Event-ID"]).toBe("11-2");
    expect(calls[1].at - calls[0].at).toBe(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls[2].headers["Last-Event-ID"]).toBe("13-1");
    expect(events.map((event) => event.type === "message" && event.data.message.id)).toEqual(["m1", "m2", "m3"]);
    stop();
  });

  it("waits twice as long after each failed attempt, up to 30 s, and starts over once the server accepts", async () => {
    const failures: Connection[] = [
      { respond: "network-error" },
      { respond: "status", status: 503 },
      { respond: "status", status: 429 },
      ...Array.from({ length: 5 }, () => ({ respond: "network-error" }) as const),
    ];
    const calls = fakeServer([...failures, { respond: "stream", frames: [] }, { respond: "network-error" }]);
    const { stop } = follow();
    await vi.advanceTimersByTimeAsync(200_000);
    const waits = calls.slice(1).map((call, index) => call.at - calls[index].at);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 1000, 2000]);
    stop();
  });

  it("spreads reconnects by up to a quarter either way", async () => {
    fakeServer([{ respond: "network-error" }, { respond: "network-error" }, { respond: "network-error" }]);
    const timeouts = vi.spyOn(globalThis, "setTimeout");
    vi.mocked(Math.random).mockReturnValueOnce(0).mockReturnValueOnce(0.999999);
    const { stop } = follow();
    await vi.advanceTimersByTimeAsync(10_000);
    const waits = timeouts.mock.calls.map(([, ms]) => ms);
    expect(waits[0]).toBe(750);
    expect(waits[1]).toBeCloseTo(2500, 0);
    stop();
  });

  it("skips an event it cannot read instead of reconnecting to it forever", async () => {
    const calls = fakeServer([
      { respond: "stream", frames: ["id: 11-1\nevent: message\ndata: {not json\n\n", frame("11-2", "message", { message: agentMessage("m2") })] },
    ]);
    const { events, stop } = follow();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls[1].headers["Last-Event-ID"]).toBe("11-1");
    expect(events).toHaveLength(0);
    stop();
  });

  it("stops for good when the session is gone (401)", async () => {
    const calls = fakeServer([{ respond: "status", status: 401 }]);
    const { onSessionGone } = follow();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(onSessionGone).toHaveBeenCalledOnce();
    expect(calls).toHaveLength(1);
  });

  it("lets go of the connection and reconnects no more once stopped", async () => {
    const calls = fakeServer([{ respond: "stream", stayOpen: true, frames: [] }]);
    const { stop, onSessionGone } = follow();
    await vi.advanceTimersByTimeAsync(0);
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(1);
    expect(onSessionGone).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
