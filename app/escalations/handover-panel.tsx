import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { CheckboxField, FieldError, FormNotice, SubmitButton, TextAreaField, TextField } from "~/components/form";
import { Panel } from "~/components/page-header";
import type { FieldErrors } from "~/utils/forms";
import { HANDOVER_FIELDS, KEYWORD_DEFAULT_PRIORITY, keywordRulesText } from "./escalation-settings-form";
import { MAX_SLA_MINUTES, PRIORITIES, PRIORITY_LABELS, WEEKDAYS, type EscalationSettings, type Weekday } from "./escalation-settings";

export const SAVE_HANDOVER_INTENT = "save-handover";

export interface HandoverActionResult {
  fieldErrors?: FieldErrors;
  notice?: string;
}

const DAY_LABELS: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

const LOW_CONFIDENCE_CHOICES: { value: EscalationSettings["lowConfidence"]; label: string; hint: string }[] = [
  { value: "offer", label: "Offer a person", hint: "The visitor sees the answer and a “Talk to a human” suggestion." },
  { value: "handoff", label: "Hand over at once", hint: "The conversation goes to the team's inbox straight after the answer." },
];

/** When a conversation goes to a person and how fast it must be answered; read-only below admin. */
export function HandoverPanel({ settings, canEdit, result }: { settings: EscalationSettings; canEdit: boolean; result?: HandoverActionResult }) {
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === SAVE_HANDOVER_INTENT;
  const errors = result?.fieldErrors;
  return (
    <Panel title="Handover">
      <Form method="post" className="space-y-6" noValidate key={JSON.stringify(settings)}>
        <CsrfInput />
        <input type="hidden" name="intent" value={SAVE_HANDOVER_INTENT} />
        <fieldset disabled={!canEdit} className="space-y-6">
          <LowConfidenceChoice value={settings.lowConfidence} errors={errors?.[HANDOVER_FIELDS.lowConfidence]} />
          <TextAreaField
            label="Keyword rules"
            name={HANDOVER_FIELDS.keywordRules}
            rows={5}
            defaultValue={keywordRulesText(settings.keywordRules)}
            placeholder={"refund: high\nchargeback: urgent\ncancel my account"}
            hint={`One per line, as “keyword: priority” (low, normal, high or urgent; ${KEYWORD_DEFAULT_PRIORITY} when left out). A visitor message with the keyword goes to the team at once. Whole words in any case: “refund” also matches “Refunds?”, not “refunded”.`}
            errors={errors?.[HANDOVER_FIELDS.keywordRules]}
          />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Reply within (minutes)</legend>
            <p className="text-xs text-slate-500">
              Messages that sound urgent (“asap”, “charged twice”, “fraud”…) are raised to high priority.
            </p>
            <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
              {PRIORITIES.map((priority) => (
                <TextField
                  key={priority}
                  label={PRIORITY_LABELS[priority]}
                  name={HANDOVER_FIELDS.sla(priority)}
                  type="number"
                  min={1}
                  max={MAX_SLA_MINUTES}
                  defaultValue={settings.slaMinutes[priority]}
                  errors={errors?.[HANDOVER_FIELDS.sla(priority)]}
                />
              ))}
            </div>
          </fieldset>
          <BusinessHoursFields hours={settings.businessHours} errors={errors} />
        </fieldset>
        {canEdit ? <SubmitButton pending={saving}>Save handover settings</SubmitButton> : <p className="text-sm text-slate-500">Only owners and admins can change these settings.</p>}
        <FormNotice message={result?.notice} />
      </Form>
    </Panel>
  );
}

function LowConfidenceChoice({ value, errors }: { value: EscalationSettings["lowConfidence"]; errors?: string[] }) {
  const errorId = useId();
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">When the assistant is unsure or the knowledge base has no answer</legend>
      {LOW_CONFIDENCE_CHOICES.map((choice) => (
        <label key={choice.value} className="flex items-start gap-2 text-sm">
          <input type="radio" name={HANDOVER_FIELDS.lowConfidence} value={choice.value} defaultChecked={value === choice.value} className="mt-1" />
          <span>
            <span className="font-medium text-slate-800">{choice.label}</span>
            <span className="block text-xs text-slate-500">{choice.hint}</span>
          </span>
        </label>
      ))}
      <FieldError id={errorId} errors={errors} />
    </fieldset>
  );
}

function BusinessHoursFields({ hours, errors }: { hours: EscalationSettings["businessHours"]; errors?: FieldErrors }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Business hours</legend>
      <CheckboxField
        label="Only promise a quick reply during business hours"
        name={HANDOVER_FIELDS.businessHoursEnabled}
        defaultChecked={hours.enabled}
        hint="Outside them, visitors who are handed over learn when the team is back and are asked for an email."
      />
      <TextField
        label="Time zone"
        name={HANDOVER_FIELDS.timezone}
        defaultValue={hours.timezone}
        placeholder="Europe/Berlin"
        hint="An IANA time zone, such as Europe/Berlin or America/New_York."
        errors={errors?.[HANDOVER_FIELDS.timezone]}
      />
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 font-medium">Day</th>
            <th scope="col" className="py-1 font-medium">Closed</th>
            <th scope="col" className="py-1 font-medium">Opens</th>
            <th scope="col" className="py-1 font-medium">Closes</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => (
            <DayRow key={day} day={day} hours={hours.days[day]} errors={errors?.[HANDOVER_FIELDS.day(day)]} />
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

function DayRow({ day, hours, errors }: { day: Weekday; hours: { open: string; close: string } | null; errors?: string[] }) {
  const field = HANDOVER_FIELDS.day(day);
  const errorId = useId();
  const label = DAY_LABELS[day];
  const describedBy = errors?.length ? errorId : undefined;
  return (
    <tr className="align-top">
      <th scope="row" className="py-1 pr-2 text-left font-medium text-slate-700">
        {label}
        <FieldError id={errorId} errors={errors} />
      </th>
      <td className="py-1 pr-2">
        <input type="checkbox" name={`${field}.closed`} defaultChecked={hours === null} aria-label={`Closed on ${label}`} className="h-4 w-4 rounded border-slate-300" />
      </td>
      <td className="py-1 pr-2">
        <input type="time" name={`${field}.open`} defaultValue={hours?.open ?? "09:00"} aria-label={`${label} opens`} aria-describedby={describedBy} className="rounded-md border border-slate-300 px-2 py-1" />
      </td>
      <td className="py-1">
        <input type="time" name={`${field}.close`} defaultValue={hours?.close ?? "17:00"} aria-label={`${label} closes`} aria-describedby={describedBy} className="rounded-md border border-slate-300 px-2 py-1" />
      </td>
    </tr>
  );
}
