import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, FormNotice, SubmitButton } from "~/components/form";
import { IntentButton } from "~/components/intent-button";
import { PageHeader, Panel } from "~/components/page-header";
import { Badge } from "~/components/status-badge";
import {
  deletePersonality,
  duplicatePersonality,
  getPersonality,
  makeDefaultPersonality,
  updatePersonality,
} from "~/personalities/personalities.server";
import { PersonalityFields } from "~/personalities/personality-fields";
import { PersonalityPreview } from "~/personalities/personality-preview";
import { PersonalitySchema } from "~/personalities/personality-settings";
import { formErrorsOf, idParam, UserFacingError } from "~/utils/errors";
import { parseForm, type FieldErrors } from "~/utils/forms";

const SETTINGS_FORM_ID = "personality-settings";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const personality = await getPersonality({ tenantId: user.tenant.id, personalityId: idParam(params.personalityId, "That personality") });
  return { personality, canEdit: hasRole(user.role, "admin") };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; notice?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const personalityId = idParam(params.personalityId, "That personality");
  const form = await readVerifiedForm(request);
  try {
    switch (form.get("intent")) {
      case "save": {
        const parsed = parseForm(PersonalitySchema, form);
        if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
        await updatePersonality({ actor: user, personalityId, ...parsed.data });
        return data<ActionResult>({ notice: "Saved." });
      }
      case "make-default":
        await makeDefaultPersonality({ actor: user, personalityId });
        return data<ActionResult>({ notice: "This is now the workspace default." });
      case "duplicate": {
        const copy = await duplicatePersonality({ actor: user, personalityId });
        return redirect(`/dashboard/personalities/${copy.id}`);
      }
      case "delete":
        await deletePersonality({ actor: user, personalityId });
        return redirect("/dashboard/personalities");
      default:
        return data<ActionResult>({ formError: "Unknown action." }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data<ActionResult>(formErrorsOf(error), { status: error.status });
  }
}

export default function PersonalityPage() {
  const { personality, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const ownWidgets = personality.widgets.filter((widget) => !widget.viaDefault);
  return (
    <div className="max-w-6xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/personalities" className="text-brand-700 hover:underline">← Personalities</Link>
      </p>
      <PageHeader
        title={personality.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {personality.isDefault ? <Badge tone="brand">Default</Badge> : null}
            <span>
              {personality.widgets.length === 0 ? "No widget uses it." : `Used by ${personality.widgets.map((widget) => widget.name).join(", ")}.`}
            </span>
          </span>
        }
      />
      <FormError message={result?.formError} />
      <FormNotice message={result?.notice} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Panel title="Settings">
          <Form method="post" id={SETTINGS_FORM_ID} className="space-y-6" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            <fieldset disabled={!canEdit}>
              <PersonalityFields
                // Remounts when the stored values change, so the fields show them (a language code canonicalised, say).
                key={`${personality.id}@${personality.updatedAt}`}
                values={personality}
                errors={result?.fieldErrors}
                defaultNote={personality.isDefault ? "This is the workspace default: widgets without a personality of their own use it." : undefined}
              />
            </fieldset>
            {canEdit ? (
              <SubmitButton pending={saving}>Save</SubmitButton>
            ) : (
              <p className="text-sm text-slate-500">Only owners and admins can change personalities.</p>
            )}
          </Form>
        </Panel>

        <div className="space-y-6">
          {canEdit ? (
            <Panel title="Preview">
              <p className="mb-3 text-sm text-slate-500">Answers with the settings in the form, saved or not, from your knowledge base.</p>
              <PersonalityPreview formId={SETTINGS_FORM_ID} />
            </Panel>
          ) : null}

          {canEdit ? (
            <Panel title="Actions">
              <div className="space-y-4 text-sm">
                {personality.isDefault ? null : (
                  <div>
                    <IntentButton intent="make-default" tone="quiet">
                      Make default
                    </IntentButton>
                    <p className="mt-1 text-xs text-slate-500">Widgets without a personality of their own switch to this one.</p>
                  </div>
                )}
                <IntentButton intent="duplicate" tone="quiet">
                  Duplicate
                </IntentButton>
                <div className="border-t border-slate-100 pt-4">
                  <p className="mb-2 text-xs text-slate-500">
                    {personality.isDefault
                      ? "The default can be deleted only when it is the last personality."
                      : ownWidgets.length
                        ? `${ownWidgets.map((widget) => widget.name).join(", ")} will use the workspace default instead.`
                        : "No widget uses it on its own."}
                  </p>
                  <IntentButton intent="delete" tone="danger">
                    Delete personality
                  </IntentButton>
                </div>
              </div>
            </Panel>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.personality.name ?? "Personality"} · Helpdesk` }];
