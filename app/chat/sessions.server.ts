import type { EntityManager } from "@mikro-orm/postgresql";
import { Conversation, EndUser, Message, type Citation } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { hashToken, randomToken } from "../auth/tokens.server";
import { verifyUserHash } from "../widgets/identity.server";
import type { VisitorWidget } from "./widget-access.server";
import { liveHead } from "../live/live-events.server";
import type { HistoryResponse, SessionResponse, StartSessionBody, WidgetCitation, WidgetHandoffState, WidgetMessage } from "./widget-api";
import { WidgetApiFailure } from "./widget-http.server";

/** A visitor's token lives this long after its last use; each message extends it. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export function sessionExpiry(from = Date.now()): Date {
  return new Date(from + SESSION_LIFETIME_MS);
}

export interface VisitorSession {
  conversationId: string;
  endUserId: string | null;
  status: Conversation["status"];
}

/**
 * Starts a conversation, or resumes the one a still-valid token names. The token is returned once
 * and stored only as its hash. A site that signs its customer's id (`userHash`) gets that customer
 * recognised across devices; a wrong signature is refused rather than silently ignored.
 */
export async function startSession({
  widget,
  body,
}: {
  widget: VisitorWidget;
  body: StartSessionBody;
}): Promise<{ created: boolean; session: SessionResponse }> {
  return withTenant(widget.tenantId, async (em) => {
    if (body.token) {
      const existing = await findSession(em, widget, body.token);
      if (existing) {
        existing.sessionExpiresAt = sessionExpiry();
        await em.flush();
        return { created: false, session: await sessionResponse(em, existing, body.token) };
      }
    }
    const endUser = await endUserFor(em, widget, body);
    const token = randomToken();
    const conversation = em.create(Conversation, {
      tenant: widget.tenantId,
      widget: widget.id,
      endUser,
      personality: widget.personalityId,
      sessionTokenHash: hashToken(token),
      sessionExpiresAt: sessionExpiry(),
      metadata: {},
    });
    await em.flush();
    return { created: true, session: await sessionResponse(em, conversation, token) };
  });
}

async function endUserFor(em: EntityManager, widget: VisitorWidget, body: StartSessionBody): Promise<EndUser> {
  const contact = { ...(body.name ? { name: body.name } : {}), ...(body.email ? { email: body.email.toLowerCase() } : {}) };
  if (!body.userId) return em.create(EndUser, { tenant: widget.tenantId, metadata: {}, ...contact });
  const secret = widget.identitySecret;
  if (!secret || !body.userHash || !verifyUserHash({ secret, userId: body.userId, userHash: body.userHash })) {
    throw new WidgetApiFailure(403, "identity_not_verified", "The signed-in customer could not be verified (userHash does not match userId).", {
      field: "userHash",
    });
  }
  const known = await em.findOne(EndUser, { tenant: widget.tenantId, externalId: body.userId });
  if (known) {
    em.assign(known, { lastSeenAt: new Date(), identityVerified: true, ...contact });
    return known;
  }
  return em.create(EndUser, { tenant: widget.tenantId, externalId: body.userId, identityVerified: true, metadata: {}, ...contact });
}

async function findSession(em: EntityManager, widget: VisitorWidget, token: string): Promise<Conversation | null> {
  const conversation = await em.findOne(Conversation, { tenant: widget.tenantId, widget: widget.id, sessionTokenHash: hashToken(token) });
  if (!conversation || !conversation.sessionExpiresAt || conversation.sessionExpiresAt.getTime() <= Date.now()) return null;
  return conversation;
}

/** The conversation a bearer token opens, or a 401 the widget answers by starting afresh. */
export async function authenticateVisitor({ widget, token }: { widget: VisitorWidget; token: string | null }): Promise<VisitorSession> {
  if (!token) throw new WidgetApiFailure(401, "session_required", "Start a chat session first (missing bearer token).");
  const conversation = await withTenant(widget.tenantId, (em) => findSession(em, widget, token));
  if (!conversation) throw new WidgetApiFailure(401, "session_invalid", "This chat session has expired or is not valid. Start a new one.");
  return { conversationId: conversation.id, endUserId: conversation.endUser?.id ?? null, status: conversation.status };
}

async function sessionResponse(em: EntityManager, conversation: Conversation, token: string): Promise<SessionResponse> {
  return {
    token,
    conversationId: conversation.id,
    expiresAt: (conversation.sessionExpiresAt ?? sessionExpiry()).toISOString(),
    ...(await visitorView(em, conversation.id)),
  };
}

export async function conversationHistory({ widget, session }: { widget: VisitorWidget; session: VisitorSession }): Promise<HistoryResponse> {
  return withTenant(widget.tenantId, (em) => visitorView(em, session.conversationId));
}

/**
 * The conversation as the visitor sees it, and the live cursor to follow it from. The cursor is
 * read first: whatever happens after it reaches the widget live (at worst a message it already
 * has, which it shows once, by id), so nothing falls between the two.
 */
async function visitorView(em: EntityManager, conversationId: string): Promise<HistoryResponse> {
  const liveCursor = await liveHead(em);
  const conversation = await em.findOneOrFail(Conversation, { id: conversationId }, { fields: ["status"] });
  return {
    status: conversation.status,
    messages: await visibleMessages(em, conversationId),
    handoff: await handoffState(em, conversationId),
    liveCursor,
  };
}

/** The conversation's latest handover, as the visitor may see it. */
export async function handoffState(em: EntityManager, conversationId: string): Promise<WidgetHandoffState | null> {
  const [latest] = await em.execute<{ status: WidgetHandoffState["status"]; agent_name: string | null; rated: boolean }[]>(
    `select e.status, u.name as agent_name, exists (select 1 from survey_responses s where s.escalation_id = e.id) as rated
     from escalations e left join users u on u.id = e.assignee_id
     where e.conversation_id = ? order by e.created_at desc limit 1`,
    [conversationId],
  );
  if (!latest) return null;
  return { status: latest.status, agentName: latest.agent_name, ratingRequested: latest.status === "resolved" && !latest.rated };
}

const VISIBLE_HISTORY_LIMIT = 200;

/** What the visitor may see: everything but agents' internal notes. */
export async function visibleMessages(em: EntityManager, conversationId: string): Promise<WidgetMessage[]> {
  const latestFirst = await em.find(
    Message,
    { conversation: conversationId, role: { $ne: "note" } },
    { orderBy: { createdAt: "desc", id: "desc" }, limit: VISIBLE_HISTORY_LIMIT, populate: ["author"] },
  );
  return latestFirst.reverse().map(toWidgetMessage);
}

export function toWidgetMessage(message: Message): WidgetMessage {
  return {
    id: message.id,
    role: message.role === "note" ? "system" : message.role,
    content: message.content,
    authorName: message.role === "agent" && message.author?.isInitialized() ? message.author.unwrap().name : null,
    citations: widgetCitations(message.citations),
    feedback: message.feedback ?? null,
    createdAt: message.createdAt.toISOString(),
  };
}

/** What a visitor learns about a source: no chunk or document ids. */
export function widgetCitations(citations: Citation[]): WidgetCitation[] {
  return citations.map((citation) => ({
    index: citation.index,
    title: citation.title,
    ...(citation.section ? { section: citation.section } : {}),
    ...(citation.url ? { url: citation.url } : {}),
  }));
}
