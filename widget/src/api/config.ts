import type { WidgetConfig } from "./contract";
import { requestJson, type WidgetTarget } from "./http";

export function fetchConfig(target: WidgetTarget, signal?: AbortSignal): Promise<WidgetConfig> {
  return requestJson<WidgetConfig>(target, "/config", { signal });
}
