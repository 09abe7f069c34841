import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { ROLE_LABELS } from "~/auth/roles";
import { createLoginSession } from "~/auth/session.server";
import { AuthCard } from "~/components/auth-card";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError, SubmitButton, TextField } from "~/components/form";
import { acceptInvitation, describeInvitation } from "~/team/team.server";
import { UserFacingError } from "~/utils/errors";
import { newPasswordField, parseForm, personName } from "~/utils/forms";

export async function loader({ params }: LoaderFunctionArgs) {
  try {
    return await describeInvitation({ token: params.token ?? "" });
  } catch (error) {
    if (error instanceof UserFacingError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

const AcceptSchema = z.object({ name: personName("your name"), password: newPasswordField });

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(AcceptSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: undefined }, { status: 400 });
  try {
    const { userId, tenantId } = await acceptInvitation({ token: params.token ?? "", ...parsed.data });
    const setCookie = await createLoginSession({ userId, tenantId, request });
    return redirect("/dashboard", { headers: { "Set-Cookie": setCookie } });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data({ fieldErrors: undefined, formError: error.message }, { status: error.status });
  }
}

export default function InvitePage() {
  const invitation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  return (
    <AuthCard
      title={`Join ${invitation.organisation}`}
      subtitle={
        <>
          You were invited as <strong>{ROLE_LABELS[invitation.role]}</strong> with {invitation.email}.
        </>
      }
    >
      <Form method="post" className="space-y-4" noValidate>
        <CsrfInput />
        <FormError message={actionData?.formError} />
        <TextField label="Your name" name="name" autoComplete="name" required maxLength={120} errors={actionData?.fieldErrors?.name} />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters." errors={actionData?.fieldErrors?.password} />
        <SubmitButton pending={pending}>Join the team</SubmitButton>
      </Form>
    </AuthCard>
  );
}

export const meta: MetaFunction = () => [{ title: "Accept invitation · Helpdesk" }];

export function ErrorBoundary() {
  return (
    <main className="px-4 py-16">
      <GeneralErrorBoundary />
    </main>
  );
}
