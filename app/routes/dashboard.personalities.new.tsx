import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { CsrfInput } from "~/components/csrf-input";
import { SubmitButton } from "~/components/form";
import { PageHeader, Panel } from "~/components/page-header";
import { createPersonality, listPersonalities } from "~/personalities/personalities.server";
import { NEW_PERSONALITY, PersonalityFields } from "~/personalities/personality-fields";
import { PersonalitySchema } from "~/personalities/personality-settings";
import { parseForm } from "~/utils/forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const existing = await listPersonalities({ tenantId: user.tenant.id });
  return { isFirst: existing.length === 0 };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const parsed = parseForm(PersonalitySchema, await readVerifiedForm(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const { id } = await createPersonality({ actor: user, ...parsed.data });
  return redirect(`/dashboard/personalities/${id}`);
}

export default function NewPersonalityPage() {
  const { isFirst } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/personalities" className="text-brand-700 hover:underline">← Personalities</Link>
      </p>
      <PageHeader title="New personality" description="Shape how the assistant speaks; every widget can use its own." />
      <Panel>
        <Form method="post" className="space-y-6" noValidate>
          <CsrfInput />
          <PersonalityFields values={NEW_PERSONALITY} errors={result?.fieldErrors} defaultNote={isFirst ? "Your first personality becomes the workspace default." : undefined} />
          <SubmitButton pending={pending}>Create personality</SubmitButton>
        </Form>
      </Panel>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New personality · Helpdesk" }];
