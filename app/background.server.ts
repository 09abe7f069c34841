import { env } from "./env.server";
import { startKnowledgeWork } from "./knowledge/background.server";
import { liveHub, stopLiveHub } from "./live/live-hub.server";
import { startTableMaintenance } from "./maintenance/table-maintenance.server";
import { startWebhookSender } from "./webhooks/sender.server";

/** This process's background work; server.ts starts it once the database is ready and stops it on shutdown. */
export async function startBackgroundWork(): Promise<{ stop(): Promise<void> }> {
  const knowledge = await startKnowledgeWork();
  const webhooks = startWebhookSender({ allowPrivateNetwork: env().WEBHOOK_ALLOW_PRIVATE_URLS });
  const maintenance = await startTableMaintenance();
  const live = await liveHub();
  console.log(`Live events: ${live.notified ? "LISTEN/NOTIFY, polling as a safety net" : "polling the event log (NOTIFY does not reach this process)"}.`);
  return {
    async stop() {
      await Promise.all([knowledge.stop(), webhooks.stop(), stopLiveHub(), maintenance.stop()]);
    },
  };
}
