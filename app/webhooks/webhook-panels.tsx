import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { CopyableText } from "~/components/copyable-text";
import { CsrfInput } from "~/components/csrf-input";
import { CheckboxField, FieldError, FormError, FormNotice, SubmitButton, TextField } from "~/components/form";
import { IntentButton } from "~/components/intent-button";
import { Panel } from "~/components/page-header";
import { Badge } from "~/components/status-badge";
import type { FieldErrors } from "~/utils/forms";
import type { WebhookEvent } from "../../db/entities/WebhookEndpoint";
import { MAX_WEBHOOK_URL_CHARS, WEBHOOK_EVENT_LABELS } from "./webhook-settings";

export interface WebhookView {
  url: string;
  events: string[];
  isActive: boolean;
  updatedAt: Date;
}

export interface WebhookActionResult {
  fieldErrors?: FieldErrors;
  formError?: string;
  notice?: string;
  secret?: string;
}

export interface DeliveryView {
  id: string;
  event: WebhookEvent;
  status: "pending" | "delivering" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

const EVENTS = Object.entries(WEBHOOK_EVENT_LABELS);

const VERIFY_SAMPLE = `// Node.js, over the raw request body (before any JSON parsing)
const { t, v1 } = Object.fromEntries(header.split(",").map((part) => part.split("=")));
const expected = createHmac("sha256", SIGNING_SECRET).update(\`\${t}.\${rawBody}\`).digest("hex");
const valid = v1?.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(v1))
  && Math.abs(Date.now() / 1000 - Number(t)) <= 300;`;

function SigningSecret({ webhook, secret }: { webhook: WebhookView; secret?: string }) {
  return (
    <div className="space-y-3 border-t border-slate-100 pt-4 text-sm text-slate-600">
      {secret ? (
        <CopyableText label="Signing secret" value={secret} rows={1} />
      ) : (
        <p>A signing secret is set: your receiver uses it to check that a request came from us.</p>
      )}
      <div className="flex flex-wrap gap-2">
        {secret ? null : <IntentButton intent="reveal-webhook-secret">Reveal secret</IntentButton>}
        <IntentButton intent="rotate-webhook-secret">Rotate secret</IntentButton>
        {webhook.isActive ? <IntentButton intent="disable-webhook">Turn off webhook</IntentButton> : null}
      </div>
      <p className="text-xs text-slate-500">Rotating replaces the secret at once: update your receiver right after.</p>
    </div>
  );
}

function HowToVerify() {
  return (
    <details className="border-t border-slate-100 pt-4 text-sm text-slate-600">
      <summary className="cursor-pointer font-medium text-slate-800">How to verify a delivery</summary>
      <div className="mt-3 space-y-3">
        <p>
          Each event is a POST of JSON <code className="font-mono text-xs">{"{ id, event, createdAt, tenantId, data }"}</code> with these headers:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <code className="font-mono text-xs">X-Helpdesk-Event</code>: the event, e.g. <code className="font-mono text-xs">escalation.created</code>
          </li>
          <li>
            <code className="font-mono text-xs">X-Helpdesk-Delivery</code>: the delivery id, the same on every retry, so you can ignore repeats
          </li>
          <li>
            <code className="font-mono text-xs">X-Helpdesk-Signature: t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</code>, where the signature is the hex
            HMAC-SHA256 of <code className="font-mono text-xs">&lt;t&gt;.&lt;raw body&gt;</code> keyed with the signing secret
          </li>
        </ul>
        <p>
          Compare signatures in constant time and refuse a <code className="font-mono text-xs">t</code> more than 5 minutes old, so a recorded request
          cannot be replayed. Answer 2xx within 10 seconds. A 4xx other than 408 and 429 is final; anything else is tried again after about 30 s, 2 min,
          10 min, 1 h and 6 h. Redirects are not followed.
        </p>
        <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-700">{VERIFY_SAMPLE}</pre>
      </div>
    </details>
  );
}

/** URL, events, secret and how to verify; read-only below admin. */
export function WebhookPanel({ webhook, canEdit, result }: { webhook: WebhookView | null; canEdit: boolean; result?: WebhookActionResult }) {
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save-webhook";
  const eventsErrorId = useId();
  const eventErrors = result?.fieldErrors?.events;
  return (
    <Panel title="Webhook">
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          We POST events to your URL as they happen, such as a conversation handed to a person.{" "}
          {webhook ? (
            webhook.isActive ? <Badge tone="positive">On</Badge> : <Badge>Off: save to turn it back on</Badge>
          ) : null}
        </p>
        <FormError message={result?.formError} />
        <FormNotice message={result?.notice} />
        <Form method="post" className="space-y-4" noValidate key={webhook?.updatedAt.toISOString() ?? "new"}>
          <CsrfInput />
          <input type="hidden" name="intent" value="save-webhook" />
          <fieldset disabled={!canEdit} className="space-y-4">
            <TextField
              label="Endpoint URL"
              name="url"
              type="url"
              placeholder="https://example.com/helpdesk-webhook"
              defaultValue={webhook?.url}
              maxLength={MAX_WEBHOOK_URL_CHARS}
              hint="https only, on the public internet."
              errors={result?.fieldErrors?.url}
            />
            <fieldset aria-describedby={eventErrors?.length ? eventsErrorId : undefined} className="space-y-2">
              <legend className="text-sm font-medium text-slate-700">Events</legend>
              {EVENTS.map(([event, label]) => (
                <CheckboxField key={event} label={label} name="events" value={event} defaultChecked={webhook ? webhook.events.includes(event) : true} />
              ))}
              <FieldError id={eventsErrorId} errors={eventErrors} />
            </fieldset>
          </fieldset>
          {canEdit ? <SubmitButton pending={saving}>Save webhook</SubmitButton> : <p className="text-sm text-slate-500">Only owners and admins can change the webhook or see its secret.</p>}
        </Form>
        {canEdit && webhook ? <SigningSecret webhook={webhook} secret={result?.secret} /> : null}
        <HowToVerify />
      </div>
    </Panel>
  );
}

const STATUS_BADGES: Record<DeliveryView["status"], { tone: "neutral" | "brand" | "positive" | "negative"; label: string }> = {
  pending: { tone: "neutral", label: "Waiting" },
  delivering: { tone: "brand", label: "Sending" },
  succeeded: { tone: "positive", label: "Delivered" },
  failed: { tone: "negative", label: "Failed" },
};

function DeliveryRow({ delivery }: { delivery: DeliveryView }) {
  const badge = STATUS_BADGES[delivery.status];
  const retrying = delivery.status === "pending" && delivery.attempts > 0;
  return (
    <tr className="align-top">
      <td className="py-2 pr-4">{WEBHOOK_EVENT_LABELS[delivery.event]}</td>
      <td className="py-2 pr-4">
        <Badge tone={badge.tone}>{badge.label}</Badge>
        {retrying ? <span className="mt-1 block text-xs text-slate-500">next try {delivery.nextAttemptAt.toLocaleTimeString()}</span> : null}
      </td>
      <td className="py-2 pr-4 tabular-nums">{delivery.attempts}</td>
      <td className="py-2 pr-4">
        {delivery.lastStatusCode ? <span className="font-mono text-xs">{delivery.lastStatusCode}</span> : null}
        {delivery.lastError ? <span className="block max-w-xs break-words text-xs text-slate-500">{delivery.lastError}</span> : null}
      </td>
      <td className="py-2 text-slate-500">
        <time dateTime={delivery.createdAt.toISOString()}>{delivery.createdAt.toLocaleString()}</time>
      </td>
    </tr>
  );
}

/** The last deliveries, newest first, with what the receiver answered. */
export function DeliveryLog({ deliveries }: { deliveries: DeliveryView[] }) {
  return (
    <Panel title="Webhook deliveries">
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-500">No events sent yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">The last {deliveries.length} webhook deliveries, newest first</caption>
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">Event</th>
                <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                <th scope="col" className="py-2 pr-4 font-medium">Attempts</th>
                <th scope="col" className="py-2 pr-4 font-medium">Last response</th>
                <th scope="col" className="py-2 font-medium">Time</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
