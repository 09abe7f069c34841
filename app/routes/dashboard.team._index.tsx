import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { canAssignRole, hasRole, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, SelectField, SubmitButton, TextField } from "~/components/form";
import { Panel, PageHeader } from "~/components/page-header";
import { createInvitation, listTeam, revokeInvitation } from "~/team/team.server";
import { UserFacingError } from "~/utils/errors";
import { emailField, parseForm, type FieldErrors } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const team = await listTeam({ tenantId: user.tenant.id });
  return {
    ...team,
    me: { id: user.id, role: user.role },
    assignableRoles: ROLES.filter((role) => canAssignRole(user.role, role)),
    canManage: hasRole(user.role, "admin"),
  };
}

const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(ROLES, { error: "Choose a role." }),
});
const RevokeSchema = z.object({ intent: z.literal("revoke"), invitationId: z.uuid({ error: "Unknown invitation." }) });
const TeamActionSchema = z.discriminatedUnion("intent", [InviteSchema, RevokeSchema], { error: "Unknown action." });

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; inviteLink?: string; invitedEmail?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const parsed = parseForm(TeamActionSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    if (parsed.data.intent === "invite") {
      const { token } = await createInvitation({ actor: user, email: parsed.data.email, role: parsed.data.role });
      return data<ActionResult>({ inviteLink: `${new URL(request.url).origin}/invite/${token}`, invitedEmail: parsed.data.email });
    }
    await revokeInvitation({ actor: user, invitationId: parsed.data.invitationId });
    return data<ActionResult>({});
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const result: ActionResult = error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formError: error.message };
    return data(result, { status: error.status });
  }
}

function formatDate(value: string | Date | null) {
  return value ? new Date(value).toLocaleDateString(undefined, { dateStyle: "medium" }) : "Never";
}

export default function TeamPage() {
  const { members, invitations, assignableRoles, canManage, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title="Team" description="Who can use this workspace, and what each of them may do." />

      <Panel title={`Members (${members.length})`}>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                <th scope="col" className="py-2 pr-4 font-medium">Email</th>
                <th scope="col" className="py-2 pr-4 font-medium">Role</th>
                <th scope="col" className="py-2 font-medium">Last login</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((member) => (
                <tr key={member.id}>
                  <td className="py-2 pr-4">
                    <Link to={`/dashboard/team/${member.id}`} className="font-medium text-brand-700 hover:underline">
                      {member.name}
                    </Link>
                    {member.id === me.id ? <span className="ml-2 text-xs text-slate-500">(you)</span> : null}
                  </td>
                  <td className="py-2 pr-4">{member.email}</td>
                  <td className="py-2 pr-4">{ROLE_LABELS[member.role]}</td>
                  <td className="py-2">{formatDate(member.lastLoginAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      {canManage ? (
        <Panel title="Invite a teammate">
          {result?.inviteLink ? (
            <div role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm">
              <p>
                Invitation for <strong>{result.invitedEmail}</strong> created. Send them this link; it works once and expires in 7 days:
              </p>
              <input
                readOnly
                aria-label="Invitation link"
                value={result.inviteLink}
                className="mt-2 w-full rounded border border-green-300 bg-white px-2 py-1 font-mono text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
            </div>
          ) : null}
          <Form method="post" className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="invite" />
            <TextField label="Email" name="email" type="email" required errors={result?.fieldErrors?.email} />
            <SelectField label="Role" name="role" defaultValue="agent" errors={result?.fieldErrors?.role}>
              {assignableRoles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </SelectField>
            <div className="sm:pt-6">
              <SubmitButton pending={pending}>Create invitation</SubmitButton>
            </div>
          </Form>
          <FormError message={result?.formError} />
          <dl className="mt-4 grid gap-1 text-xs text-slate-500 sm:grid-cols-2">
            {assignableRoles.map((role) => (
              <div key={role}>
                <dt className="inline font-medium">{ROLE_LABELS[role]}:</dt> <dd className="inline">{ROLE_DESCRIPTIONS[role]}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      ) : null}

      {canManage && invitations.length > 0 ? (
        <Panel title="Pending invitations">
          <ul className="divide-y divide-slate-100 text-sm">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex items-center justify-between gap-4 py-2">
                <span>
                  {invitation.email} · {ROLE_LABELS[invitation.role]} · expires {formatDate(invitation.expiresAt)}
                </span>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <SubmitButton tone="quiet">Revoke</SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Team · Helpdesk" }];
