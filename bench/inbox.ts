import { createSseParser } from "../widget/src/api/sse";
import type { HandoffResponse, SessionResponse } from "../app/chat/widget-api";
import { DEMO_LOGIN, DEMO_WIDGET_PUBLIC_ID } from "../db/seed";
import { startTwoProcesses, type TwoProcesses } from "./inbox/app-processes";
import { DashboardClient } from "./inbox/dashboard-client";
import { seedEscalations } from "./inbox/seed-escalations";
import { formatSummary } from "./stats";

const REPLIES = Number(process.env.INBOX_BENCH_REPLIES ?? 100);
const INBOX_LOADS = Number(process.env.INBOX_BENCH_LOADS ?? 60);
const ESCALATIONS = Number(process.env.INBOX_BENCH_ESCALATIONS ?? 10_000);

/**
 * `npm run bench -- inbox`: two real app processes on one database.
 * 1. Agent reply to widget: the agent replies through process 1 (the inbox's form post); the
 *    visitor's live stream is held by process 2. Timed from just before the POST until the reply's
 *    `message` event arrives in the visitor's stream.
 * 2. Inbox load: a workspace with ESCALATIONS escalations (and 19 other workspaces with some each);
 *    the inbox page (document) and its data request, as the agent loads them.
 */
export async function benchInbox(): Promise<string[]> {
  const apps = await startTwoProcesses({ firstPort: 3311, secondPort: 3312, databasePort: 54339 });
  try {
    const agent = new DashboardClient(apps.first);
    await agent.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    const lines = await agentReplyLatency(apps, agent);
    lines.push(...(await inboxLoad(apps, agent)));
    return lines;
  } finally {
    await apps.stop();
  }
}

async function agentReplyLatency(apps: TwoProcesses, agent: DashboardClient): Promise<string[]> {
  const api = `${apps.second}/api/widget/${DEMO_WIDGET_PUBLIC_ID}`;
  const session = (await (await fetch(`${api}/sessions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).json()) as SessionResponse;
  const bearer = { Authorization: `Bearer ${session.token}`, "Content-Type": "application/json" };
  const handoff = (await (await fetch(`${api}/handoff`, { method: "POST", headers: bearer, body: "{}" })).json()) as HandoffResponse;

  const arrivals = new Map<string, number>();
  const stream = new AbortController();
  const response = await fetch(`${api}/events?after=${encodeURIComponent(session.liveCursor)}`, { headers: bearer, signal: stream.signal });
  if (response.status !== 200) throw new Error(`The visitor's live stream answered ${response.status}`);
  const parser = createSseParser((event) => {
    if (event.type !== "message") return;
    const { message } = JSON.parse(event.data) as { message: { role: string; content: string } };
    if (message.role === "agent") arrivals.set(message.content, performance.now());
  });
  const reading = (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.push(value);
    }
  })().catch(() => undefined);

  const claim = await agent.post(`/dashboard/inbox/${handoff.escalationId}`, { intent: "claim" });
  if (claim.status >= 400) throw new Error(`Claiming answered ${claim.status}: ${(await claim.text()).slice(0, 300)}`);
  const latencies: number[] = [];
  for (let n = 0; n < REPLIES; n++) {
    const content = `Reply ${n + 1}: your parcel left our warehouse this morning.`;
    const sentAt = performance.now();
    const posted = await agent.post(`/dashboard/inbox/${handoff.escalationId}`, { intent: "reply", content });
    if (posted.status >= 400) throw new Error(`Replying answered ${posted.status}: ${(await posted.text()).slice(0, 300)}`);
    const deadline = sentAt + 5_000;
    while (!arrivals.has(content) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    const arrivedAt = arrivals.get(content);
    if (arrivedAt === undefined) throw new Error(`Reply ${n + 1} did not reach the widget within 5 s.`);
    latencies.push(arrivedAt - sentAt);
  }
  stream.abort();
  await reading;
  return [formatSummary(`agent reply -> widget, across processes`, latencies)];
}

async function inboxLoad(apps: TwoProcesses, agent: DashboardClient): Promise<string[]> {
  const seeded = await seedEscalations(apps.databaseUrl, { widgetPublicId: DEMO_WIDGET_PUBLIC_ID, perTenant: ESCALATIONS, otherTenants: 19, perOtherTenant: 1_000 });
  const documentTimes: number[] = [];
  const dataTimes: number[] = [];
  for (let n = 0; n < INBOX_LOADS; n++) {
    documentTimes.push(await timed(agent, "/dashboard/inbox"));
    dataTimes.push(await timed(agent, "/dashboard/inbox?_data=routes%2Fdashboard.inbox._index"));
  }
  return [
    `seeded ${ESCALATIONS.toLocaleString("en")} escalations in the demo workspace + 19 x 1,000 elsewhere in ${seeded.seconds.toFixed(1)} s`,
    formatSummary(`inbox page (HTML), ${ESCALATIONS.toLocaleString("en")} escalations`, documentTimes),
    formatSummary(`inbox data request, ${ESCALATIONS.toLocaleString("en")} escalations`, dataTimes),
  ];
}

async function timed(agent: DashboardClient, path: string): Promise<number> {
  const started = performance.now();
  const response = await agent.get(path);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return performance.now() - started;
}
