import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { Panel, PageHeader } from "~/components/page-header";
import { listTeam } from "~/team/team.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const team = await listTeam({ tenantId: user.tenant.id });
  return {
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
