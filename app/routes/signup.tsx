import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { clientIp } from "~/auth/client-ip.server";
import { readVerifiedForm } from "~/auth/csrf.server";
import { getCurrentUser } from "~/auth/require-user.server";
import { createLoginSession } from "~/auth/session.server";
import { createTenantWithOwner, EmailTakenError } from "~/auth/signup.server";
import { AuthCard } from "~/components/auth-card";
import { CsrfInput } from "~/components/csrf-input";
import { SubmitButton, TextField } from "~/components/form";
import { emailField, newPasswordField, parseForm, personName, type FieldErrors } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect("/dashboard");
  return null;
}

const SignupSchema = z.object({
  organisation: personName("your organisation's name"),
  name: personName("your name"),
  email: emailField,
  password: newPasswordField,
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(SignupSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    const { tenantId, userId } = await createTenantWithOwner({ ...parsed.data, ipAddress: clientIp(request) });
    const setCookie = await createLoginSession({ userId, tenantId, request });
    return redirect("/dashboard", { headers: { "Set-Cookie": setCookie } });
  } catch (error) {
    if (error instanceof EmailTakenError) return data({ fieldErrors: { email: [error.message] } as FieldErrors }, { status: 409 });
    throw error;
  }
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors;
  const pending = useNavigation().state === "submitting";
  return (
    <AuthCard
      title="Create your workspace"
      subtitle="Set up an AI assistant that answers from your help content and hands over to your team."
      footer={
        <>
          Already have an account? <Link className="font-medium text-brand-700 hover:underline" to="/login">Log in</Link>
        </>
      }
    >
      <Form method="post" className="space-y-4" noValidate>
        <CsrfInput />
        <TextField label="Organisation" name="organisation" autoComplete="organization" required maxLength={120} errors={errors?.organisation} />
        <TextField label="Your name" name="name" autoComplete="name" required maxLength={120} errors={errors?.name} />
        <TextField label="Work email" name="email" type="email" autoComplete="email" required errors={errors?.email} />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters." errors={errors?.password} />
        <SubmitButton pending={pending}>Create workspace</SubmitButton>
      </Form>
    </AuthCard>
  );
}

export const meta: MetaFunction = () => [{ title: "Create a workspace · Helpdesk" }];
