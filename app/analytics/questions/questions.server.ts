import { withTenant } from "../../../db/tenant-scope";
import type { ReportWindow } from "../overview/date-range";

export interface QuestionGroupReport {
  id: string;
  representative: string;
  /** Questions of the group asked in the period. */
  asked: number;
  /** Up to three different wordings, most recent first. */
  examples: string[];
  /** Share of the questions answered without the conversation being handed to the team; null when none. */
  resolutionRate: number | null;
  /** Helpful share of the votes on the answers to the questions; null when nobody voted. */
  satisfaction: number | null;
  votes: number;
  lastAskedAt: string;
}

const EXAMPLES_PER_GROUP = 3;
/** Recent wordings read per group to find three different ones: visitors often repeat a question word for word. */
const WORDINGS_READ = 20;

/**
 * The groups most asked about in the period, in one statement: the busiest groups are picked from the period's
 * visitor questions (messages_questions index), then only their questions are read again (by group and time,
 * messages_cluster_id_created_at_index) for outcomes, hand-overs and the votes on their answers. The answer to a
 * question is the first assistant message after it in its conversation.
 */
export async function listQuestionGroups({ tenantId, from, to, widgetId, limit = 20 }: ReportWindow & { tenantId: string; limit?: number }): Promise<QuestionGroupReport[]> {
  const byWidget = widgetId ? `and q.conversation_id in (select id from conversations where tenant_id = ? and widget_id = ?)` : "";
  const widgetParams = widgetId ? [tenantId, widgetId] : [];
  const rows = await withTenant(tenantId, (em) =>
    em.execute<{
      id: string; representative: string; asked: number; resolved: number; votes: number; helpful: number;
      last_asked_at: Date | string; wordings: string[];
    }[]>(
      `with busiest as (
         select q.cluster_id, count(*)::int as asked
           from messages q
          where q.tenant_id = ? and q.role = 'visitor' and q.created_at >= ? and q.created_at < ? and q.cluster_id is not null
            ${byWidget}
          group by q.cluster_id
          order by asked desc
          limit ?),
       questions as (
         select q.cluster_id, q.content, q.created_at,
                q.outcome = 'answered' and not exists (select 1 from escalations e where e.conversation_id = q.conversation_id) as resolved,
                answer.feedback
           from busiest b
           cross join lateral (
             select q.* from messages q
              where q.cluster_id = b.cluster_id and q.created_at >= ? and q.created_at < ?
                and q.tenant_id = ? and q.role = 'visitor' ${byWidget}) q
           left join lateral (
             select r.feedback from messages r
              where r.conversation_id = q.conversation_id and r.role = 'assistant' and r.created_at >= q.created_at
              order by r.created_at limit 1) answer on true)
       select g.id, g.representative, b.asked,
              count(*) filter (where qs.resolved)::int as resolved,
              count(qs.feedback)::int as votes,
              count(*) filter (where qs.feedback = 'helpful')::int as helpful,
              max(qs.created_at) as last_asked_at,
              (array_agg(qs.content order by qs.created_at desc))[1:${WORDINGS_READ}] as wordings
         from busiest b
         join question_clusters g on g.id = b.cluster_id
         join questions qs on qs.cluster_id = b.cluster_id
        group by g.id, g.representative, b.asked
        order by b.asked desc, last_asked_at desc`,
      [tenantId, from, to, ...widgetParams, limit, from, to, tenantId, ...widgetParams],
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    representative: row.representative,
    asked: Number(row.asked),
    examples: differentWordings(row.wordings),
    resolutionRate: row.asked > 0 ? Number(row.resolved) / Number(row.asked) : null,
    satisfaction: row.votes > 0 ? Number(row.helpful) / Number(row.votes) : null,
    votes: Number(row.votes),
    lastAskedAt: new Date(row.last_asked_at).toISOString(),
  }));
}

function differentWordings(wordings: string[]): string[] {
  const seen = new Map<string, string>();
  for (const wording of wordings) {
    const key = wording.trim().toLowerCase().replace(/[\s?!.]+/g, " ").trim();
    if (!seen.has(key)) seen.set(key, wording.trim());
  }
  return [...seen.values()].slice(0, EXAMPLES_PER_GROUP);
}
