import type { WidgetCitation, WidgetMessage } from "../api/contract";

/** One bubble in the message list: a stored message, or one still on its way. */
export interface ChatEntry {
  /** Addresses the entry while it changes: the stored id, or an id the widget chose before the server assigned one. */
  key: string;
  /** The stored message's id; null until the server confirms it (feedback needs it). */
  id: string | null;
  role: WidgetMessage["role"];
  content: string;
  citations: WidgetCitation[];
  feedback: WidgetMessage["feedback"];
  /** An assistant answer that is still arriving. */
  streaming: boolean;
  /** The assistant offered (or started) a handover with this answer. */
  handoff: { message: string; offersAction: boolean } | null;
}

export function entryFromMessage(message: WidgetMessage): ChatEntry {
  return { ...newEntry(message.id, message.role, message.content), id: message.id, citations: message.citations, feedback: message.feedback };
}

export function newEntry(key: string, role: ChatEntry["role"], content: string): ChatEntry {
  return { key, id: null, role, content, citations: [], feedback: null, streaming: false, handoff: null };
}
