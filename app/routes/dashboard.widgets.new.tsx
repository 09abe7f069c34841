import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, SubmitButton } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { listPersonalities } from "~/personalities/personalities.server";
import { formErrorsOf, UserFacingError } from "~/utils/errors";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { NEW_WIDGET, WidgetFields } from "~/widgets/widget-fields";
import { WidgetSchema } from "~/widgets/widget-settings";
import { createWidget } from "~/widgets/widgets.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const personalities = await listPersonalities({ tenantId: user.tenant.id });
  return { personalities: personalities.map(({ id, name, isDefault }) => ({ id, name, isDefault })) };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const parsed = parseForm(WidgetSchema, await readVerifiedForm(request));
  if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    const { id } = await createWidget({ actor: user, widget: parsed.data });
    return redirect(`/dashboard/widgets/${id}`);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data<ActionResult>(formErrorsOf(error), { status: error.status });
  }
}

export default function NewWidgetPage() {
  const { personalities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/widgets" className="text-brand-700 hover:underline">← Widgets</Link>
      </p>
      <PageHeader title="New widget" description="After creating it you get the script tag to put on your site, and a live preview." />
      <FormError message={result?.formError} />
      <Panel>
        <Form method="post" className="space-y-6" noValidate>
          <CsrfInput />
          <WidgetFields values={NEW_WIDGET} personalities={personalities} errors={result?.fieldErrors} />
          <SubmitButton pending={pending}>Create widget</SubmitButton>
        </Form>
      </Panel>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New widget · Helpdesk" }];
