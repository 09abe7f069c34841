import type { HandoffBody, HandoffResponse } from "./contract";
import { requestJson, type WidgetTarget } from "./http";

/** Asks for a person to take over the conversation. */
export function requestHandoff(target: WidgetTarget, token: string, body: HandoffBody): Promise<HandoffResponse> {
  return requestJson<HandoffResponse>(target, "/handoff", { method: "POST", token, body });
}
