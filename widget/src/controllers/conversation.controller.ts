import type { ReactiveController, ReactiveControllerHost } from "lit";
import { sendContact } from "../api/contact";
import type { SendMessageBody, SessionResponse, StartSessionBody, WidgetAvailability, WidgetHandoffState } from "../api/contract";
import { sendFeedback } from "../api/feedback";
import { requestHandoff } from "../api/handoff";
import { fetchHistory } from "../api/history";
import { ApiFailure, type WidgetTarget } from "../api/http";
import { followLiveEvents, type LiveEvent } from "../api/live-stream";
import { sendRating } from "../api/rating";
import { streamMessage, type StreamEvent } from "../api/send-message";
import { startSession } from "../api/session";
import { agentJoined, describeFailure, STRINGS } from "../chat/strings";
import { HelpdeskHandoffEvent } from "../events/handoff";
import { HelpdeskMessageSentEvent } from "../events/message-sent";
import { SessionStore } from "../session/session-store";
import { delay } from "../utils/delay";
import { randomUuid } from "../utils/uuid";
import { entryFromMessage, newEntry, withMessage, withNotice, type ChatEntry } from "./chat-entry";

/** Waits before re-sending a message whose answer broke off; the server replays what it stored meanwhile. */
const RETRY_DELAYS_MS = [1000, 3000];

type ConversationStatus = SessionResponse["status"];

/** What the visitor should know about a failure, and whether Retry would re-send their message. */
interface ChatNotice {
  text: string;
  retry: boolean;
}

/** Nobody can reply live: the team's message, and (when they have no email yet) a form to leave one. */
export interface ContactPrompt {
  message: string;
  askEmail: boolean;
  sending: boolean;
  /** Why the email was refused, in the server's words. */
  error: string | null;
  savedEmail: string | null;
}

/** The 1-5 rating asked for after a person resolved the conversation. */
export type SurveyState = "open" | "sending" | "thanks" | null;

export interface ConversationHost extends ReactiveControllerHost, HTMLElement {
  widgetId: string;
  apiBase: string;
  userId: string;
  userHash: string;
  /** The panel is on screen: its history is worth loading and following live. */
  readonly panelVisible: boolean;
}

/**
 * The conversation with the support API: the session token (shared by the visitor's tabs), the
 * history, streaming answers with retries, feedback and handover. Nothing here throws at the
 * element: every failure becomes a `notice` for the visitor.
 */
export class ConversationController implements ReactiveController {
  entries: ChatEntry[] = [];
  status: ConversationStatus | null = null;
  notice: ChatNotice | null = null;
  /** An answer is on its way; the visitor waits for it before sending the next message. */
  answering = false;
  requestingHandoff = false;
  contact: ContactPrompt | null = null;
  survey: SurveyState = null;
  /** Messages from the team that arrived while the panel was closed. */
  unread = 0;

  #target: WidgetTarget | null = null;
  #targetKey = "";
  #store: SessionStore | null = null;
  #token: string | null = null;
  /** Bumped when the widget changes: late answers from before are dropped. */
  #generation = 0;
  /** Settles once the stored conversation (if any) has been resumed; new sessions wait for it. */
  #resumed: Promise<void> | null = null;
  #sessionRequest: Promise<string> | null = null;
  /** The message the Retry button re-sends. */
  #unanswered: SendMessageBody | null = null;
  #delivery: AbortController | null = null;
  #refreshWhenAnswered = false;
  /** Where the live stream (re)starts: the cursor of the last event applied, or of the last history read. */
  #liveCursor: string | null = null;
  #stopFollowing: (() => void) | null = null;

  readonly #host: ConversationHost;

