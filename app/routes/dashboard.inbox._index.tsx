import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { PageHeader, Panel } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { EscalationStatusBadge, PriorityBadge, SlaCountdown, UnreadDot } from "~/inbox/inbox-badges";
import { PRIORITIES, PRIORITY_LABELS, queueFiltersFrom, STATUS_LABELS, TRIGGER_LABELS, type StatusFilter } from "~/inbox/inbox-rules";
import { listEscalations, touchPresence } from "~/inbox/inbox.server";
import { useLiveRevalidation } from "~/inbox/use-live-revalidation";
import { useFilterLink } from "~/utils/use-filter-link";
import { WidgetOptions } from "~/widgets/widget-options";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = queueFiltersFrom(new URL(request.url).searchParams);
  const queue = await listEscalations({ tenantId: user.tenant.id, userId: user.id, filters });
  await touchPresence({ tenantId: user.tenant.id, userId: user.id });
  return { ...queue, filters };
}

const STATUS_TABS: { value: StatusFilter; label: string }[] = [
  { value: "unresolved", label: "Unresolved" },
  { value: "open", label: STATUS_LABELS.open },
  { value: "assigned", label: STATUS_LABELS.assigned },
  { value: "waiting", label: STATUS_LABELS.waiting },
  { value: "resolved", label: STATUS_LABELS.resolved },
];

function formatTime(value: Date | string) {
  return new Date(value).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

export default function InboxQueue() {
  const { rows, counts, widgets, filters, page, hasNextPage, liveCursor } = useLoaderData<typeof loader>();
  const link = useFilterLink();
  const submit = useSubmit();
  useLiveRevalidation({ liveCursor });

  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`;

  return (
    <div className="max-w-7xl space-y-6">
      <PageHeader
        title="Inbox"
        description="Conversations handed over to your team, most pressing first. The list updates by itself."
        actions={
          <Link to="/dashboard/inbox/canned" className="text-sm font-medium text-brand-700 hover:underline">
            Canned replies
          </Link>
        }
      />

      <nav aria-label="Status" className="flex flex-wrap gap-1">
        {STATUS_TABS.map((tab) => (
          <Link key={tab.value} to={link({ status: tab.value === "unresolved" ? null : tab.value })} className={tabClass(filters.status === tab.value)} aria-current={filters.status === tab.value ? "page" : undefined}>
            {tab.label} <span className="text-slate-500">({counts[tab.value].toLocaleString()})</span>
          </Link>
        ))}
      </nav>

      <Form method="get" className="flex flex-wrap items-end gap-4" onChange={(event) => submit(event.currentTarget)}>
        {filters.status !== "unresolved" ? <input type="hidden" name="status" value={filters.status} /> : null}
        <fieldset className="flex gap-1">
          <legend className="sr-only">Assignee</legend>
          <Link to={link({ mine: null, unassigned: null })} className={tabClass(!filters.mine && !filters.unassigned)}>
            Everyone&apos;s
          </Link>
          <Link to={link({ mine: "1", unassigned: null })} className={tabClass(filters.mine)}>
            Mine <span className="text-slate-500">({counts.mine.toLocaleString()})</span>
          </Link>
          <Link to={link({ unassigned: "1", mine: null })} className={tabClass(filters.unassigned)}>
            Unassigned <span className="text-slate-500">({counts.unassigned.toLocaleString()})</span>
          </Link>
        </fieldset>
        {filters.mine ? <input type="hidden" name="mine" value="1" /> : null}
        {filters.unassigned ? <input type="hidden" name="unassigned" value="1" /> : null}
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Priority</span>
          <select name="priority" defaultValue={filters.priority ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="">Any</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </select>
        </label>
        {widgets.length > 1 ? (
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Widget</span>
            <select name="widget" defaultValue={filters.widgetId ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              <WidgetOptions widgets={widgets} />
            </select>
          </label>
        ) : null}
        <noscript>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Filter
          </button>
        </noscript>
      </Form>

      <Panel>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">{filters.status === "resolved" ? "Nothing resolved yet." : "Nothing waiting here. When the assistant hands a conversation over, it appears at once."}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th scope="col" className="w-4 py-2 pr-2">
                    <span className="sr-only">Unread</span>
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">Customer</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Priority</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{filters.status === "resolved" ? "Resolved" : "First reply"}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Assignee</th>
                  <th scope="col" className="py-2 font-medium">Last activity</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <tr key={row.id} className={row.unread ? "bg-brand-50/40" : undefined}>
                    <td className="py-3 pr-2 align-top">
                      <UnreadDot unread={row.unread} />
                    </td>
                    <td className="max-w-md py-3 pr-4 align-top">
                      <Link to={`/dashboard/inbox/${row.id}`} className={`text-brand-700 hover:underline ${row.unread ? "font-semibold" : "font-medium"}`}>
                        {row.endUserName ?? row.endUserEmail ?? "Anonymous visitor"}
                      </Link>
                      {row.endUserName && row.endUserEmail ? <span className="ml-2 text-xs text-slate-500">{row.endUserEmail}</span> : null}
                      {row.preview ? <p className="mt-1 truncate text-slate-600">“{row.preview}”</p> : null}
                      <p className="mt-1 text-xs text-slate-500">
                        {TRIGGER_LABELS[row.trigger]}
                        {row.widgetName ? ` · ${row.widgetName}` : ""}
                      </p>
                    </td>
                    <td className="py-3 pr-4 align-top">
                      <PriorityBadge priority={row.priority} />
                    </td>
                    <td className="py-3 pr-4 align-top">
                      <EscalationStatusBadge status={row.status} />
                    </td>
                    <td className="py-3 pr-4 align-top whitespace-nowrap">
                      {row.status === "resolved" ? (row.resolvedAt ? formatTime(row.resolvedAt) : "—") : <SlaCountdown dueAt={row.slaDueAt} />}
                    </td>
                    <td className="py-3 pr-4 align-top">{row.assigneeName ?? <span className="text-slate-500">Nobody yet</span>}</td>
                    <td className="py-3 align-top whitespace-nowrap text-slate-600">{formatTime(row.lastActivityAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} hasNextPage={hasNextPage} hrefFor={(target) => link({ page: target === 1 ? null : String(target) })} className="mt-4" />
      </Panel>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Inbox · Helpdesk" }];
