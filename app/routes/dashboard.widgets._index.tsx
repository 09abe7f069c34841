import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { ResourceListPage } from "~/components/resource-list-page";
import { Badge } from "~/components/status-badge";
import { listWidgets } from "~/widgets/widgets.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { widgets: await listWidgets({ tenantId: user.tenant.id }), canEdit: hasRole(user.role, "admin") };
}

export default function WidgetsPage() {
  const { widgets, canEdit } = useLoaderData<typeof loader>();
  return (
    <ResourceListPage
      title="Widgets"
      description="The chat widgets on your sites: where each may run, how it looks, and which personality answers."
      newItem={canEdit ? { href: "/dashboard/widgets/new", label: "New widget" } : null}
      count={widgets.length}
      empty={`No widgets yet.${canEdit ? " Create one to get the script tag for your site." : ""}`}
      columns={["Name", "Status", "Personality", "Allowed domains", "Created"]}
    >
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
    </ResourceListPage>
  );
}

export const meta: MetaFunction = () => [{ title: "Widgets · Helpdesk" }];
