import { useState } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";
import {
  MAX_INSTRUCTIONS_CHARS,
  MAX_TOKENS_LIMIT,
  OFFLINE_MODEL,
  PROVIDER_LABELS,
  PROVIDERS,
  TONE_LABELS,
  TONES,
  type PersonalityInput,
  type Provider,
} from "./personality-settings";

/** What a new personality starts with (the same as the table's column defaults). */
export const NEW_PERSONALITY: PersonalityInput = {
  name: "",
  description: "",
  instructions: "",
  tone: "friendly",
  language: "en",
  temperature: 0.2,
  maxTokens: 512,
  provider: "offline",
  model: OFFLINE_MODEL,
  knowledgeOnly: true,
  fallbackMessage: "I could not find that in our help content. Would you like to talk to a person?",
};

/**
 * The inputs of PersonalitySchema, shared by the new and edit pages. `defaultNote` replaces the
 * "make default" checkbox where it would do nothing: on the default itself (the default moves only
 * by choosing another one) and on a tenant's first personality (which always becomes the default).
 */
export function PersonalityFields({ values, errors, defaultNote }: { values: PersonalityInput; errors?: FieldErrors; defaultNote?: string }) {
  const [provider, setProvider] = useState<Provider>(values.provider);
  return (
    <div className="space-y-4">
      <TextField label="Name" name="name" defaultValue={values.name} required maxLength={120} errors={errors?.name} />
      <TextAreaField label="Description" name="description" defaultValue={values.description} rows={2} maxLength={500} hint="For your team; visitors never see it." errors={errors?.description} />
      <TextAreaField
        label="Instructions"
        name="instructions"
        defaultValue={values.instructions}
        rows={8}
        maxLength={MAX_INSTRUCTIONS_CHARS}
        hint={`The system prompt: who the assistant is, what it should and should not do. Up to ${MAX_INSTRUCTIONS_CHARS.toLocaleString("en")} characters.`}
        errors={errors?.instructions}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Tone" name="tone" defaultValue={values.tone} errors={errors?.tone}>
          {TONES.map((tone) => (
            <option key={tone} value={tone}>
              {TONE_LABELS[tone]}
            </option>
          ))}
        </SelectField>
        <TextField label="Language" name="language" defaultValue={values.language} required maxLength={16} hint="A short code: en, de, fr-CA." errors={errors?.language} />
        <TextField
          label="Temperature"
          name="temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          defaultValue={values.temperature}
          hint="0 keeps answers predictable; up to 2 makes them more varied."
          errors={errors?.temperature}
        />
        <TextField label="Max tokens" name="maxTokens" type="number" min={1} max={MAX_TOKENS_LIMIT} step={1} defaultValue={values.maxTokens} hint={`The longest answer, 1 to ${MAX_TOKENS_LIMIT}.`} errors={errors?.maxTokens} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Answers come from"
          name="provider"
          value={provider}
          onChange={(event) => setProvider(event.currentTarget.value as Provider)}
          hint={provider === "offline" ? "Needs no network: answers quote your knowledge base." : "The model server set by CHAT_API_BASE_URL and CHAT_API_KEY on the server."}
          errors={errors?.provider}
        >
          {PROVIDERS.map((option) => (
            <option key={option} value={option}>
              {PROVIDER_LABELS[option]}
            </option>
          ))}
        </SelectField>
        {/* Keyed: the same component in both branches would otherwise keep the built-in model's text. */}
        {provider === "offline" ? (
          <TextField key="offline-model" label="Model" value={OFFLINE_MODEL} disabled readOnly />
        ) : (
          <TextField
            key="remote-model"
            label="Model"
            name="model"
            defaultValue={values.provider === "offline" ? "" : values.model}
            required
            maxLength={120}
            placeholder="gpt-4o-mini"
            errors={errors?.model}
          />
        )}
      </div>
      <CheckboxField
        label="Answer only from the knowledge base"
        name="knowledgeOnly"
        defaultChecked={values.knowledgeOnly}
        hint="When your help content does not cover a question, reply with the fallback message instead of guessing."
        errors={errors?.knowledgeOnly}
      />
      <TextAreaField
        label="Fallback message"
        name="fallbackMessage"
        defaultValue={values.fallbackMessage}
        rows={2}
        maxLength={1000}
        hint="What the assistant says when it does not know."
        errors={errors?.fallbackMessage}
      />
      {defaultNote ? (
        <p className="text-sm text-slate-600">{defaultNote}</p>
      ) : (
        <CheckboxField label="Make this the workspace default" name="makeDefault" hint="Widgets without a personality of their own use the default." />
      )}
    </div>
  );
}
