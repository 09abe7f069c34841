import { useEffect, useState } from "react";
import { PRIORITY_LABELS, slaLabel, STATUS_LABELS, type EscalationPriority, type EscalationStatus } from "./inbox-rules";

const PRIORITY_TONES: Record<EscalationPriority, string> = {
  urgent: "bg-red-100 text-red-800",
  high: "bg-amber-100 text-amber-800",
  normal: "bg-slate-100 text-slate-700",
  low: "bg-slate-50 text-slate-500",
};

export function PriorityBadge({ priority }: { priority: EscalationPriority }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${PRIORITY_TONES[priority]}`}>{PRIORITY_LABELS[priority]}</span>;
}

const STATUS_TONES: Record<EscalationStatus, string> = {
  open: "bg-brand-50 text-brand-700",
  assigned: "bg-green-100 text-green-800",
  waiting: "bg-amber-50 text-amber-800",
  resolved: "bg-slate-100 text-slate-600",
};

export function EscalationStatusBadge({ status }: { status: EscalationStatus }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}

/** A dot for the eye, words for screen readers. */
export function UnreadDot({ unread }: { unread: boolean }) {
  if (!unread) return null;
  return (
    <span className="inline-flex items-center">
      <span aria-hidden="true" className="h-2 w-2 rounded-full bg-brand-600" />
      <span className="sr-only">Unread</span>
    </span>
  );
}

const TICK_MS = 30_000;

/**
 * "due in 12 min" / "overdue by 5 min", red once breached, kept current every 30 s. The server's
 * and the browser's clocks render it apart by a few seconds, hence no hydration warning on it.
 */
export function SlaCountdown({ dueAt, stopped }: { dueAt: Date | string | null; stopped?: boolean }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (stopped || !dueAt) return;
    const timer = setInterval(() => setNow(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, [stopped, dueAt]);
  if (!dueAt || stopped) return <span className="text-slate-400">—</span>;
  const due = new Date(dueAt);
  const { text, breached } = slaLabel(due, now);
  return (
    <time dateTime={due.toISOString()} title={due.toLocaleString()} suppressHydrationWarning className={breached ? "font-medium text-red-700" : "text-slate-700"}>
      {text}
    </time>
  );
}
