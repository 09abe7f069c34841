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
  /** The agent's display name on an agent's reply; null otherwise. */
  authorName: string | null;
  citations: WidgetCitation[];
  feedback: "helpful" | "not_helpful" | null;
  createdAt: string;
}

/** Where the conversation's handover to a person stands, as the visitor may know it. */
export interface WidgetHandoffState {
  status: "open" | "assigned" | "waiting" | "resolved";
  /** The agent who took it, once one has. */
  agentName: string | null;
  /** Resolved and not yet rated: the widget asks for a 1-5 rating. */
  ratingRequested: boolean;
}

/** POST /api/widget/:publicId/sessions (201 for a new conversation, 200 when `token` resumed one) */
export interface SessionResponse {
  token: string;
  conversationId: string;
  status: "open" | "escalated" | "resolved" | "closed";
  expiresAt: string;
  messages: WidgetMessage[];
  /** The latest handover of this conversation, if any. */
  handoff: WidgetHandoffState | null;
  /** Open the live stream from here: nothing after `messages` is missed. */
  liveCursor: string;
}

/** GET /api/widget/:publicId/messages (Authorization: Bearer <token>) */
export interface HistoryResponse {
  status: SessionResponse["status"];
  messages: WidgetMessage[];
  handoff: WidgetHandoffState | null;
  liveCursor: string;
}

/** Whether a person can pick the conversation up now; when not, the widget asks for an email. */
export interface WidgetAvailability {
  agentsAvailable: boolean;
  /** What to tell the visitor (e.g. "Our team is offline until 9:00 tomorrow"). */
  message: string;
  /** The end user has no email on file yet: show the email form. */
  askEmail: boolean;
}

/** POST /api/widget/:publicId/handoff */
export interface HandoffResponse {
  escalationId: string;
  message: string;
  /** The stored notice saying so, when this request opened the handover: it also arrives live, show it once. */
  noticeId: string | null;
  availability: WidgetAvailability;
}

/** POST /api/widget/:publicId/contact: an email to follow up on, stored on the end user. 200 { saved: true } */
export const ContactBody = z.strictObject({
  email: z.email("email must be an email address").max(254),
  name: z.string().trim().min(1).max(120).optional(),
});
export type ContactBody = z.infer<typeof ContactBody>;

/** POST /api/widget/:publicId/rating: once per resolved handover. 201 { saved: true }; 409 when not resolved or already rated. */
export const RatingBody = z.strictObject({
  rating: z.number().int("rating must be a whole number").min(1, "rating must be 1 to 5").max(5, "rating must be 1 to 5"),
  comment: z.string().trim().max(2000, "comment must be at most 2000 characters").optional(),
});
export type RatingBody = z.infer<typeof RatingBody>;

/**
 * GET /api/widget/:publicId/events (Authorization: Bearer <token>; Last-Event-ID or ?after=<liveCursor>)
 * answers with a `text/event-stream` that stays open; each event's id is its cursor, its data JSON:
 * - `message` { message: WidgetMessage }   an agent's reply or a notice from the team, to show once (by id)
 * - `handoff` { handoff: WidgetHandoffState, conversationStatus }   the handover changed (taken, resolved, reopened)
 */
export interface LiveVisitorEvents {
  message: { message: WidgetMessage };
  handoff: { handoff: WidgetHandoffState; conversationStatus: SessionResponse["status"] };
}

/**
 * POST /api/widget/:publicId/messages answers with `text/event-stream`; each event's `data` is JSON:
 * - `message`   { id }                       the visitor's message as stored
 * - `token`     { text }                     the next piece of the answer, to append
 * - `citations` { citations: WidgetCitation[] }
 * - `handoff`   { reason, message, availability? }  the assistant offers (or has started) a handover to a person;
 *                                             message is empty when the answer itself already says so;
 *                                             availability is set when the handover was opened
 * - `done`      { messageId, confidence }    the answer as stored; messageId is null when no answer was written
 * - `error`     { code, message }            nothing more follows; the visitor's message is kept
 */
export interface StreamEvents {
  message: { id: string };
  token: { text: string };
  citations: { citations: WidgetCitation[] };
  handoff: {
    reason: "low_confidence" | "not_covered" | "budget_exhausted" | "visitor_request" | "human_active" | "keyword_rule";
    message: string;
    /** Set when this turn opened a handover: the stored notice (it also arrives live; show it once) and whether someone can reply now. */
    noticeId?: string | null;
    availability?: WidgetAvailability;
  };
  done: { messageId: string | null; confidence: number | null };
  error: { code: string; message: string };
}

/** Every non-2xx JSON answer from the widget routes. */
export interface WidgetApiError {
  error: { code: string; message: string; field?: string };
}
