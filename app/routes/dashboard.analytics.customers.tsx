import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AnalyticsTabs } from "~/analytics/analytics-tabs";
import { CUSTOMER_SORT_LABELS, CUSTOMER_SORTS, customerFiltersFrom } from "~/analytics/insights/customer-filters";
import { listCustomers } from "~/analytics/insights/customers.server";
import { SentimentBadge } from "~/analytics/insights/sentiment-badge";
import { requireUser } from "~/auth/require-user.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader, Panel } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { Badge } from "~/components/status-badge";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = customerFiltersFrom(new URL(request.url).searchParams);
  return { ...(await listCustomers({ tenantId: user.tenant.id, filters })), filters };
}

function formatDate(value: Date | string) {
  return new Date(value).toLocaleDateString(undefined, { dateStyle: "medium" });
}

function usePageLink() {
  const [params] = useSearchParams();
  return (page: number) => {
    const next = new URLSearchParams(params);
    if (page === 1) next.delete("page");
    else next.set("page", String(page));
    return `?${next}`;
  };
}

export default function Customers() {
  const { rows, page, hasNextPage, filters } = useLoaderData<typeof loader>();
  const pageLink = usePageLink();
  return (
    <div className="max-w-7xl">
      <PageHeader title="Analytics" description="Who your customers are, how often they come back and how they feel." />
      <AnalyticsTabs />
      <div className="space-y-6">
        <Form method="get" className="flex flex-wrap items-end gap-4" role="search">
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Search</span>
            <input type="search" name="q" defaultValue={filters.search} placeholder="Name, email or customer id" className="mt-1 w-72 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" />
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Sort by</span>
            <select name="sort" defaultValue={filters.sort} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              {CUSTOMER_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {CUSTOMER_SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
            Show
          </button>
        </Form>

        <Panel>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-500">{filters.search ? "No customer matches that search." : "No customers yet. They appear here once they chat through a widget."}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Customer</th>
                    <th scope="col" className="py-2 pr-4 font-medium">First seen</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Last seen</th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">Conversations</th>
                    <th scope="col" className="py-2 font-medium">Average sentiment</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((customer) => (
                    <tr key={customer.id}>
                      <td className="py-3 pr-4 align-top">
                        <Link to={`/dashboard/analytics/customers/${customer.id}`} className="font-medium text-brand-700 hover:underline">
                          {customer.name ?? customer.email ?? customer.externalId ?? "Anonymous visitor"}
                        </Link>
                        {customer.identityVerified ? <span className="ml-2"><Badge tone="positive">Verified</Badge></span> : null}
                        <p className="mt-1 text-xs text-slate-500">{[customer.name ? customer.email : null, customer.externalId].filter(Boolean).join(" · ")}</p>
                      </td>
                      <td className="py-3 pr-4 align-top whitespace-nowrap">{formatDate(customer.firstSeenAt)}</td>
                      <td className="py-3 pr-4 align-top whitespace-nowrap">{formatDate(customer.lastSeenAt)}</td>
                      <td className="py-3 pr-4 text-right align-top">{customer.conversationCount.toLocaleString()}</td>
                      <td className="py-3 align-top">
                        <SentimentBadge score={customer.averageSentiment} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={page} hasNextPage={hasNextPage} hrefFor={pageLink} className="mt-4" />
        </Panel>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Customers · Analytics · Helpdesk" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
