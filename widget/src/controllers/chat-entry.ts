import type { WidgetCitation, WidgetMessage } from "../api/contract";

/** One bubble in the message list: a stored message, or one still on its way. */
export interface ChatEntry {
  /** Addresses the entry while it changes: the stored id, or an id the widget chose before the server assigned one. */
  key: string;
  /** The stored message's id; null until the server confirms it (feedback needs it). */
  id: string | null;
  role: WidgetMessage["role"];
  content: string;
  /** The agent's name on an agent's reply. */
  authorName: string | null;
  citations: WidgetCitation[];
  feedback: WidgetMessage["feedback"];
  /** An assistant answer that is still arriving. */
  streaming: boolean;
  /** The assistant offered (or started) a handover with this answer. */
  handoff: { message: string; offersAction: boolean } | null;
}

export function entryFromMessage(message: WidgetMessage): ChatEntry {
  return {
    ...newEntry(message.id, message.role, message.content),
    id: message.id,
    authorName: message.authorName,
    citations: message.citations,
    feedback: message.feedback,
  };
}

export function newEntry(key: string, role: ChatEntry["role"], content: string): ChatEntry {
  return { key, id: null, role, content, authorName: null, citations: [], feedback: null, streaming: false, handoff: null };
}

/**
 * Shows the team's notice that a handover started. A stored notice (`noticeId`) also arrives on the
 * live stream, perhaps first: keyed by its id, it is shown once either way.
 */
export function withNotice(entries: ChatEntry[], noticeId: string | null, content: string, fallbackKey: string): ChatEntry[] {
  if (!noticeId) return [...entries, newEntry(fallbackKey, "system", content)];
  return withMessage(entries, { id: noticeId, role: "system", content, authorName: null, citations: [], feedback: null, createdAt: "" });
}

/** Adds a message that arrived live, unless it is already shown (the history and the stream may both bring it). */
export function withMessage(entries: ChatEntry[], message: WidgetMessage): ChatEntry[] {
  return entries.some((entry) => entry.id === message.id || entry.key === message.id) ? entries : [...entries, entryFromMessage(message)];
}
