import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AnalyticsTabs } from "~/analytics/analytics-tabs";
import { getCustomerProfile } from "~/analytics/insights/customers.server";
import { SentimentBadge } from "~/analytics/insights/sentiment-badge";
import { requireUser } from "~/auth/require-user.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader, Panel } from "~/components/page-header";
import { Badge } from "~/components/status-badge";
import { LEAD_STATUS_LABELS } from "~/leads/lead-filters";
import { notFound } from "~/utils/errors";

const EndUserId = z.uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const endUserId = EndUserId.safeParse(params.endUserId);
  if (!endUserId.success) notFound("That customer");
  return getCustomerProfile({ tenantId: user.tenant.id, endUserId: endUserId.data });
}

const CONVERSATION_STATUS_LABELS = { open: "Open", escalated: "With the team", resolved: "Resolved", closed: "Closed" } as const;

function formatDate(value: Date | string, withTime = false) {
  return new Date(value).toLocaleString(undefined, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
}

export default function CustomerProfile() {
  const { customer, conversations, leads } = useLoaderData<typeof loader>();
  const title = customer.name ?? customer.email ?? customer.externalId ?? "Anonymous visitor";
  return (
    <div className="max-w-7xl">
      <PageHeader title="Analytics" />
      <AnalyticsTabs />
      <div className="space-y-6">
        <p className="text-sm">
          <Link to="/dashboard/analytics/customers" className="text-brand-700 hover:underline">← Customers</Link>
        </p>
        <Panel>
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-xl font-semibold">{title}</h2>
            {customer.identityVerified ? <Badge tone="positive">Verified identity</Badge> : <Badge>Not verified</Badge>}
          </div>
          <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
            <Detail term="Email">{customer.email ?? "—"}</Detail>
            <Detail term="Customer id">{customer.externalId ?? "—"}</Detail>
            <Detail term="Average sentiment">
              <SentimentBadge score={customer.averageSentiment} />
            </Detail>
            <Detail term="First seen">{formatDate(customer.firstSeenAt, true)}</Detail>
            <Detail term="Last seen">{formatDate(customer.lastSeenAt, true)}</Detail>
            <Detail term="Conversations">{customer.conversationCount.toLocaleString()}</Detail>
          </dl>
        </Panel>

        <Panel title="Conversations">
          {conversations.length === 0 ? (
            <p className="text-sm text-slate-500">No conversations yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">Started</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                    <th scope="col" className="py-2 pr-4 text-right font-medium">Messages</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Sentiment</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Handed to the team</th>
                    <th scope="col" className="py-2 font-medium">Rating</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {conversations.map((conversation) => (
                    <tr key={conversation.id}>
                      <td className="py-2 pr-4 whitespace-nowrap">{formatDate(conversation.startedAt, true)}</td>
                      <td className="py-2 pr-4">{CONVERSATION_STATUS_LABELS[conversation.status]}</td>
                      <td className="py-2 pr-4 text-right">{conversation.messageCount.toLocaleString()}</td>
                      <td className="py-2 pr-4">
                        <SentimentBadge score={conversation.sentiment} />
                      </td>
                      <td className="py-2 pr-4">
                        {conversation.escalationId ? (
                          <Link to={`/dashboard/inbox/${conversation.escalationId}`} className="text-brand-700 hover:underline">
                            Yes, open in the inbox
                          </Link>
                        ) : conversation.escalated ? (
                          "Yes"
                        ) : (
                          "No"
                        )}
                      </td>
                      <td className="py-2">{conversation.rating === null ? "—" : `${conversation.rating} of 5`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Panel>

        <Panel title="Leads">
          {leads.length === 0 ? (
            <p className="text-sm text-slate-500">No purchase interest noticed in their conversations.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {leads.map((lead) => (
                <li key={lead.id} className="flex flex-wrap items-baseline gap-3 py-2">
                  <Badge tone="brand">{LEAD_STATUS_LABELS[lead.status]}</Badge>
                  <span className="text-slate-700">{lead.intent || "Purchase interest"}</span>
                  <span className="text-xs text-slate-500">{formatDate(lead.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm">
            <Link to="/dashboard/leads" className="text-brand-700 hover:underline">All leads</Link>
          </p>
        </Panel>
      </div>
    </div>
  );
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{term}</dt>
      <dd className="mt-1 font-medium text-slate-800">{children}</dd>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.customer.name ?? "Customer"} · Analytics · Helpdesk` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
