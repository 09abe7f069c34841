const STYLES: Record<string, string> = {
  pending: "bg-slate-100 text-slate-700",
  processing: "bg-amber-100 text-amber-800",
  ready: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
};

const LABELS: Record<string, string> = { pending: "Queued", processing: "Indexing", ready: "Ready", failed: "Failed" };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.pending}`}>{LABELS[status] ?? status}</span>;
}

/** Embedding progress of one document, readable without colour (text + aria values). */
export function IndexProgress({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-24 rounded bg-slate-200">
        <div className="h-2 rounded bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs text-slate-500">{total ? `${done}/${total}` : "parsing"}</span>
    </div>
  );
}

const BADGE_TONES = {
  neutral: "bg-slate-100 text-slate-700",
  positive: "bg-green-100 text-green-800",
  brand: "bg-brand-50 text-brand-700",
  negative: "bg-red-100 text-red-800",
};

/** A short label beside a name, such as "Default" or "Disabled". */
export function Badge({ tone = "neutral", children }: { tone?: keyof typeof BADGE_TONES; children: React.ReactNode }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${BADGE_TONES[tone]}`}>{children}</span>;
}
