import type { WidgetConfig } from "../api/contract";

export const TAG_NAME = "helpdesk-chat";

/** What the loader leaves on the element for widget-chat.js, so the config is fetched once per page. */
export interface LoaderHandOff {
  initialConfig?: WidgetConfig;
}
