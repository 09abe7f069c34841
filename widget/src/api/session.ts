import type { SessionResponse, StartSessionBody } from "./contract";
import { requestJson, type WidgetTarget } from "./http";

/** Starts a conversation, or resumes the one `body.token` belongs to while that is still valid. */
export function startSession(target: WidgetTarget, body: StartSessionBody, signal?: AbortSignal): Promise<SessionResponse> {
  return requestJson<SessionResponse>(target, "/sessions", { method: "POST", body, signal });
}
