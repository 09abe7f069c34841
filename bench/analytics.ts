import pg from "pg";
import { loadOverview } from "../app/analytics/overview/overview.server";
import { addDays, formatDay } from "../app/analytics/overview/date-range";
import { closeOrm, connectOrm } from "../db/orm";
import { DEMO_LOGIN, DEMO_WIDGET_PUBLIC_ID } from "../db/seed";
import { rollupDifferences, seedActivity } from "./analytics/seed-activity";
import { query } from "./sql";
import { startTwoProcesses } from "./inbox/app-processes";
import { DashboardClient } from "./inbox/dashboard-client";
import { formatSummary } from "./stats";

const CONVERSATIONS = Number(process.env.ANALYTICS_BENCH_CONVERSATIONS ?? 100_000);
const MESSAGES_PER_CONVERSATION = 10;
const OTHER_TENANTS = 19;
const PER_OTHER_TENANT = Number(process.env.ANALYTICS_BENCH_OTHER_CONVERSATIONS ?? 1_000);
const RUNS = Number(process.env.ANALYTICS_BENCH_RUNS ?? 30);

/**
 * `npm run bench -- analytics`: the demo workspace gets CONVERSATIONS conversations (x10 messages:
 * 1,000,000 by default) over 180 days, loaded in bulk with one rollup rebuild; 19 more workspaces
 * get PER_OTHER_TENANT conversations each through the per-row triggers, and one of them is checked
 * against a recount of its rows. Then the 30-day overview is timed as a service call and as the
 * page over HTTP (document and data request).
 */
export async function benchAnalytics(): Promise<string[]> {
  const apps = await startTwoProcesses({ firstPort: 3321, secondPort: 3322, databasePort: 54349 });
  const client = new pg.Client({ connectionString: apps.databaseUrl });
  await client.connect();
  try {
    const lines = await seed(client);
    await connectOrm(apps.databaseUrl, { poolMax: 2 });
    const tenantId = await demoTenant(client);
    const [{ id: widgetId }] = await query<{ id: string }>(client, `select id from widgets where public_id = $1`, [DEMO_WIDGET_PUBLIC_ID]);
    const today = formatDay(new Date());
    for (const [label, days, widget] of [["30 days", 30, null], ["30 days, one widget", 30, widgetId], ["90 days", 90, null]] as const) {
      const range = { from: addDays(today, -(days - 1)), to: today };
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        await loadOverview({ tenantId, range, widgetId: widget });
        times.push(performance.now() - started);
      }
      lines.push(formatSummary(`overview service, ${label}`, times));
    }
    const dashboard = new DashboardClient(apps.first);
    await dashboard.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    for (const [label, path] of [
      ["analytics page (HTML), 30 days", "/dashboard/analytics?range=30d"],
      ["analytics data request, 30 days", "/dashboard/analytics?range=30d&_data=routes%2Fdashboard.analytics._index"],
    ] as const) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) times.push(await timedGet(dashboard, path));
      lines.push(formatSummary(label, times));
    }
    return lines;
  } finally {
    await closeOrm();
    await client.end();
    await apps.stop();
  }
}

async function demoTenant(client: pg.Client): Promise<string> {
  const rows = await query<{ tenant_id: string }>(client, `select tenant_id from widgets where public_id = $1`, [DEMO_WIDGET_PUBLIC_ID]);
  if (!rows[0]) throw new Error(`No widget ${DEMO_WIDGET_PUBLIC_ID}.`);
  return rows[0].tenant_id;
}

async function seed(client: pg.Client): Promise<string[]> {
  const tenantId = await demoTenant(client);
  await query(client, `insert into widgets (id, tenant_id, name, public_id) values (gen_random_uuid(), $1, 'Northwind shop', 'wgt_benchShop')`, [tenantId]);
  let started = performance.now();
  await seedActivity(client, tenantId, { conversations: CONVERSATIONS, messagesPerConversation: MESSAGES_PER_CONVERSATION, days: 180, bulkRollup: true });
  const bulkSeconds = (performance.now() - started) / 1000;
  const counted = await query<{ messages: number }>(client, `select count(*)::int as messages from messages where tenant_id = $1`, [tenantId]);

  started = performance.now();
  let checkedTenant = "";
  for (let n = 0; n < OTHER_TENANTS; n++) {
    const rows = await query<{ id: string }>(client, `insert into tenants (id, name, slug) values (gen_random_uuid(), $1, $2) returning id`, [
      `Bench workspace ${n + 1}`,
      `bench-analytics-${n + 1}-${Date.now()}`,
    ]);
    await query(client, `insert into widgets (id, tenant_id, name, public_id) values (gen_random_uuid(), $1, 'Site', $2)`, [rows[0].id, `wgt_bench${n + 1}_${Date.now() % 100000}`]);
    await seedActivity(client, rows[0].id, { conversations: PER_OTHER_TENANT, messagesPerConversation: MESSAGES_PER_CONVERSATION, days: 180, bulkRollup: false });
    checkedTenant = rows[0].id;
  }
  const triggerSeconds = (performance.now() - started) / 1000;
  const differences = await rollupDifferences(client, checkedTenant);
  if (differences !== 0) throw new Error(`The triggers and the bulk recount disagree on ${differences} rows.`);
  // What the app's table maintenance does within minutes of such a load (the embedded database has no autovacuum).
  await client.query("vacuum (analyze)");
  const otherMessages = OTHER_TENANTS * PER_OTHER_TENANT * MESSAGES_PER_CONVERSATION;
  return [
    `demo workspace: ${CONVERSATIONS.toLocaleString("en")} conversations, ${counted[0].messages.toLocaleString("en")} messages, bulk load + rollup rebuild in ${bulkSeconds.toFixed(1)} s`,
    `19 workspaces: ${otherMessages.toLocaleString("en")} messages through the triggers in ${triggerSeconds.toFixed(1)} s (${((triggerSeconds * 1e6) / otherMessages).toFixed(0)} µs a message, with its conversation's other rows)`,
    `rollups from triggers = bulk recount for one workspace: yes (0 differing rows)`,
  ];
}

async function timedGet(client: DashboardClient, path: string): Promise<number> {
  const started = performance.now();
  const response = await client.get(path);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return performance.now() - started;
}
