import type { EntityManager } from "@mikro-orm/postgresql";
import { withTenant } from "../../db/tenant-scope";
import { liveHead } from "../live/live-events.server";
import { QUEUE_PAGE_SIZE, UNRESOLVED, type EscalationPriority, type EscalationStatus, type EscalationTrigger, type QueueFilters } from "./inbox-rules";

export interface QueueRow {
  id: string;
  conversationId: string;
  endUserName: string | null;
  endUserEmail: string | null;
  widgetName: string | null;
  trigger: EscalationTrigger;
  reason: string;
  priority: EscalationPriority;
  status: EscalationStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  slaDueAt: Date | null;
  createdAt: Date;
  lastActivityAt: Date;
  resolvedAt: Date | null;
  /** Activity since this user last opened it (or they never have). */
  unread: boolean;
  /** The start of the customer's latest message. */
  preview: string | null;
}

/** The workspace's numbers behind each tab, whatever the current filters. */
export interface QueueCounts {
  unresolved: number;
  open: number;
  assigned: number;
  waiting: number;
  resolved: number;
  mine: number;
  unassigned: number;
}

export interface QueuePage {
  rows: QueueRow[];
  counts: QueueCounts;
  page: number;
  hasNextPage: boolean;
  widgets: { id: string; name: string }[];
  /** Follow the live stream from here: nothing changed after these rows is missed. */
  liveCursor: string;
}

const PREVIEW_CHARS = 160;

/**
 * Most urgent first: the earliest first-reply deadline (so breached ones lead), then the higher
 * priority, then the oldest. Resolved ones are history: the latest resolved first.
 */
function orderFor(status: QueueFilters["status"], alias: string): string {
  if (status === "resolved") return `${alias}.resolved_at desc nulls last, ${alias}.id`;
  return `${alias}.sla_due_at asc nulls last, array_position(array['low','normal','high','urgent'], ${alias}.priority::text) desc, ${alias}.created_at, ${alias}.id`;
}

/**
 * One page of the queue and the tab counts, in two statements. The page is chosen on
 * `escalations` alone (the escalations_queue index: tenant, status, priority, sla_due_at) and only
 * its 50 rows are joined to names, read marks and the latest customer message.
 */
export async function listEscalations({ tenantId, userId, filters }: { tenantId: string; userId: string; filters: QueueFilters }): Promise<QueuePage> {
  return withTenant(tenantId, async (em) => {
    const liveCursor = await liveHead(em);
    const rows = await queueRows(em, tenantId, userId, filters);
    return {
      rows: rows.slice(0, QUEUE_PAGE_SIZE),
      hasNextPage: rows.length > QUEUE_PAGE_SIZE,
      page: filters.page,
      counts: await queueCounts(em, tenantId, userId),
      widgets: await em.execute<{ id: string; name: string }[]>(`select id, name from widgets where tenant_id = ? order by name, id`, [tenantId]),
      liveCursor,
    };
  });
}

interface RawQueueRow {
  id: string;
  conversation_id: string;
  end_user_name: string | null;
  end_user_email: string | null;
  widget_name: string | null;
  trigger: EscalationTrigger;
  reason: string;
  priority: EscalationPriority;
  status: EscalationStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  sla_due_at: Date | null;
  created_at: Date;
  last_activity_at: Date;
  resolved_at: Date | null;
  unread: boolean;
  preview: string | null;
}

async function queueRows(em: EntityManager, tenantId: string, userId: string, filters: QueueFilters): Promise<QueueRow[]> {
  const statuses = filters.status === "unresolved" ? UNRESOLVED : [filters.status];
  const conditions = [`e.tenant_id = ?`, `e.status in (${statuses.map(() => "?").join(", ")})`];
  const params: unknown[] = [tenantId, ...statuses];
  if (filters.priority) {
    conditions.push(`e.priority = ?`);
    params.push(filters.priority);
  }
  if (filters.mine) {
    conditions.push(`e.assignee_id = ?`);
    params.push(userId);
  }
  if (filters.unassigned) conditions.push(`e.assignee_id is null`);
  let widgetJoin = "";
  if (filters.widgetId) {
    widgetJoin = `join conversations wc on wc.id = e.conversation_id and wc.widget_id = ?`;
    params.unshift(filters.widgetId);
  }
  const offset = (filters.page - 1) * QUEUE_PAGE_SIZE;
  const rows = await em.execute<RawQueueRow[]>(
    `with page as (
       select e.id, e.conversation_id, e.end_user_id, e.trigger, e.reason, e.priority, e.status, e.assignee_id,
              e.sla_due_at, e.created_at, e.last_activity_at, e.resolved_at
       from escalations e ${widgetJoin}
       where ${conditions.join(" and ")}
       order by ${orderFor(filters.status, "e")}
       limit ? offset ?
     )
     select p.id, p.conversation_id, p.trigger, p.reason, p.priority, p.status, p.assignee_id, p.sla_due_at, p.created_at,
            p.last_activity_at, p.resolved_at,
            eu.name as end_user_name, eu.email as end_user_email, w.name as widget_name, u.name as assignee_name,
            (r.read_at is null or p.last_activity_at > r.read_at) as unread,
            latest.preview
     from page p
     join conversations c on c.id = p.conversation_id
     left join widgets w on w.id = c.widget_id
     left join end_users eu on eu.id = coalesce(p.end_user_id, c.end_user_id)
     left join users u on u.id = p.assignee_id
     left join escalation_reads r on r.escalation_id = p.id and r.user_id = ?
     left join lateral (
       select left(m.content, ${PREVIEW_CHARS}) as preview from messages m
       where m.conversation_id = p.conversation_id and m.role = 'visitor'
       order by m.created_at desc limit 1
     ) latest on true
     order by ${orderFor(filters.status, "p")}`,
    [...params, QUEUE_PAGE_SIZE + 1, offset, userId],
  );
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversation_id,
    endUserName: row.end_user_name,
    endUserEmail: row.end_user_email,
    widgetName: row.widget_name,
    trigger: row.trigger,
    reason: row.reason,
    priority: row.priority,
    status: row.status,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    slaDueAt: row.sla_due_at ? new Date(row.sla_due_at) : null,
    createdAt: new Date(row.created_at),
    lastActivityAt: new Date(row.last_activity_at),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
    unread: row.unread,
    preview: row.preview,
  }));
}

async function queueCounts(em: EntityManager, tenantId: string, userId: string): Promise<QueueCounts> {
  const [counts] = await em.execute<Record<keyof QueueCounts, number>[]>(
    `select count(*) filter (where status <> 'resolved')::int as unresolved,
            count(*) filter (where status = 'open')::int as open,
            count(*) filter (where status = 'assigned')::int as assigned,
            count(*) filter (where status = 'waiting')::int as waiting,
            count(*) filter (where status = 'resolved')::int as resolved,
            count(*) filter (where status <> 'resolved' and assignee_id = ?)::int as mine,
            count(*) filter (where status <> 'resolved' and assignee_id is null)::int as unassigned
     from escalations where tenant_id = ?`,
    [userId, tenantId],
  );
  return counts;
}
