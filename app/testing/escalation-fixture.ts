import { Conversation, EndUser, Message } from "../../db/entities";
import { withTenant } from "../../db/tenant-scope";
import { openEscalation } from "../chat/escalate.server";

/** For tests: a customer's conversation handed to the team, as the widget does it. */
export async function escalateConversation(
  tenantId: string,
  { customer = "Jamie", message = "Where is my order?", widgetId, endUserId }: { customer?: string; message?: string; widgetId?: string; endUserId?: string } = {},
) {
  return withTenant(tenantId, async (em) => {
    const endUser = endUserId ? em.getReference(EndUser, endUserId) : em.create(EndUser, { tenant: tenantId, name: customer, email: `${customer.toLowerCase()}@example.test` });
    const conversation = em.create(Conversation, { tenant: tenantId, widget: widgetId, endUser });
    em.create(Message, { tenant: tenantId, conversation, role: "visitor", content: message });
    await em.flush();
    const { escalationId } = await openEscalation(em, { tenantId, conversationId: conversation.id, endUserId: endUser.id, trigger: "visitor_request", reason: "Asked for a person" });
    return { escalationId, conversationId: conversation.id, endUserId: endUser.id };
  });
}
