import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError, FormNotice, SelectField, SubmitButton, TextAreaField } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { Badge } from "~/components/status-badge";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, leadFiltersFrom, type LeadStatus } from "~/leads/lead-filters";
import { LeadUpdateSchema, MAX_NOTES } from "~/leads/lead-form";
import { listLeads, updateLead, type LeadRow } from "~/leads/leads.server";
import { UserFacingError } from "~/utils/errors";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { useFilterLink } from "~/utils/use-filter-link";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = leadFiltersFrom(new URL(request.url).searchParams);
  return { ...(await listLeads({ tenantId: user.tenant.id, filters })), filters, canEdit: hasRole(user.role, "agent") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "agent" });
  const parsed = parseForm(LeadUpdateSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    await updateLead({ actor: user, ...parsed.data });
    return { ok: true as const };
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const fieldErrors: FieldErrors = { form: [error.message] };
    return data({ ok: false as const, fieldErrors }, { status: error.status });
  }
}

function formatDate(value: Date | string) {
  return new Date(value).toLocaleDateString(undefined, { dateStyle: "medium" });
}

export default function Leads() {
  const { rows, counts, page, hasNextPage, filters, canEdit } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const link = useFilterLink();
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("page");

  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`;
  const tabs: { value: LeadStatus | null; label: string }[] = [{ value: null, label: "All" }, ...LEAD_STATUSES.map((status) => ({ value: status, label: LEAD_STATUS_LABELS[status] }))];

  return (
    <div className="max-w-7xl space-y-6">
      <PageHeader
        title="Leads"
        description="Visitors who asked about buying and left a way to reach them, noticed in their conversations."
        actions={
          <a href={`/dashboard/leads/export${exportQuery.size ? `?${exportQuery}` : ""}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50" download>
            Download CSV
          </a>
        }
      />

      <nav aria-label="Pipeline" className="flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <Link key={tab.label} to={link({ status: tab.value })} className={tabClass(filters.status === tab.value)} aria-current={filters.status === tab.value ? "page" : undefined}>
            {tab.label} <span className="text-slate-500">({counts[tab.value ?? "all"].toLocaleString()})</span>
          </Link>
        ))}
      </nav>

      <Form method="get" role="search" className="flex flex-wrap items-end gap-4">
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Search</span>
          <input type="search" name="q" defaultValue={filters.search} placeholder="Name, email, phone or interest" className="mt-1 w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">From</span>
          <input type="date" name="from" defaultValue={filters.from ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">To</span>
          <input type="date" name="to" defaultValue={filters.to ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          Filter
        </button>
        <p className="text-xs text-slate-500">Dates are when the lead was first noticed (UTC).</p>
      </Form>

      {rows.length === 0 ? (
        <Panel>
          <p className="text-sm text-slate-500">No leads here. When a visitor asks about pricing, a quote or a demo and leaves an email or phone number, they appear at once.</p>
        </Panel>
      ) : (
        <ul className="space-y-4">
          {rows.map((lead) => (
            <li key={lead.id}>
              <LeadCard lead={lead} canEdit={canEdit} />
            </li>
          ))}
        </ul>
      )}

      <Pagination page={page} hasNextPage={hasNextPage} hrefFor={(target) => link({ page: target === 1 ? null : String(target) })} />
    </div>
  );
}

function LeadCard({ lead, canEdit }: { lead: LeadRow; canEdit: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const title = lead.name ?? lead.email ?? lead.phone ?? "Unnamed visitor";
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={`lead-${lead.id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id={`lead-${lead.id}`} className="text-base font-semibold">
          {title} <Badge tone="brand">{LEAD_STATUS_LABELS[lead.status]}</Badge>
        </h2>
        <p className="text-xs text-slate-500">Noticed {formatDate(lead.createdAt)}</p>
      </div>
      <p className="mt-2 text-sm text-slate-700">{lead.intent || "Purchase interest"}</p>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {lead.email ? <Contact term="Email"><a href={`mailto:${lead.email}`} className="text-brand-700 hover:underline">{lead.email}</a></Contact> : null}
        {lead.phone ? <Contact term="Phone"><a href={`tel:${lead.phone.replace(/[^\d+]/g, "")}`} className="text-brand-700 hover:underline">{lead.phone}</a></Contact> : null}
        {lead.endUserId ? (
          <Contact term="Customer">
            <Link to={`/dashboard/analytics/customers/${lead.endUserId}`} className="text-brand-700 hover:underline">{lead.customerLabel ?? "Profile"}</Link>
          </Contact>
        ) : null}
      </dl>
      {canEdit ? (
        <fetcher.Form method="post" className="mt-4 grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
          <CsrfInput />
          <input type="hidden" name="leadId" value={lead.id} />
          <SelectField label="Status" name="status" defaultValue={lead.status} errors={errors?.status}>
            {LEAD_STATUSES.map((status) => (
              <option key={status} value={status}>
                {LEAD_STATUS_LABELS[status]}
              </option>
            ))}
          </SelectField>
          <TextAreaField label="Notes" name="notes" rows={2} maxLength={MAX_NOTES} defaultValue={lead.notes} errors={errors?.notes} />
          <SubmitButton pending={fetcher.state !== "idle"}>Save</SubmitButton>
          <div className="sm:col-span-3">
            <FormError message={errors?.form?.[0] ?? errors?.leadId?.[0]} />
            <FormNotice message={result?.ok ? "Saved." : undefined} />
          </div>
        </fetcher.Form>
      ) : lead.notes ? (
        <p className="mt-3 whitespace-pre-line rounded-md bg-slate-50 p-3 text-sm text-slate-700">{lead.notes}</p>
      ) : null}
    </article>
  );
}

function Contact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-1">
      <dt className="text-slate-500">{term}:</dt>
      <dd>{children}</dd>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Leads · Helpdesk" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
