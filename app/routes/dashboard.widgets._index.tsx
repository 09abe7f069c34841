import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { PageHeader, Panel } from "~/components/page-header";
import { Badge } from "~/components/status-badge";
import { listWidgets } from "~/widgets/widgets.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { widgets: await listWidgets({ tenantId: user.tenant.id }), canEdit: hasRole(user.role, "admin") };
}

export default function WidgetsPage() {
  const { widgets, canEdit } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title="Widgets"
        description="The chat widgets on your sites: where each may run, how it looks, and which personality answers."
        actions={
          canEdit ? (
            <Link to="/dashboard/widgets/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              New widget
            </Link>
          ) : null
        }
      />
      <Panel title={`Widgets (${widgets.length})`}>
        {widgets.length === 0 ? (
          <p className="text-sm text-slate-500">No widgets yet.{canEdit ? " Create one to get the script tag for your site." : ""}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Personality</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Allowed domains</th>
                  <th scope="col" className="py-2 font-medium">Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {widgets.map((widget) => (
                  <tr key={widget.id}>
                    <td className="py-2 pr-4">
                      <Link to={`/dashboard/widgets/${widget.id}`} className="font-medium text-brand-700 hover:underline">
                        {widget.name}
                      </Link>
                      <p className="font-mono text-xs text-slate-500">{widget.publicId}</p>
                    </td>
                    <td className="py-2 pr-4">{widget.isActive ? <Badge tone="positive">Active</Badge> : <Badge>Disabled</Badge>}</td>
                    <td className="py-2 pr-4">{widget.personality?.name ?? <span className="text-slate-500">Tenant default</span>}</td>
                    <td className="py-2 pr-4 text-slate-600">
                      {widget.allowedOrigins.length ? widget.allowedOrigins.join(", ") : <span className="text-slate-500">Preview and demo page only</span>}
                    </td>
                    <td className="py-2 text-slate-600">{new Date(widget.createdAt).toLocaleDateString(undefined, { dateStyle: "medium" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Widgets · Helpdesk" }];
