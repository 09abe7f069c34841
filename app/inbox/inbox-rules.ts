/**
 * What the inbox pages and the inbox services agree on: limits, labels, and the queue filters read
 * from the URL. No server code (and no entity imports, which would pull the ORM into the browser).
 */
import { z } from "zod";
import type { ESCALATION_PRIORITIES, ESCALATION_STATUSES, ESCALATION_TRIGGERS } from "../../db/entities/Escalation";
import { textField } from "../utils/forms";

export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export type EscalationPriority = (typeof ESCALATION_PRIORITIES)[number];
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

export const REPLY_MAX_CHARS = 10_000;
export const CANNED_TITLE_MAX_CHARS = 120;
export const CANNED_CONTENT_MAX_CHARS = 5_000;
export const QUEUE_PAGE_SIZE = 50;

/** Most pressing first, as the priority select lists them. */
export const PRIORITY_LABELS: Record<EscalationPriority, string> = { urgent: "Urgent", high: "High", normal: "Normal", low: "Low" };
export const PRIORITIES = Object.keys(PRIORITY_LABELS) as EscalationPriority[];

export const STATUS_LABELS: Record<EscalationStatus, string> = { open: "Open", assigned: "Assigned", waiting: "Waiting on customer", resolved: "Resolved" };

export const TRIGGER_LABELS: Record<EscalationTrigger, string> = {
  visitor_request: "Asked for a person",
  low_confidence: "Assistant unsure",
  negative_feedback: "Unhelpful answers",
  keyword_rule: "Keyword rule",
  agent: "Opened by an agent",
};

export const STATUS_FILTERS = ["unresolved", "open", "assigned", "waiting", "resolved"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const UNRESOLVED: readonly EscalationStatus[] = ["open", "assigned", "waiting"];

export interface QueueFilters {
  status: StatusFilter;
  priority?: EscalationPriority;
  /** Only escalations assigned to the user looking. */
  mine: boolean;
  unassigned: boolean;
  widgetId?: string;
  /** 1-based. */
  page: number;
}

const flag = z
  .string()
  .optional()
  .transform((value) => value === "1")
  .catch(false);

/** A hand-edited or stale URL falls back to the default for that filter rather than failing the page. */
const QueueFiltersSchema = z.object({
  status: z.enum(STATUS_FILTERS).catch("unresolved"),
  priority: z.enum(PRIORITIES as [EscalationPriority, ...EscalationPriority[]]).optional().catch(undefined),
  mine: flag,
  unassigned: flag,
  widget: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export function queueFiltersFrom(params: URLSearchParams): QueueFilters {
  const { widget, ...filters } = QueueFiltersSchema.parse({
    status: params.get("status") ?? undefined,
    priority: params.get("priority") ?? undefined,
    mine: params.get("mine") ?? undefined,
    unassigned: params.get("unassigned") ?? undefined,
    widget: params.get("widget") ?? undefined,
    page: params.get("page") ?? undefined,
  });
  return { ...filters, widgetId: widget };
}

/** Text an agent writes to a customer or colleague: trimmed, not empty, within `max`. */
function writtenText(label: string, emptyMessage: string, max: number) {
  return textField(label, max, { multiline: true }).refine((value) => value.length > 0, emptyMessage);
}

export const ReplyText = writtenText("A reply", "Write a reply first.", REPLY_MAX_CHARS);
export const NoteText = writtenText("A note", "Write the note first.", REPLY_MAX_CHARS);

export const CannedReplySchema = z.object({
  title: textField("The title", CANNED_TITLE_MAX_CHARS).refine((value) => value.length > 0, "Give the canned reply a title."),
  content: writtenText("A canned reply", "Write the text of the canned reply.", CANNED_CONTENT_MAX_CHARS),
});
export type CannedReplyInput = z.infer<typeof CannedReplySchema>;

/**
 * "due in 12 min", "overdue by 2 h 5 min": how far the first-reply deadline is from `now`. The
 * label says which way, so it does not depend on colour.
 */
export function slaLabel(dueAt: Date, now: Date): { text: string; breached: boolean } {
  const minutes = Math.round((dueAt.getTime() - now.getTime()) / 60_000);
  const breached = minutes < 0;
  const span = duration(Math.abs(minutes));
  return { text: breached ? `overdue by ${span}` : `due in ${span}`, breached };
}

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
  }
  return `${Math.floor(minutes / (24 * 60))} d`;
}
