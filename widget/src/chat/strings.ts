import { ApiFailure } from "../api/http";

/** Everything the widget says to visitors. Accessible names double as the handles tests find controls by. */
export const STRINGS = {
  message: "Message",
  placeholder: "Type your question…",
  send: "Send",
  close: "Close chat",
  talkToHuman: "Talk to a human",
  helpful: "Helpful",
  notHelpful: "Not helpful",
  feedbackGroup: "Was this answer helpful?",
  sources: "Sources",
  typing: "The assistant is typing",
  agent: "Support agent",
  /** After the agent's name: "Alex · Support". */
  team: "Support",
  retry: "Retry",
  /** After the launcher's count of team messages not yet seen: "Chat with us 2 new". */
  unread: "new",
  interrupted: "The connection dropped before the answer arrived.",
  unreachable: "We couldn't reach our support service. Please check your connection and try again.",
  serverTrouble: "Something went wrong on our side. Please try again in a moment.",
};

export const agentJoined = (name: string) => `${name} joined the conversation`;

/** A failure told the way a visitor can act on it; the server's own message for the 4xx answers it explains. */
export function describeFailure(failure: unknown): string {
  if (!(failure instanceof ApiFailure) || failure.status >= 500) return STRINGS.serverTrouble;
  if (failure.status === 0) return STRINGS.unreachable;
  // Cross-origin, Retry-After is readable only if the server exposes it; its message says the wait too.
  if (failure.status === 429 && (failure.retryAfterSeconds !== null || !failure.message)) {
    return `You're sending messages a little too fast. Please try again ${inAWhile(failure.retryAfterSeconds)}.`;
  }
  return failure.message || STRINGS.serverTrouble;
}

function inAWhile(seconds: number | null): string {
  if (!seconds) return "in a moment";
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}
