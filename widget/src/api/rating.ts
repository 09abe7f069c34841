import type { RatingBody } from "./contract";
import { request, type WidgetTarget } from "./http";

/** Rates the resolved handover; a 409 means it was rated already (or is not resolved yet). */
export async function sendRating(target: WidgetTarget, token: string, body: RatingBody): Promise<void> {
  await request(target, "/rating", { method: "POST", token, body });
}
