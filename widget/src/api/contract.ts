/**
 * The widget's view of the API contract. Types only: app/chat/widget-api.ts also holds the zod
 * schemas the server validates with, and none of that may end up in the bundles.
 */
export type {
  ContactBody,
  FeedbackBody,
  HandoffBody,
  HandoffResponse,
  HistoryResponse,
  LiveVisitorEvents,
  RatingBody,
  SendMessageBody,
  SessionResponse,
  StartSessionBody,
  StreamEvents,
  WidgetApiError,
  WidgetAvailability,
  WidgetCitation,
  WidgetConfig,
  WidgetHandoffState,
  WidgetMessage,
} from "../../../app/chat/widget-api";
