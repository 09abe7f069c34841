import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { BudgetPanel, SAVE_BUDGET_INTENT, type BudgetActionResult } from "~/budgets/budget-panel";
import { parseBudgetForm } from "~/budgets/budget-settings";
import { getBudgetSettings, updateBudgetSettings } from "~/budgets/budget-settings.server";
import { CsrfInput } from "~/components/csrf-input";
import { SubmitButton, TextField } from "~/components/form";
import { Panel, PageHeader } from "~/components/page-header";
import { parseEscalationSettingsForm } from "~/escalations/escalation-settings-form";
import { getEscalationSettings, updateEscalationSettings } from "~/escalations/escalation-settings.server";
import { HandoverPanel, SAVE_HANDOVER_INTENT, type HandoverActionResult } from "~/escalations/handover-panel";
import { getWorkspace, updateWorkspace } from "~/tenants/tenant.server";
import { formErrorsOf, UserFacingError } from "~/utils/errors";
import { parseForm, personName, type FieldErrors } from "~/utils/forms";
import { DeliveryLog, WebhookPanel, type WebhookActionResult } from "~/webhooks/webhook-panels";
import { parseWebhookForm } from "~/webhooks/webhook-settings";
import { configureWebhook, disableWebhook, getWebhook, listDeliveries, revealWebhookSecret, rotateWebhookSecret } from "~/webhooks/webhooks.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const tenantId = user.tenant.id;
  const workspace = await getWorkspace({ tenantId });
  const webhook = await getWebhook({ tenantId });
  const deliveries = webhook ? await listDeliveries({ tenantId, limit: 50 }) : [];
  const handover = await getEscalationSettings({ tenantId });
  const budget = await getBudgetSettings({ tenantId });
  const canEdit = hasRole(user.role, "admin");
  return { ...workspace, activity: canEdit ? workspace.activity : [], canEdit, webhook, deliveries, handover, budget };
}

const WorkspaceSchema = z.object({
  name: personName("the workspace name"),
  retentionDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(7, "Keep conversations at least 7 days.")
    .max(3650, "Keep conversations at most 3650 days (10 years)."),
});

type ActionResult = { saved?: boolean; fieldErrors?: FieldErrors; webhook?: WebhookActionResult; handover?: HandoverActionResult; budget?: BudgetActionResult };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const form = await readVerifiedForm(request);
  try {
    switch (form.get("intent")) {
      case null: {
        // The workspace form, the one without an intent.
        const parsed = parseForm(WorkspaceSchema, form);
        if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
        await updateWorkspace({ actor: user, ...parsed.data });
        return data<ActionResult>({ saved: true });
      }
      case SAVE_HANDOVER_INTENT: {
        const parsed = parseEscalationSettingsForm(form);
        if (!parsed.ok) return data<ActionResult>({ handover: { fieldErrors: parsed.fieldErrors } }, { status: 400 });
        await updateEscalationSettings({ actor: user, settings: parsed.data });
        return data<ActionResult>({ handover: { notice: "Handover settings saved." } });
      }
      case SAVE_BUDGET_INTENT: {
        const parsed = parseBudgetForm(form);
        if (!parsed.ok) return data<ActionResult>({ budget: { fieldErrors: parsed.fieldErrors } }, { status: 400 });
        await updateBudgetSettings({ actor: user, budget: parsed.data });
        return data<ActionResult>({ budget: { notice: "Budget saved." } });
      }
      case "save-webhook": {
        const parsed = parseWebhookForm(form);
        if (!parsed.ok) return data<ActionResult>({ webhook: { fieldErrors: parsed.fieldErrors } }, { status: 400 });
        await configureWebhook({ actor: user, ...parsed.data });
        return data<ActionResult>({ webhook: { notice: "Webhook saved." } });
      }
      case "reveal-webhook-secret":
        return data<ActionResult>({ webhook: await revealWebhookSecret({ actor: user }) });
      case "rotate-webhook-secret": {
        const { secret } = await rotateWebhookSecret({ actor: user });
        return data<ActionResult>({ webhook: { secret, notice: "New signing secret created. Put it on your receiver: signatures made with the old one no longer verify." } });
      }
      case "disable-webhook":
        await disableWebhook({ actor: user });
        return data<ActionResult>({ webhook: { notice: "The webhook is off. Events that were waiting will not be sent." } });
      default:
        return data<ActionResult>({ webhook: { formError: "Unknown action." } }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data<ActionResult>({ webhook: formErrorsOf(error) }, { status: error.status });
  }
}

export default function SettingsPage() {
  const workspace = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && !navigation.formData?.has("intent");
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
      <HandoverPanel settings={workspace.handover} canEdit={workspace.canEdit} result={result?.handover} />
      <BudgetPanel budget={workspace.budget} canEdit={workspace.canEdit} result={result?.budget} />
      <WebhookPanel webhook={workspace.webhook} canEdit={workspace.canEdit} result={result?.webhook} />
      {workspace.webhook ? <DeliveryLog deliveries={workspace.deliveries} /> : null}
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
