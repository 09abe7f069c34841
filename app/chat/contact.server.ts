import { Conversation, EndUser } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { recordVisitorActivity } from "../escalations/announce.server";
import type { VisitorSession } from "./sessions.server";
import type { VisitorWidget } from "./widget-access.server";
import type { ContactBody } from "./widget-api";

/**
 * An email (and name) the visitor left so the team can follow up after they have gone. Stored on
 * the conversation's end user, who is created for an anonymous visitor; an escalation already open
 * without an end user gets this one, and open inboxes are told so the contact shows up.
 */
export async function saveContact({ widget, session, contact }: { widget: VisitorWidget; session: VisitorSession; contact: ContactBody }): Promise<void> {
  await withTenant(widget.tenantId, async (em) => {
    const conversation = await em.findOneOrFail(Conversation, { id: session.conversationId, tenant: widget.tenantId }, { populate: ["endUser"] });
    const details = { email: contact.email.toLowerCase(), ...(contact.name ? { name: contact.name } : {}) };
    const endUser = conversation.endUser?.$ ?? em.create(EndUser, { tenant: widget.tenantId, metadata: {} });
    em.assign(endUser, { ...details, lastSeenAt: new Date() });
    em.assign(conversation, { endUser });
    await em.flush();
      await recordVisitorActivity(em, { tenantId: widget.tenantId, conversationId: session.conversationId, endUserId: endUser.id });
  });
}
