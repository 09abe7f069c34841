import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../../db/tenant-scope";
import { recordAudit } from "../../audit/audit.server";
import type { ReportWindow } from "../overview/date-range";

/**
 * A knowledge gap is a group of questions the assistant could not answer well (outcome not_covered or
 * low_confidence). Its life, kept in question_clusters.gap_status and gap_updated_at:
 * - open: since gap_updated_at, the time of the unanswered question that opened it; the page counts only the
 *   unanswered questions from then on.
 * - dismissed by an admin, or closed when new knowledge answers it: gap_updated_at is when that happened. It opens
 *   again only for an unanswered question asked after that moment, so a dismissed gap stays away until customers
 *   ask again and still get no answer, and an answer that was slow to arrive never undoes a dismissal.
 */
const UNANSWERED = `('not_covered', 'low_confidence')`;
/** Questions shown under each gap, most recent first. */
const RECENT_QUESTIONS_PER_GAP = 5;

export async function openGap(em: EntityManager, { tenantId, groupId, askedAt }: { tenantId: string; groupId: string; askedAt: Date }): Promise<void> {
  await em.execute(
    `update question_clusters set gap_status = 'open', gap_updated_at = ?, updated_at = now()
      where id = ? and tenant_id = ? and (gap_status is null or (gap_status <> 'open' and gap_updated_at < ?))`,
    [askedAt, groupId, tenantId, askedAt],
  );
}

export interface GapQuestion {
  id: string;
  content: string;
  askedAt: string;
  conversationId: string;
  /** What the assistant replied, for the transcript excerpt. */
  reply: string | null;
  /** The conversation's hand-over to the team, when there was one: the inbox shows the whole conversation. */
  escalationId: string | null;
}

export interface KnowledgeGap {
  id: string;
  representative: string;
  /** Unanswered questions in the period since the gap opened. */
  unanswered: number;
  lastAskedAt: string;
  recentQuestions: GapQuestion[];
}

/** Open gaps ranked by how many of their questions went unanswered in the period. */
export async function listKnowledgeGaps({ tenantId, from, to, widgetId, limit = 25 }: ReportWindow & { tenantId: string; limit?: number }): Promise<KnowledgeGap[]> {
  const byWidget = widgetId ? `and q.conversation_id in (select id from conversations where tenant_id = ? and widget_id = ?)` : "";
  const widgetParams = widgetId ? [tenantId, widgetId] : [];
  const rows = await withTenant(tenantId, (em) =>
    em.execute<{ id: string; representative: string; unanswered: number; last_asked_at: Date | string; questions: GapQuestion[] }[]>(
      `with gaps as (
         select g.id, g.representative, g.gap_updated_at, count(*)::int as unanswered, max(q.created_at) as last_asked_at
           from messages q
           join question_clusters g on g.id = q.cluster_id and g.gap_status = 'open'
          where q.tenant_id = ? and q.role = 'visitor' and q.created_at >= ? and q.created_at < ?
            and q.cluster_id is not null and q.outcome in ${UNANSWERED} and q.created_at >= g.gap_updated_at
            ${byWidget}
          group by g.id
          order by unanswered desc, last_asked_at desc
          limit ?)
       select gaps.id, gaps.representative, gaps.unanswered, gaps.last_asked_at, recent.questions
         from gaps
         cross join lateral (
           select coalesce(json_agg(json_build_object(
                    'id', q.id, 'content', q.content, 'askedAt', q.created_at, 'conversationId', q.conversation_id,
                    'reply', reply.content, 'escalationId', escalation.id) order by q.created_at desc), '[]') as questions
             from (select q.id, q.content, q.created_at, q.conversation_id
                     from messages q
                    where q.cluster_id = gaps.id and q.created_at >= greatest(?::timestamptz, gaps.gap_updated_at) and q.created_at < ?
                      and q.role = 'visitor' and q.outcome in ${UNANSWERED} ${byWidget}
                    order by q.created_at desc
                    limit ${RECENT_QUESTIONS_PER_GAP}) q
             left join lateral (
               select r.content from messages r
                where r.conversation_id = q.conversation_id and r.role = 'assistant' and r.created_at >= q.created_at
                order by r.created_at limit 1) reply on true
             left join lateral (
               select e.id from escalations e where e.conversation_id = q.conversation_id order by e.created_at desc limit 1) escalation on true
         ) recent
        order by gaps.unanswered desc, gaps.last_asked_at desc`,
      [tenantId, from, to, ...widgetParams, limit, from, to, ...widgetParams],
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    representative: row.representative,
    unanswered: Number(row.unanswered),
    lastAskedAt: new Date(row.last_asked_at).toISOString(),
    recentQuestions: row.questions.map((question) => ({ ...question, askedAt: new Date(question.askedAt).toISOString() })),
  }));
}

/** Returns false when there is no such open gap in this tenant (already dismissed or closed, or another tenant's). */
export async function dismissGap({ tenantId, groupId, actorId }: { tenantId: string; groupId: string; actorId: string }): Promise<boolean> {
  return withTenant(tenantId, async (em) => {
    const dismissed = await em.execute<{ representative: string }[]>(
      `update question_clusters set gap_status = 'dismissed', gap_updated_at = now(), updated_at = now()
        where id = ? and tenant_id = ? and gap_status = 'open'
        returning representative`,
      [groupId, tenantId],
    );
    if (dismissed.length === 0) return false;
    recordAudit(em, { tenantId, actorId, action: "knowledge_gap.dismissed", targetType: "question_group", targetId: groupId, details: { question: dismissed[0].representative } });
    await em.flush();
    return true;
  });
}
