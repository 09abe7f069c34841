import { z } from "zod";

export const CUSTOMERS_PAGE_SIZE = 50;

export const CUSTOMER_SORTS = ["last_seen", "conversations", "sentiment_low", "sentiment_high"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const CUSTOMER_SORT_LABELS: Record<CustomerSort, string> = {
  last_seen: "Last seen",
  conversations: "Most conversations",
  sentiment_low: "Lowest sentiment",
  sentiment_high: "Highest sentiment",
};

export interface CustomerFilters {
  search: string;
  sort: CustomerSort;
  page: number;
}

const FiltersSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  sort: z.enum(CUSTOMER_SORTS).catch("last_seen"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The list's filters from the page URL; anything unreadable falls back to the default. */
export function customerFiltersFrom(params: URLSearchParams): CustomerFilters {
  const parsed = FiltersSchema.parse({ q: params.get("q") ?? "", sort: params.get("sort") ?? undefined, page: params.get("page") ?? undefined });
  return { search: parsed.q, sort: parsed.sort, page: parsed.page };
}
