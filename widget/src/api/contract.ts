/**
 * The widget's view of the API contract. Types only: app/chat/widget-api.ts also holds the zod
 * schemas the server validates with, and none of that may end up in the bundles.
 */
export type {
  FeedbackBody,
  HandoffBody,
  HandoffResponse,
  HistoryResponse,
  SendMessageBody,
  SessionResponse,
  StartSessionBody,
  StreamEvents,
  WidgetApiError,
  WidgetCitation,
  WidgetConfig,
  WidgetMessage,
} from "../../../app/chat/widget-api";
