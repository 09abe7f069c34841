import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { canAssignRole, ROLE_LABELS, ROLES } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, SelectField, SubmitButton } from "~/components/form";
import { Panel, PageHeader } from "~/components/page-header";
import { changeRole, getMember, removeMember } from "~/team/team.server";
import { notFound, UserFacingError } from "~/utils/errors";
import { parseForm } from "~/utils/forms";

const MemberId = z.uuid();

function memberIdFrom(params: LoaderFunctionArgs["params"]): string {
  const parsed = MemberId.safeParse(params.userId);
  return parsed.success ? parsed.data : notFound("That team member");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const member = await getMember({ tenantId: user.tenant.id, userId: memberIdFrom(params) });
  const isSelf = member.id === user.id;
  return {
    member,
    isSelf,
    canManage: !isSelf && canAssignRole(user.role, member.role),
    assignableRoles: ROLES.filter((role) => canAssignRole(user.role, role)),
  };
}

const MemberActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("change-role"), role: z.enum(ROLES, { error: "Choose a role." }) }), z.object({ intent: z.literal("remove") })],
  { error: "Unknown action." },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const userId = memberIdFrom(params);
  const parsed = parseForm(MemberActionSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data({ formError: Object.values(parsed.fieldErrors).flat()[0] }, { status: 400 });
  try {
    if (parsed.data.intent === "remove") {
      await removeMember({ actor: user, userId });
      return redirect("/dashboard/team");
    }
    await changeRole({ actor: user, userId, role: parsed.data.role });
    return data({ formError: undefined, saved: true });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data({ formError: error.message }, { status: error.status });
  }
}

export default function MemberPage() {
  const { member, isSelf, canManage, assignableRoles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/team" className="text-brand-700 hover:underline">← Team</Link>
      </p>
      <PageHeader title={member.name} description={`${member.email} · ${ROLE_LABELS[member.role]}${isSelf ? " · you" : ""}`} />
      <FormError message={result?.formError} />
      {result && "saved" in result ? <p role="status" className="text-sm text-green-700">Role updated.</p> : null}
      {canManage ? (
        <>
          <Panel title="Role">
            <Form method="post" className="flex flex-wrap items-end gap-4">
              <CsrfInput />
              <input type="hidden" name="intent" value="change-role" />
              <div className="w-56">
                <SelectField label="Role" name="role" defaultValue={member.role} key={member.role}>
                  {assignableRoles.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </SelectField>
              </div>
              <SubmitButton>Save role</SubmitButton>
            </Form>
          </Panel>
          <Panel title="Remove from the team">
            <p className="mb-4 text-sm text-slate-600">They lose access at once and are signed out everywhere.</p>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="remove" />
              <SubmitButton tone="danger">Remove {member.name}</SubmitButton>
            </Form>
          </Panel>
        </>
      ) : (
        <Panel>
          <p className="text-sm text-slate-600">
            {isSelf ? "An owner or admin can change your role." : "Your role cannot change this member."}
          </p>
        </Panel>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Team member · Helpdesk" }];
