import type { FeedbackBody } from "./contract";
import { request, type WidgetTarget } from "./http";

export async function sendFeedback(target: WidgetTarget, token: string, messageId: string, body: FeedbackBody): Promise<void> {
  await request(target, `/messages/${encodeURIComponent(messageId)}/feedback`, { method: "POST", token, body });
}
