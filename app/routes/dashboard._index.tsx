import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { Panel, PageHeader } from "~/components/page-header";
import { isDemoWidget } from "~/chat/demo-page.server";
import { listTeam } from "~/team/team.server";
import { listWidgets } from "~/widgets/widgets.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [team, widgets] = await Promise.all([listTeam({ tenantId: user.tenant.id }), listWidgets({ tenantId: user.tenant.id })]);
  return {
    hasDemoWidget: widgets.some((widget) => isDemoWidget(widget.publicId)),
    widgetCount: widgets.length,
    firstName: user.name.split(" ")[0],
    canManageTeam: hasRole(user.role, "admin"),
    memberCount: team.members.length,
    pendingInvitations: team.invitations.length,
  };
}

export default function Overview() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader title={`Welcome, ${data.firstName}`} description="Your support workspace at a glance." />
      <div className="grid gap-4 sm:grid-cols-2">
        <Panel>
          <p className="text-sm text-slate-500">Your assistant</p>
          <p className="mt-1 text-sm">
            {data.hasDemoWidget ? (
              <>
                <a href="/demo" target="_blank" rel="noreferrer" className="font-medium text-brand-700 hover:underline">Open the demo shop</a> and chat
                with the assistant the way your customers will.
              </>
            ) : data.widgetCount > 0 ? (
              <>
                {data.widgetCount} widget{data.widgetCount === 1 ? "" : "s"}. <Link to="/dashboard/widgets" className="font-medium text-brand-700 hover:underline">Preview and embed them</Link>.
              </>
            ) : (
              <>
                <Link to="/dashboard/widgets/new" className="font-medium text-brand-700 hover:underline">Create a widget</Link> to put the assistant on your site.
              </>
            )}
          </p>
        </Panel>
        <Panel>
          <p className="text-sm text-slate-500">Team members</p>
          <p className="mt-1 text-3xl font-semibold">{data.memberCount}</p>
          <p className="mt-1 text-sm text-slate-500">{data.pendingInvitations} pending invitation{data.pendingInvitations === 1 ? "" : "s"}</p>
        </Panel>
        <Panel>
          <p className="text-sm text-slate-500">Next step</p>
          <p className="mt-1 text-sm">
            {data.canManageTeam ? (
              <>
                <Link to="/dashboard/team" className="font-medium text-brand-700 hover:underline">Invite your support agents</Link> so they can take over conversations the assistant cannot finish.
              </>
            ) : (
              "Your admins are setting up the workspace."
            )}
          </p>
        </Panel>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Overview · Helpdesk" }];
