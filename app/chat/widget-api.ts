/**
 * The contract between the widget (widget/) and its resource routes (app/routes/api.widget.*).
 * Request bodies are zod schemas the server validates; the widget imports only the types, so no
 * validation library ships in widget.js.
 */
import { z } from "zod";

export const MAX_VISITOR_MESSAGE_CHARS = 4000;
/** Bodies larger than this are refused before they are parsed. */
export const MAX_WIDGET_BODY_BYTES = 16 * 1024;

export const StartSessionBody = z.strictObject({
  /** A token the widget kept from an earlier visit: resumes that conversation when still valid. */
  token: z.string().max(200).optional(),
  /** The host site's own id for a signed-in customer, with `userHash` = HMAC-SHA256(widget secret, userId) in hex. */
  userId: z.string().trim().min(1).max(255).optional(),
  userHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "userHash must be 64 hex characters")
    .optional(),
  name: z.string().trim().max(120).optional(),
  email: z.email().max(254).optional(),
});
export type StartSessionBody = z.infer<typeof StartSessionBody>;

export const SendMessageBody = z.strictObject({
  content: z
    .string()
    .trim()
    .min(1, "content must not be empty")
    .max(MAX_VISITOR_MESSAGE_CHARS, `content must be at most ${MAX_VISITOR_MESSAGE_CHARS} characters`),
  /** Chosen by the widget (a UUID); sending the same one again replays the stored answer instead of asking twice. */
  clientMessageId: z.uuid(),
});
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const FeedbackBody = z.strictObject({
  feedback: z.enum(["helpful", "not_helpful"]).nullable(),
});
export type FeedbackBody = z.infer<typeof FeedbackBody>;

export const HandoffBody = z.strictObject({
  reason: z.string().trim().max(500).optional(),
});
export type HandoffBody = z.infer<typeof HandoffBody>;

/** GET /api/widget/:publicId/config */
export interface WidgetConfig {
  publicId: string;
  name: string;
  greeting: string;
  launcherLabel: string;
  theme: "light" | "dark" | "auto";
  /** "#rrggbb" */
  brandColor: string;
  position: "bottom-right" | "bottom-left";
  suggestedQuestions: string[];
}

export interface WidgetCitation {
  /** 1-based, matches the [n] markers in the answer text. */
  index: number;
  title: string;
  section?: string;
  url?: string;
}

export interface WidgetMessage {
  id: string;
  role: "visitor" | "assistant" | "agent" | "system";
  content: string;
  citations: WidgetCitation[];
  feedback: "helpful" | "not_helpful" | null;
  createdAt: string;
}

/** POST /api/widget/:publicId/sessions (201 for a new conversation, 200 when `token` resumed one) */
export interface SessionResponse {
  token: string;
  conversationId: string;
  status: "open" | "escalated" | "resolved" | "closed";
  expiresAt: string;
  messages: WidgetMessage[];
}

/** GET /api/widget/:publicId/messages (Authorization: Bearer <token>) */
export interface HistoryResponse {
  status: SessionResponse["status"];
  messages: WidgetMessage[];
}

/** POST /api/widget/:publicId/handoff */
export interface HandoffResponse {
  escalationId: string;
  message: string;
}

/**
 * POST /api/widget/:publicId/messages answers with `text/event-stream`; each event's `data` is JSON:
 * - `message`   { id }                       the visitor's message as stored
 * - `token`     { text }                     the next piece of the answer, to append
 * - `citations` { citations: WidgetCitation[] }
 * - `handoff`   { reason, message }          the assistant offers (or has started) a handover to a person;
 *                                             message is empty when the answer itself already says so
 * - `done`      { messageId, confidence }    the answer as stored; messageId is null when no answer was written
 * - `error`     { code, message }            nothing more follows; the visitor's message is kept
 */
export interface StreamEvents {
  message: { id: string };
  token: { text: string };
  citations: { citations: WidgetCitation[] };
  handoff: { reason: "low_confidence" | "not_covered" | "budget_exhausted" | "visitor_request" | "human_active"; message: string };
  done: { messageId: string | null; confidence: number | null };
  error: { code: string; message: string };
}

/** Every non-2xx JSON answer from the widget routes. */
export interface WidgetApiError {
  error: { code: string; message: string; field?: string };
}
