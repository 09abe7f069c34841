import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/require-user.server";
import { toCsv } from "~/leads/csv";
import { LEAD_STATUS_LABELS, leadFiltersFrom } from "~/leads/lead-filters";
import { leadsForExport } from "~/leads/leads.server";

/** The leads under the page's current filters, all pages, as a CSV download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const rows = await leadsForExport({ actor: user, filters: leadFiltersFrom(url.searchParams) });
  const csv = toCsv(
    ["Noticed", "Status", "Name", "Email", "Phone", "Interest", "Notes", "Customer profile"],
    rows.map((lead) => [
      lead.createdAt.toISOString(),
      LEAD_STATUS_LABELS[lead.status],
      lead.name,
      lead.email,
      lead.phone,
      lead.intent,
      lead.notes,
      lead.endUserId ? `${url.origin}/dashboard/analytics/customers/${lead.endUserId}` : null,
    ]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="leads-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
