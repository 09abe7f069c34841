import { Conversation, Escalation, Message, SurveyResponse, User, type Citation } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { hasRole } from "../auth/roles";
import { liveHead } from "../live/live-events.server";

const OTHER_CONVERSATIONS = 10;

export interface TranscriptEntry {
  id: string;
  role: Message["role"];
  /** Notes are for the team only; the customer never sees them. */
  internal: boolean;
  content: string;
  authorName: string | null;
  citations: Citation[];
  createdAt: Date;
}

/**
 * Everything an agent needs to pick up a conversation: the escalation, the whole transcript
 * (internal notes included, flagged), who the customer is and their other (latest 10) conversations, and the
 * rating they gave once it was resolved. Null when there is no such escalation in this workspace.
 */
export async function escalationDetail({ tenantId, escalationId }: { tenantId: string; escalationId: string }) {
  return withTenant(tenantId, async (em) => {
    const liveCursor = await liveHead(em);
    const escalation = await em.findOne(Escalation, { id: escalationId, tenant: tenantId }, { populate: ["assignee", "conversation.widget"] });
    if (!escalation) return null;
    const conversation = escalation.conversation.getEntity();
    const endUserRef = escalation.endUser ?? conversation.endUser;
    const endUser = endUserRef ? await endUserRef.load() : null;
    const messages = await em.find(Message, { conversation: conversation.id }, { orderBy: { createdAt: "asc", id: "asc" }, populate: ["author"] });
    const others = endUser
      ? await em.find(
          Conversation,
          { tenant: tenantId, endUser: endUser.id, id: { $ne: conversation.id } },
          { orderBy: { createdAt: "desc" }, limit: OTHER_CONVERSATIONS, fields: ["status", "createdAt", "lastMessageAt", "messageCount"] },
        )
      : [];
    const rating = await em.findOne(SurveyResponse, { escalation: escalation.id });
    const assignee = escalation.assignee?.getEntity() ?? null;
    return {
      liveCursor,
      escalation: {
        id: escalation.id,
        status: escalation.status,
        priority: escalation.priority,
        trigger: escalation.trigger,
        reason: escalation.reason,
        assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
        slaDueAt: escalation.slaDueAt ?? null,
        firstResponseAt: escalation.firstResponseAt ?? null,
        assignedAt: escalation.assignedAt ?? null,
        resolvedAt: escalation.resolvedAt ?? null,
        createdAt: escalation.createdAt,
      },
      conversation: {
        id: conversation.id,
        status: conversation.status,
        widgetName: conversation.widget?.getEntity().name ?? null,
        createdAt: conversation.createdAt,
      },
      transcript: messages.map(
        (message): TranscriptEntry => ({
          id: message.id,
          role: message.role,
          internal: message.role === "note",
          content: message.content,
          authorName: message.author?.getEntity().name ?? null,
          citations: message.role === "assistant" ? message.citations : [],
          createdAt: message.createdAt,
        }),
      ),
      endUser: endUser
        ? {
            name: endUser.name ?? null,
            email: endUser.email ?? null,
            externalId: endUser.externalId ?? null,
            identityVerified: endUser.identityVerified,
            firstSeenAt: endUser.firstSeenAt,
            lastSeenAt: endUser.lastSeenAt,
          }
        : null,
      otherConversations: others.map((other) => ({
        id: other.id,
        status: other.status,
        createdAt: other.createdAt,
        lastMessageAt: other.lastMessageAt ?? null,
        messageCount: other.messageCount,
      })),
      rating: rating ? { rating: rating.rating, comment: rating.comment, createdAt: rating.createdAt } : null,
    };
  });
}

export type EscalationDetail = NonNullable<Awaited<ReturnType<typeof escalationDetail>>>;

/** Who a conversation can be assigned to: everyone but viewers. */
export async function listAssignableTeammates({ tenantId }: { tenantId: string }) {
  return withTenant(tenantId, async (em) => {
    const users = await em.find(User, { tenant: tenantId }, { orderBy: { name: "asc", id: "asc" }, fields: ["name", "role"] });
    return users.filter((user) => hasRole(user.role, "agent")).map((user) => ({ id: user.id, name: user.name }));
  });
}
