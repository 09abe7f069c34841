import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { SubmitButton, TextField } from "~/components/form";
import { Panel, PageHeader } from "~/components/page-header";
import { getWorkspace, updateWorkspace } from "~/tenants/tenant.server";
import { parseForm, personName } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const workspace = await getWorkspace({ tenantId: user.tenant.id });
  const canEdit = hasRole(user.role, "admin");
  return { ...workspace, activity: canEdit ? workspace.activity : [], canEdit };
}

const WorkspaceSchema = z.object({
  name: personName("the workspace name"),
  retentionDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(7, "Keep conversations at least 7 days.")
    .max(3650, "Keep conversations at most 3650 days (10 years)."),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const parsed = parseForm(WorkspaceSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, saved: false }, { status: 400 });
  await updateWorkspace({ actor: user, ...parsed.data });
  return data({ fieldErrors: undefined, saved: true });
}

export default function SettingsPage() {
  const workspace = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Settings" description={`Plan: ${workspace.plan} · workspace id ${workspace.slug}`} />
      <Panel title="Workspace">
        <Form method="post" className="space-y-4" noValidate>
          <CsrfInput />
          <fieldset disabled={!workspace.canEdit} className="space-y-4">
            <TextField label="Name" name="name" defaultValue={workspace.name} required maxLength={120} errors={result?.fieldErrors?.name} />
            <TextField
              label="Keep conversations for (days)"
              name="retentionDays"
              type="number"
              min={7}
              max={3650}
              defaultValue={workspace.retentionDays}
              errors={result?.fieldErrors?.retentionDays}
            />
          </fieldset>
          {workspace.canEdit ? <SubmitButton pending={pending}>Save</SubmitButton> : <p className="text-sm text-slate-500">Only owners and admins can change these settings.</p>}
          {result?.saved ? <p role="status" className="text-sm text-green-700">Saved.</p> : null}
        </Form>
      </Panel>
      {workspace.canEdit ? (
        <Panel title="Recent activity">
          {workspace.activity.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {workspace.activity.map((entry) => (
                <li key={entry.id} className="flex justify-between gap-4 py-2">
                  <span>
                    <span className="font-medium">{entry.actor ?? "Someone"}</span> · {entry.action.replace(/[._]/g, " ")}
                  </span>
                  <time className="text-slate-500" dateTime={new Date(entry.createdAt).toISOString()}>
                    {new Date(entry.createdAt).toLocaleString()}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Settings · Helpdesk" }];
