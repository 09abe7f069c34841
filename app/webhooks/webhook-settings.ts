/**
 * The webhook form: event names with their labels and the schema the settings action checks. No
 * server code, so the settings page can render the checkboxes from the same list.
 */
import { z } from "zod";
import type { WebhookEvent } from "../../db/entities/WebhookEndpoint";
import type { FieldErrors, FormResult } from "../utils/forms";

/** Typed against the entity's list, so an event added there without a label fails to compile. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "escalation.created": "Escalation created",
  "escalation.assigned": "Escalation assigned",
  "escalation.resolved": "Escalation resolved",
  "budget.threshold_crossed": "Budget threshold crossed",
};

const EVENT_NAMES = Object.keys(WEBHOOK_EVENT_LABELS) as [WebhookEvent, ...WebhookEvent[]];

export const MAX_WEBHOOK_URL_CHARS = 2048;

export const WebhookSchema = z.object({
  url: z
    .string({ error: "Enter the URL to send events to." })
    .trim()
    .min(1, "Enter the URL to send events to.")
    .max(MAX_WEBHOOK_URL_CHARS, `The URL must be at most ${MAX_WEBHOOK_URL_CHARS.toLocaleString("en")} characters.`),
  events: z
    .array(z.enum(EVENT_NAMES, { error: "Choose events from the list." }))
    .min(1, "Choose at least one event.")
    .transform((chosen) => EVENT_NAMES.filter((event) => chosen.includes(event))),
});

export type WebhookInput = z.infer<typeof WebhookSchema>;

/** The event checkboxes share one name, which `parseForm` (Object.fromEntries) would cut to the last one. */
export function parseWebhookForm(form: FormData): FormResult<WebhookInput> {
  const result = WebhookSchema.safeParse({ url: form.get("url") ?? undefined, events: form.getAll("events") });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: z.flattenError(result.error).fieldErrors as FieldErrors };
}
