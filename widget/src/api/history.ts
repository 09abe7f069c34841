import type { HistoryResponse } from "./contract";
import { requestJson, type WidgetTarget } from "./http";

export function fetchHistory(target: WidgetTarget, token: string, signal?: AbortSignal): Promise<HistoryResponse> {
  return requestJson<HistoryResponse>(target, "/messages", { token, signal });
}
