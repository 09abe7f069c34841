import { z } from "zod";
import { LEAD_STATUSES } from "../../db/entities/lead-statuses";

export type LeadStatus = (typeof LEAD_STATUSES)[number];
export { LEAD_STATUSES };

export const LEADS_PAGE_SIZE = 50;

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: "New",
  contacted: "Contacted",
  qualified: "Qualified",
  converted: "Converted",
  lost: "Lost",
};

export interface LeadFilters {
  status: LeadStatus | null;
  /** Inclusive UTC days, YYYY-MM-DD, on when the lead was first noticed. */
  from: string | null;
  to: string | null;
  search: string;
  page: number;
}

const Day = z.iso.date().nullable().catch(null);

const FiltersSchema = z.object({
  status: z.enum(LEAD_STATUSES).nullable().catch(null),
  from: Day,
  to: Day,
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The leads page's (and export's) filters from its URL; anything unreadable falls back to "any". */
export function leadFiltersFrom(params: URLSearchParams): LeadFilters {
  const parsed = FiltersSchema.parse({
    status: params.get("status"),
    from: params.get("from") || null,
    to: params.get("to") || null,
    q: params.get("q") ?? "",
    page: params.get("page") ?? undefined,
  });
  return { status: parsed.status, from: parsed.from, to: parsed.to, search: parsed.q, page: parsed.page };
}