  constructor(host: ConversationHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener("storage", this.#onStorage);
  }

  hostDisconnected(): void {
    window.removeEventListener("storage", this.#onStorage);
    this.#delivery?.abort();
    this.#unfollow();
  }

  hostUpdate(): void {
    const { widgetId } = this.#host;
    const apiBase = this.#host.apiBase || ""; // null once the attribute is removed
    const key = widgetId ? `${apiBase} ${widgetId}` : "";
    if (key === this.#targetKey) return;
    this.#targetKey = key;
    this.#reset(widgetId ? { publicId: widgetId, apiBase } : null);
  }

  hostUpdated(): void {
    const visible = this.#host.panelVisible;
    if (visible) this.unread = 0;
    // A person looking after the conversation may reply on any page: pick it up before the chat is opened.
    if ((visible || this.#store?.withPerson) && this.#target && !this.#resumed) this.#resumed = this.#resume();
    this.#followWhenUseful();
  }

  /** Sends a visitor message; false when there is nothing to send or an answer is still on its way. */
  send(content: string): boolean {
    const text = content.trim();
    if (!text || this.answering || !this.#target) return false;
    const message: SendMessageBody = { content: text, clientMessageId: randomUuid() };
    this.entries = [...this.entries, newEntry(message.clientMessageId, "visitor", text)];
    this.#host.dispatchEvent(new HelpdeskMessageSentEvent(text));
    void this.#deliver(message);
    return true;
  }

  /** Sends the unanswered message again, with its clientMessageId, so it is never asked twice. */
  retry(): void {
    if (this.#unanswered && !this.answering) void this.#deliver(this.#unanswered);
  }

  async setFeedback(key: string, value: "helpful" | "not_helpful"): Promise<void> {
    const entry = this.entries.find((candidate) => candidate.key === key);
    const target = this.#target, token = this.#token, generation = this.#generation;
    if (!entry?.id || !target || !token) return;
    const previous = entry.feedback;
    const feedback = previous === value ? null : value;
    this.#patch(key, () => ({ feedback }));
    try {
      await sendFeedback(target, token, entry.id, { feedback });
      this.#store?.save(token);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#patch(key, () => ({ feedback: previous }));
      this.#showFailure(error, false);
    }
  }

  async requestHandoff(): Promise<void> {
    const target = this.#target, generation = this.#generation;
    if (this.requestingHandoff || !target) return;
    this.requestingHandoff = true;
    this.notice = null;
    this.#changed();
    try {
      const token = await this.#ensureSession();
      const response = await requestHandoff(target, token, {});
      if (generation !== this.#generation) return;
      this.status = "escalated";
      this.entries = withNotice(this.entries, response.noticeId, response.message, `handoff:${response.escalationId}`);
      this.#showAvailability(response.availability);
      this.#store?.save(token);
      this.#host.dispatchEvent(new HelpdeskHandoffEvent(response.escalationId));
    } catch (error) {
      if (generation === this.#generation) this.#showFailure(error, false);
    } finally {
      if (generation === this.#generation) {
        this.requestingHandoff = false;
        this.#changed();
      }
    }
  }

  #reset(target: WidgetTarget | null): void {
    this.#generation++;
    this.#delivery?.abort();
    this.#delivery = null;
    this.#target = target;
    this.#store = target ? new SessionStore(target.publicId) : null;
    this.#token = this.#store?.read() ?? null;
    this.#resumed = null;
    this.#sessionRequest = null;
    this.entries = [];
    this.status = null;
    this.notice = null;
    this.answering = false;
    this.requestingHandoff = false;
    this.#unanswered = null;
    this.#refreshWhenAnswered = false;
    this.contact = null;
    this.survey = null;
    this.#unfollow();
    this.#liveCursor = null;
  }

  /** Picks up the conversation this browser had with the widget, if it is still there. */
  async #resume(): Promise<void> {
    const target = this.#target, token = this.#token, generation = this.#generation;
    if (!target || !token) return;
    try {
      const session = await startSession(target, this.#identity({ token }));
      if (generation !== this.#generation) return;
      this.#adopt(session);
      this.entries = session.messages.map(entryFromMessage);
    } catch (error) {
      if (generation !== this.#generation) return;
      // Unusable token: forget it, and let the next message start afresh.
      if (error instanceof ApiFailure && error.status === 401) this.#forgetSession();
      else this.#showFailure(error, false);
    }
    this.#changed();
  }

  async #ensureSession(): Promise<string> {
    await this.#resumed;
    if (this.#token) return this.#token;
    this.#sessionRequest ??= this.#createSession().finally(() => (this.#sessionRequest = null));
    return this.#sessionRequest;
  }

  async #createSession(): Promise<string> {
    const target = this.#target, generation = this.#generation;
    if (!target) throw new Error("No widget to talk to");
    const session = await startSession(target, this.#identity({}));
    if (generation !== this.#generation) throw new Error("The widget changed meanwhile");
    this.#adopt(session);
    return session.token;
  }

  #adopt(session: SessionResponse): void {
    this.#token = session.token;
    this.status = session.status;
    this.#liveCursor = session.liveCursor;
    this.#askForRating(session.handoff);
    this.#store?.save(session.token);
  }

  #forgetSession(): void {
    this.#token = null;
    this.#store?.clear();
  }

  /** The host site's signed-in customer, when it gave both halves of the proof. */
  #identity(body: StartSessionBody): StartSessionBody {
    const { userId, userHash } = this.#host;
    return userId && userHash ? { ...body, userId, userHash } : body;
  }

  /**
   * Streams the answer to `message`, retrying a stream that breaks off (or a request that fails on
   * the way) with the same clientMessageId; an expired session is replaced once.
   */
  async #deliver(message: SendMessageBody): Promise<void> {
    const target = this.#target, generation = this.#generation;
    if (!target) return;
    const abort = new AbortController();
    const answerKey = `${message.clientMessageId}:answer`;
    this.#delivery = abort;
    this.#unanswered = message;
    this.answering = true;
    this.notice = null;
    let failure: unknown = null;
    let renewedSession = false;
    for (let attempt = 0; !abort.signal.aborted; ) {
      failure = null;
      this.#startAnswer(answerKey); // a retry replays the whole answer, so it starts from nothing again
      try {
        const token = await this.#ensureSession();
        const end = await streamMessage(
          target,
          token,
          message,
          (event) => generation === this.#generation && this.#applyStreamEvent(event, message, answerKey),
          abort.signal,
        );
        if (generation !== this.#generation) return;
        if (end !== "cut-off") return this.#finishAnswer(answerKey, token);
      } catch (error) {
        if (generation !== this.#generation) return;
        failure = error;
      }
      if (failure instanceof ApiFailure && failure.status === 401 && !renewedSession) {
        renewedSession = true;
        this.#forgetSession();
        continue;
      }
      const transient = !failure || (failure instanceof ApiFailure && (failure.status === 0 || failure.status >= 500));
      if (!transient || attempt >= RETRY_DELAYS_MS.length) break;
      await delay(RETRY_DELAYS_MS[attempt++], abort.signal);
      if (generation !== this.#generation) return;
    }
    // Aborted means the element left the page: no failure of the visitor's to explain.
    this.#abandonAnswer(answerKey, abort.signal.aborted ? null : failure);
  }

  #applyStreamEvent(event: StreamEvent, message: SendMessageBody, answerKey: string): void {
    switch (event.type) {
      case "message":
        this.#patch(message.clientMessageId, () => ({ id: event.data.id }));
        break;
      case "token":
        this.#patch(answerKey, (answer) => ({ content: answer.content + event.data.text }));
        break;
      case "citations":
        this.#patch(answerKey, () => ({ citations: event.data.citations }));
        break;
      case "handoff": {
        const { reason, message, noticeId, availability } = event.data;
        // Availability comes with a handover this turn opened (or found open); without it, and
        // unless a person is already on it, this is an offer the visitor may take.
        const started = reason === "human_active" || availability !== undefined;
        if (started) this.status = "escalated";
        if (availability) this.#showAvailability(availability);
        if (noticeId) this.entries = withNotice(this.entries, noticeId, message, noticeId);
        else this.#patch(answerKey, () => ({ handoff: { message, offersAction: !started } }));
        break;
      }
      case "done":
        this.#patch(answerKey, () => ({ id: event.data.messageId }));
        break;
      case "error":
        this.notice = { text: event.data.message || STRINGS.serverTrouble, retry: false };
        this.#changed();
        break;
    }
  }

  #startAnswer(answerKey: string): void {
    const answer = { ...newEntry(answerKey, "assistant", ""), streaming: true };
    const exists = this.entries.some((entry) => entry.key === answerKey);
    this.entries = exists ? this.entries.map((entry) => (entry.key === answerKey ? answer : entry)) : [...this.entries, answer];
    this.#changed();
  }

  #finishAnswer(answerKey: string, token: string): void {
    this.#endAnswer(answerKey);
    this.#unanswered = null;
    this.#store?.save(token);
    if (this.#refreshWhenAnswered) void this.#refresh();
  }

  #abandonAnswer(answerKey: string, failure: unknown): void {
    this.#endAnswer(answerKey);
    if (failure) this.#showFailure(failure, true);
    else this.notice = { text: STRINGS.interrupted, retry: true };
  }

  /** Stops the answer streaming; drops it if nothing of it arrived (a `done` without an answer, an `error`, a failure). */
  #endAnswer(answerKey: string): void {
    this.entries = this.entries.flatMap((entry) => {
      if (entry.key !== answerKey) return [entry];
      return entry.content || entry.handoff ? [{ ...entry, streaming: false }] : [];
    });
    this.answering = false;
    this.#delivery = null;
    this.#changed();
  }

  /** Re-reads the history: another tab changed the conversation, or a person may have replied. */
  async #refresh(): Promise<void> {
    const target = this.#target, token = this.#token, generation = this.#generation;
    if (!target || !token || !this.#resumed || document.hidden) return;
    if (this.answering) {
      this.#refreshWhenAnswered = true;
      return;
    }
    this.#refreshWhenAnswered = false;
    try {
      const history = await fetchHistory(target, token);
      if (generation !== this.#generation || this.answering) return;
      this.status = history.status;
      this.entries = history.messages.map(entryFromMessage);
      this.#askForRating(history.handoff);
      // The stream starts again where this history ends, so nothing between the two is lost.
      this.#unfollow();
      this.#liveCursor = history.liveCursor;
    } catch (error) {
      if (generation !== this.#generation) return;
      if (error instanceof ApiFailure && error.status === 401) {
        this.#forgetSession();
        this.entries = [];
        this.status = null;
      }
      // Other failures: a background refresh is best-effort, and the next one may well work.
    }
    this.#changed();
  }

  /** Another tab saved (or dropped) this widget's session. */
  readonly #onStorage = (event: StorageEvent): void => {
    if (!this.#store || (event.key !== null && event.key !== this.#store.key)) return;
    const token = this.#store.read();
    if (token === this.#token) {
      void this.#refresh();
    } else if (token) {
      this.#token = token;
      void this.#refresh();
    } else {
      this.#forgetSession();
      this.entries = [];
      this.status = null;
      this.#changed();
    }
  };

  #showFailure(error: unknown, retry: boolean): void {
    if (error instanceof ApiFailure && error.status === 401) this.#forgetSession();
    this.notice = { text: describeFailure(error), retry };
    this.#changed();
  }

  #patch(key: string, change: (entry: ChatEntry) => Partial<ChatEntry>): void {
    this.entries = this.entries.map((entry) => (entry.key === key ? { ...entry, ...change(entry) } : entry));
    this.#changed();
  }

  /**
   * Follows the conversation live while the panel is open, and while a person is involved even
   * after it closes, so their replies are there when it opens again. Closed idle widgets hold no
   * connection: a page view costs the server nothing until the visitor opens the chat.
   */
  #followWhenUseful(): void {
    const target = this.#target, token = this.#token, liveCursor = this.#liveCursor, generation = this.#generation;
    const useful = target && token && liveCursor && this.#host.isConnected && (this.#host.panelVisible || this.status === "escalated");
    if (!useful) return this.#unfollow();
    this.#stopFollowing ??= followLiveEvents({
      target,
      token,
      after: liveCursor,
      onEvent: (event, cursor) => {
        if (generation !== this.#generation) return;
        this.#liveCursor = cursor;
        this.#applyLiveEvent(event);
      },
      onSessionGone: () => {
        if (generation !== this.#generation) return;
        this.#stopFollowing = null;
        this.#forgetSession();
        this.#changed();
      },
    });
  }

  #unfollow(): void {
    this.#stopFollowing?.();
    this.#stopFollowing = null;
  }

  #applyLiveEvent(event: LiveEvent): void {
    if (event.type === "message") {
      const shown = this.entries;
      this.entries = withMessage(shown, event.data.message);
      if (this.entries !== shown && !this.#host.panelVisible && event.data.message.role !== "visitor") this.unread++;
    } else {
      const { handoff, conversationStatus } = event.data;
      this.status = conversationStatus;
      const joinedKey = `joined:${handoff.agentName}`;
      if (handoff.status === "assigned" && handoff.agentName && !this.entries.some((entry) => entry.key === joinedKey)) {
        this.entries = [...this.entries, newEntry(joinedKey, "system", agentJoined(handoff.agentName))];
      }
      this.#askForRating(handoff);
    }
    this.#changed();
  }

  #askForRating(handoff: WidgetHandoffState | null): void {
    if (handoff?.ratingRequested) {
      if (this.survey !== "sending") this.survey = "open";
    } else if (this.survey === "open") {
      this.survey = null;
    }
  }

  async rate(rating: number, comment: string): Promise<void> {
    const target = this.#target, token = this.#token, generation = this.#generation;
    if (this.survey !== "open" || !target || !token) return;
    this.survey = "sending";
    this.#changed();
    let next: SurveyState = "thanks";
    try {
      await sendRating(target, token, comment ? { rating, comment } : { rating });
    } catch (error) {
      if (generation !== this.#generation) return;
      // 409: rated already (in another tab, say) or reopened meanwhile; either way there is nothing to ask.
      if (error instanceof ApiFailure && error.status === 409) next = null;
      else {
        next = "open";
        this.#showFailure(error, false);
      }
    }
    if (generation !== this.#generation) return;
    this.survey = next;
    this.#changed();
  }

  #showAvailability(availability: WidgetAvailability): void {
    this.contact = availability.agentsAvailable
      ? null
      : { message: availability.message, askEmail: availability.askEmail, sending: false, error: null, savedEmail: null };
  }

  async leaveEmail(email: string): Promise<void> {
    const target = this.#target, token = this.#token, generation = this.#generation, contact = this.contact;
    if (!contact || contact.sending || !target || !token) return;
    this.contact = { ...contact, sending: true, error: null };
    this.#changed();
    let result: Partial<ContactPrompt>;
    try {
      await sendContact(target, token, { email });
      result = { savedEmail: email };
    } catch (error) {
      result = { error: describeFailure(error) };
    }
    if (generation !== this.#generation) return;
    this.contact = { ...contact, ...result };
    this.#changed();
  }

  #changed(): void {
    if (this.#token && this.status) this.#store?.rememberPerson(this.#token, this.status === "escalated");
    this.#host.requestUpdate();
  }
}
