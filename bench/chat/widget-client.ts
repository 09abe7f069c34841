import { randomUUID } from "node:crypto";
import type { SessionResponse, StreamEvents, WidgetApiError } from "../../app/chat/widget-api";
import { createSseParser } from "../../widget/src/api/sse";
import { VISITOR_ADDRESS_HEADER } from "./app-server";

/** One question and how its answer arrived, timed from just before the POST was sent. */
export interface Turn {
  conversationId: string;
  /** performance.now() just before the POST was sent. */
  sentAt: number;
  /** HTTP status, or 0 when the request failed without one. */
  status: number;
  firstTokenMs: number | null;
  doneMs: number | null;
  done: StreamEvents["done"] | null;
  handoff: StreamEvents["handoff"]["reason"] | null;
  /** Why the turn failed (non-200, `error` event, no `done`, network), or null when it ended with `done`. */
  failure: string | null;
}

/**
 * A visitor as the widget is one: a session token, then questions POSTed with a fresh
 * clientMessageId and their event stream read to the end. No Origin header (a server-side client,
 * which the widget routes allow); the visitor's own address goes in the bench-only header.
 */
export class WidgetVisitor {
  private session: { token: string; conversationId: string } | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly publicId: string,
    private readonly address: string,
  ) {}

  get conversationId(): string {
    return this.started().conversationId;
  }

  private started() {
    if (!this.session) throw new Error("No session started.");
    return this.session;
  }

  async startSession(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/widget/${this.publicId}/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", [VISITOR_ADDRESS_HEADER]: this.address },
      body: "{}",
    });
    if (response.status !== 201) throw new Error(`Starting a session answered ${response.status}: ${await response.text()}`);
    const session = (await response.json()) as SessionResponse;
    this.session = { token: session.token, conversationId: session.conversationId };
  }

  async ask(content: string): Promise<Turn> {
    const { token, conversationId } = this.started();
    const sentAt = performance.now();
    const turn: Turn = { conversationId, sentAt, status: 0, firstTokenMs: null, doneMs: null, done: null, handoff: null, failure: null };
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api/widget/${this.publicId}/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, [VISITOR_ADDRESS_HEADER]: this.address },
        body: JSON.stringify({ content, clientMessageId: randomUUID() }),
      });
    } catch (error) {
      return { ...turn, failure: `network: ${error instanceof Error ? error.message : String(error)}` };
    }
    turn.status = response.status;
    if (response.status !== 200 || !response.body) {
      const body = (await response.json().catch(() => null)) as WidgetApiError | null;
      return { ...turn, failure: `HTTP ${response.status} ${body?.error?.code ?? ""}`.trim() };
    }

    const parser = createSseParser(({ type, data }) => {
      const now = performance.now() - sentAt;
      if (type === "token") {
        turn.firstTokenMs ??= now;
      } else if (type === "handoff") {
        turn.handoff = (JSON.parse(data) as StreamEvents["handoff"]).reason;
      } else if (type === "error") {
        turn.failure = `error event ${(JSON.parse(data) as StreamEvents["error"]).code}`;
      } else if (type === "done") {
        turn.doneMs = now;
        turn.done = JSON.parse(data) as StreamEvents["done"];
      }
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parser.push(chunk.value);
      parser.end();
    } catch (error) {
      turn.failure ??= `stream broke: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!turn.done) turn.failure ??= "stream ended without done";
    return turn;
  }
}
