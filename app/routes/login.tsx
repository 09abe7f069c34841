import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { authenticator, LoginSchema } from "~/auth/authenticator.server";
import { readVerifiedForm } from "~/auth/csrf.server";
import { LoginError } from "~/auth/login.server";
import { getCurrentUser } from "~/auth/require-user.server";
import { createLoginSession } from "~/auth/session.server";
import { AuthCard } from "~/components/auth-card";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, SubmitButton, TextField } from "~/components/form";
import { parseForm, safeRedirect } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getCurrentUser(request)) throw redirect("/dashboard");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readVerifiedForm(request.clone());
  const parsed = parseForm(LoginSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, formError: undefined }, { status: 400 });
  try {
    const user = await authenticator.authenticate("form", request);
    const setCookie = await createLoginSession({ userId: user.id, tenantId: user.tenantId, request });
    return redirect(safeRedirect(parsed.data.redirectTo), { headers: { "Set-Cookie": setCookie } });
  } catch (error) {
    if (!(error instanceof LoginError)) throw error;
    const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return data({ fieldErrors: undefined, formError: error.message }, { status: error.status, headers });
  }
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const pending = useNavigation().state === "submitting";
  return (
    <AuthCard
      title="Log in"
      subtitle="Welcome back to your support workspace."
      footer={
        <>
          New here? <Link className="font-medium text-brand-700 hover:underline" to="/signup">Create a workspace</Link>
        </>
      }
    >
      <Form method="post" className="space-y-4" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FormError message={actionData?.formError} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required errors={actionData?.fieldErrors?.email} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={actionData?.fieldErrors?.password} />
        <SubmitButton pending={pending}>Log in</SubmitButton>
      </Form>
    </AuthCard>
  );
}

export const meta: MetaFunction = () => [{ title: "Log in · Helpdesk" }];
