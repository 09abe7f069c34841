import { SelectField, TextAreaField, TextField } from "~/components/form";
import type { FieldErrors } from "~/utils/forms";
import type { WidgetConfig } from "~/chat/widget-api";
import {
  MAX_GREETING_CHARS,
  MAX_LAUNCHER_LABEL_CHARS,
  MAX_SUGGESTED_QUESTIONS,
  POSITION_LABELS,
  POSITIONS,
  THEME_LABELS,
  THEMES,
  WIDGET_DEFAULTS,
  type WidgetAppearance,
  type WidgetInput,
} from "./widget-settings";

export type PersonalityChoice = { id: string; name: string; isDefault: boolean };

/** What a new widget starts with: empty texts show the widget's defaults. */
export const NEW_WIDGET: WidgetInput = {
  name: "",
  personalityId: null,
  allowedOrigins: [],
  greeting: "",
  launcherLabel: "",
  theme: WIDGET_DEFAULTS.theme,
  brandColor: WIDGET_DEFAULTS.brandColor,
  position: WIDGET_DEFAULTS.position,
  suggestedQuestions: [],
};

/** A stored widget's form values. Texts left empty stay empty, so they keep following the defaults. */
export function formValuesOf(widget: {
  name: string;
  personality: { id: string } | null;
  allowedOrigins: string[];
  settings: Partial<WidgetAppearance>;
  config: WidgetConfig;
}): WidgetInput {
  return {
    name: widget.name,
    personalityId: widget.personality?.id ?? null,
    allowedOrigins: widget.allowedOrigins,
    greeting: widget.settings.greeting ?? "",
    launcherLabel: widget.settings.launcherLabel ?? "",
    theme: widget.config.theme,
    brandColor: widget.config.brandColor,
    position: widget.config.position,
    suggestedQuestions: widget.config.suggestedQuestions,
  };
}

/** The inputs of WidgetSchema, shared by the new and edit pages. */
export function WidgetFields({ values, personalities, errors }: { values: WidgetInput; personalities: PersonalityChoice[]; errors?: FieldErrors }) {
  const tenantDefault = personalities.find((personality) => personality.isDefault);
  return (
    <div className="space-y-4">
      <TextField label="Name" name="name" defaultValue={values.name} required maxLength={120} hint="For your team, e.g. the site it runs on." errors={errors?.name} />
      <SelectField
        label="Personality"
        name="personalityId"
        defaultValue={values.personalityId ?? ""}
        hint="The tenant default follows whichever personality is the workspace default."
        errors={errors?.personalityId}
      >
        <option value="">Tenant default{tenantDefault ? ` (${tenantDefault.name})` : ""}</option>
        {personalities.map((personality) => (
          <option key={personality.id} value={personality.id}>
            {personality.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Allowed domains"
        name="allowedOrigins"
        defaultValue={values.allowedOrigins.join("\n")}
        rows={4}
        spellCheck={false}
        placeholder={"shop.example.com\n*.example.com\nhttp://localhost:8080"}
        hint="One per line. A domain alone means https; *.example.com allows every subdomain (not example.com itself). Leave empty to allow only the preview and the demo page."
        errors={errors?.allowedOrigins}
      />
      <TextAreaField
        label="Greeting"
        name="greeting"
        defaultValue={values.greeting}
        rows={2}
        maxLength={MAX_GREETING_CHARS}
        placeholder={WIDGET_DEFAULTS.greeting}
        hint="The first message a visitor sees. Empty: the text shown above."
        errors={errors?.greeting}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Launcher label"
          name="launcherLabel"
          defaultValue={values.launcherLabel}
          maxLength={MAX_LAUNCHER_LABEL_CHARS}
          placeholder={WIDGET_DEFAULTS.launcherLabel}
          errors={errors?.launcherLabel}
        />
        <TextField
          label="Brand colour"
          name="brandColor"
          type="color"
          defaultValue={values.brandColor}
          className="mt-1 block h-10 w-20 rounded-md border border-slate-300 bg-white p-1"
          errors={errors?.brandColor}
        />
        <SelectField label="Theme" name="theme" defaultValue={values.theme} errors={errors?.theme}>
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {THEME_LABELS[theme]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Position" name="position" defaultValue={values.position} errors={errors?.position}>
          {POSITIONS.map((position) => (
            <option key={position} value={position}>
              {POSITION_LABELS[position]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label="Suggested questions"
        name="suggestedQuestions"
        defaultValue={values.suggestedQuestions.join("\n")}
        rows={4}
        hint={`One per line, up to ${MAX_SUGGESTED_QUESTIONS}; visitors can tap one to ask it.`}
        errors={errors?.suggestedQuestions}
      />
    </div>
  );
}
