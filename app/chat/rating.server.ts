import { withTenant } from "../../db/tenant-scope";
import type { VisitorSession } from "./sessions.server";
import type { VisitorWidget } from "./widget-access.server";
import type { RatingBody } from "./widget-api";
import { WidgetApiFailure } from "./widget-http.server";

/**
 * Stores the visitor's rating of the conversation's latest handover, once it is resolved. The
 * unique escalation_id decides between two ratings sent at once (two tabs, a double click): the
 * second insert finds the first and changes nothing.
 */
export async function rateHandover({ widget, session, body }: { widget: VisitorWidget; session: VisitorSession; body: RatingBody }): Promise<void> {
  await withTenant(widget.tenantId, async (em) => {
    const [latest] = await em.execute<{ id: string; status: string }[]>(
      `select id, status from escalations where tenant_id = ? and conversation_id = ? order by created_at desc limit 1`,
      [widget.tenantId, session.conversationId],
    );
    if (latest?.status !== "resolved") {
      throw new WidgetApiFailure(409, "not_resolved", "There is no finished conversation with our team to rate yet.");
    }
    const inserted = await em.execute<{ id: string }[]>(
      `insert into survey_responses (id, tenant_id, conversation_id, end_user_id, escalation_id, rating, comment)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)
       on conflict (escalation_id) do nothing returning id`,
      [widget.tenantId, session.conversationId, session.endUserId, latest.id, body.rating, body.comment ?? ""],
    );
    if (!inserted.length) throw new WidgetApiFailure(409, "already_rated", "You have already rated this conversation. Thank you!");
  });
}
