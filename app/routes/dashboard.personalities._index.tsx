import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { ResourceListPage } from "~/components/resource-list-page";
import { Badge } from "~/components/status-badge";
import { listPersonalities } from "~/personalities/personalities.server";
import { PROVIDER_LABELS, TONE_LABELS } from "~/personalities/personality-settings";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { personalities: await listPersonalities({ tenantId: user.tenant.id }), canEdit: hasRole(user.role, "admin") };
}

export default function PersonalitiesPage() {
  const { personalities, canEdit } = useLoaderData<typeof loader>();
  return (
    <ResourceListPage
      title="Personalities"
      description="How your assistant speaks, what it may answer, and which model it uses."
      newItem={canEdit ? { href: "/dashboard/personalities/new", label: "New personality" } : null}
      count={personalities.length}
      empty={`No personalities yet.${canEdit ? " The first one you create becomes the workspace default." : ""}`}
      columns={["Name", "Tone", "Language", "Model", "Widgets"]}
    >
      {personalities.map((personality) => (
        <tr key={personality.id}>
          <td className="py-2 pr-4">
            <Link to={`/dashboard/personalities/${personality.id}`} className="font-medium text-brand-700 hover:underline">
              {personality.name}
            </Link>
            {personality.isDefault ? (
              <span className="ml-2">
                <Badge tone="brand">Default</Badge>
              </span>
            ) : null}
          </td>
          <td className="py-2 pr-4">{TONE_LABELS[personality.tone]}</td>
          <td className="py-2 pr-4 font-mono text-xs">{personality.language}</td>
          <td className="py-2 pr-4">
            <span title={PROVIDER_LABELS[personality.provider]}>{personality.provider === "offline" ? "Built-in" : "Model server"}</span>
            <span className="text-slate-500"> · {personality.model}</span>
          </td>
          <td className="py-2 text-slate-600">
            {personality.widgets.length === 0
              ? "None"
              : personality.widgets.map((widget) => `${widget.name}${widget.viaDefault ? " (default)" : ""}`).join(", ")}
          </td>
        </tr>
      ))}
    </ResourceListPage>
  );
}

export const meta: MetaFunction = () => [{ title: "Personalities · Helpdesk" }];
