import type { ContactBody } from "./contract";
import { request, type WidgetTarget } from "./http";

/** Leaves an email for the team to answer at while nobody can reply live. */
export async function sendContact(target: WidgetTarget, token: string, body: ContactBody): Promise<void> {
  await request(target, "/contact", { method: "POST", token, body });
}
