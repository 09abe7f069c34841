import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { WidgetConfig } from "~/chat/widget-api";
import { readVerifiedForm } from "~/auth/csrf.server";
import { requireUser } from "~/auth/require-user.server";
import { hasRole } from "~/auth/roles";
import { CopyableText } from "~/components/copyable-text";
import { CsrfInput } from "~/components/csrf-input";
import { FormError, FormNotice, SubmitButton } from "~/components/form";
import { IntentButton } from "~/components/intent-button";
import { PageHeader, Panel } from "~/components/page-header";
import { Badge } from "~/components/status-badge";
import { listPersonalities } from "~/personalities/personalities.server";
import { formErrorsOf, idParam, UserFacingError } from "~/utils/errors";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { formValuesOf, WidgetFields } from "~/widgets/widget-fields";
import { WidgetPreview } from "~/widgets/widget-preview";
import { previewConfig, WidgetSchema } from "~/widgets/widget-settings";
import { deleteWidget, getWidget, revealIdentitySecret, rotateIdentitySecret, setWidgetActive, updateWidget } from "~/widgets/widgets.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const tenantId = user.tenant.id;
  const widget = await getWidget({ tenantId, widgetId: idParam(params.widgetId, "That widget") });
  const personalities = await listPersonalities({ tenantId });
  return {
    widget,
    personalities: personalities.map(({ id, name, isDefault }) => ({ id, name, isDefault })),
    // The script and the API live on this app; behind a proxy, TRUST_PROXY makes this the public origin.
    origin: new URL(request.url).origin,
    canEdit: hasRole(user.role, "admin"),
  };
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: string; notice?: string; secret?: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const widgetId = idParam(params.widgetId, "That widget");
  const form = await readVerifiedForm(request);
  try {
    switch (form.get("intent")) {
      case "save": {
        const parsed = parseForm(WidgetSchema, form);
        if (!parsed.ok) return data<ActionResult>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
        await updateWidget({ actor: user, widgetId, widget: parsed.data });
        return data<ActionResult>({ notice: "Saved." });
      }
      case "disable":
      case "enable": {
        const active = form.get("intent") === "enable";
        await setWidgetActive({ actor: user, widgetId, active });
        return data<ActionResult>({ notice: active ? "The widget is active." : "The widget is disabled." });
      }
      case "rotate-secret": {
        const { secret } = await rotateIdentitySecret({ actor: user, widgetId });
        return data<ActionResult>({ secret, notice: "New secret created. Put it on your server; hashes made with an earlier secret no longer verify." });
      }
      case "reveal-secret":
        return data<ActionResult>(await revealIdentitySecret({ actor: user, widgetId }));
      case "delete":
        await deleteWidget({ actor: user, widgetId });
        return redirect("/dashboard/widgets");
      default:
        return data<ActionResult>({ formError: "Unknown action." }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    return data<ActionResult>(formErrorsOf(error), { status: error.status });
  }
}

function embedSnippet(origin: string, publicId: string) {
  return `<script src="${origin}/widget.js" data-widget="${publicId}" async></script>`;
}

function identitySample(origin: string, publicId: string) {
  return `// On your server (never in the browser, the secret must stay private):
// Node.js
const userHash = require("node:crypto").createHmac("sha256", WIDGET_SECRET).update(user.id).digest("hex");
// PHP:    $userHash = hash_hmac('sha256', $user->id, $widgetSecret);
// Python: user_hash = hmac.new(widget_secret.encode(), user.id.encode(), hashlib.sha256).hexdigest()

// Then, in the page for the signed-in customer:
<script src="${origin}/widget.js" data-widget="${publicId}"
        data-user-id="{user.id}" data-user-hash="{userHash}" async></script>`;
}

export default function WidgetPage() {
  const { widget, personalities, origin, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  // The form remounts with the stored values whenever they change (a save, another widget), and the preview follows.
  const storedVersion = `${widget.id}@${widget.updatedAt}`;
  const [preview, setPreview] = useState<WidgetConfig>(widget.config);
  useEffect(() => setPreview(widget.config), [storedVersion]);

  return (
    <div className="max-w-6xl space-y-6">
      <p className="text-sm">
        <Link to="/dashboard/widgets" className="text-brand-700 hover:underline">← Widgets</Link>
      </p>
      <PageHeader
        title={widget.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {widget.isActive ? <Badge tone="positive">Active</Badge> : <Badge>Disabled</Badge>}
            <span className="font-mono text-xs">{widget.publicId}</span>
            <span>· answers as {widget.personality?.name ?? "the tenant default"}</span>
          </span>
        }
      />
      <FormError message={result?.formError} />
      <FormNotice message={result?.notice} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Panel title="Settings">
          <Form
            method="post"
            className="space-y-6"
            noValidate
            onChange={(event) => setPreview(previewConfig({ publicId: widget.publicId, form: new FormData(event.currentTarget) }))}
          >
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            <fieldset disabled={!canEdit}>
              <WidgetFields key={storedVersion} values={formValuesOf(widget)} personalities={personalities} errors={result?.fieldErrors} />
            </fieldset>
            {canEdit ? <SubmitButton pending={saving}>Save</SubmitButton> : <p className="text-sm text-slate-500">Only owners and admins can change widgets.</p>}
          </Form>
        </Panel>

        <section aria-label="Live preview" className="space-y-2 lg:sticky lg:top-6 lg:self-start">
          <h2 className="text-lg font-semibold">Live preview</h2>
          <p className="text-sm text-slate-600">
            {widget.isActive ? "Shows your changes as you type; it answers with the saved personality." : "The widget is disabled, so the preview cannot answer until it is enabled."}
          </p>
          <WidgetPreview publicId={widget.publicId} apiBase={origin} config={preview} />
        </section>
      </div>

      <Panel title="Embed code">
        <p className="mb-4 text-sm text-slate-600">
          Paste this before <code className="font-mono">&lt;/body&gt;</code> on every page where the chat should appear.
          {widget.allowedOrigins.length
            ? ` It works on ${widget.allowedOrigins.join(", ")}.`
            : " Add your site to the allowed domains first: with none, the widget works only in the preview and on the demo page."}
        </p>
        <CopyableText label="Embed snippet" value={embedSnippet(origin, widget.publicId)} rows={2} />
      </Panel>

      <Panel title="Identity verification">
        <div className="space-y-4 text-sm text-slate-600">
          <p>
            Tells the widget which of your signed-in customers is chatting, in a way nobody can fake: your server signs the customer&apos;s id with this
            widget&apos;s secret (HMAC-SHA256, hex) and the page passes both to the script. A user id without a valid hash is not trusted.
          </p>
          {canEdit ? (
            <>
              {result?.secret ? (
                <CopyableText label="Identity secret" value={result.secret} rows={1} />
              ) : (
                <p>{widget.hasIdentitySecret ? "A secret is set." : "No secret yet: identity verification is off."}</p>
              )}
              <div className="flex flex-wrap gap-2">
                {widget.hasIdentitySecret && !result?.secret ? <IntentButton intent="reveal-secret">Reveal secret</IntentButton> : null}
                <IntentButton intent="rotate-secret">{widget.hasIdentitySecret ? "Rotate secret" : "Generate secret"}</IntentButton>
              </div>
              {widget.hasIdentitySecret ? <p className="text-xs text-slate-500">Rotating replaces the secret at once: update your server right after.</p> : null}
              <CopyableText label="Server code sample" value={identitySample(origin, widget.publicId)} rows={10} />
            </>
          ) : (
            <p>{widget.hasIdentitySecret ? "Identity verification is on." : "Identity verification is off."} Only owners and admins can see the secret.</p>
          )}
        </div>
      </Panel>

      {canEdit ? (
        <Panel title="Status">
          <div className="flex flex-wrap items-center justify-between gap-4 text-sm text-slate-600">
            <p>
              {widget.isActive
                ? "Disabling stops the widget on every site at once; its settings and embed code stay."
                : "Enabling lets the sites with the embed code use the widget again."}
            </p>
            <div className="flex gap-2">
              {widget.isActive ? <IntentButton intent="disable">Disable widget</IntentButton> : <IntentButton intent="enable">Enable widget</IntentButton>}
              <IntentButton intent="delete" tone="danger">
                Delete widget
              </IntentButton>
            </div>
          </div>
        </Panel>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.widget.name ?? "Widget"} · Helpdesk` }];
