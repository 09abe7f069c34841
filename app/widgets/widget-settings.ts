/**
 * What a widget is made of: its appearance choices with their defaults and limits, the form schema
 * shared by the new and edit pages, and the config the widget script receives. No server code, so
 * the live preview can build the same config from the form in the browser.
 */
import { z } from "zod";
import type { WidgetConfig } from "../chat/widget-api";
import { UserFacingError } from "../utils/errors";
import { personName, textField } from "../utils/forms";
import { MAX_ALLOWED_ORIGINS, normalizeAllowedOrigin } from "./allowed-origins";

export const THEMES = ["light", "dark", "auto"] as const;
export const THEME_LABELS: Record<(typeof THEMES)[number], string> = { light: "Light", dark: "Dark", auto: "Follow the visitor's system" };
export const POSITIONS = ["bottom-right", "bottom-left"] as const;
export const POSITION_LABELS: Record<(typeof POSITIONS)[number], string> = { "bottom-right": "Bottom right", "bottom-left": "Bottom left" };

export const MAX_GREETING_CHARS = 500;
export const MAX_LAUNCHER_LABEL_CHARS = 40;
export const MAX_SUGGESTED_QUESTIONS = 6;
export const MAX_SUGGESTED_QUESTION_CHARS = 120;

export type WidgetAppearance = Omit<WidgetConfig, "publicId" | "name">;

/** What a visitor sees for a setting the admin left empty. */
export const WIDGET_DEFAULTS: WidgetAppearance = {
  greeting: "Hi! Ask me anything about our products and services.",
  launcherLabel: "Chat with us",
  theme: "auto",
  brandColor: "#4f46e5",
  position: "bottom-right",
  suggestedQuestions: [],
};

/** The config the widget script receives, with defaults for whatever was left empty. */
export function widgetConfig({ publicId, name, settings }: { publicId: string; name: string; settings: Partial<WidgetAppearance> }): WidgetConfig {
  return {
    publicId,
    name,
    greeting: settings.greeting || WIDGET_DEFAULTS.greeting,
    launcherLabel: settings.launcherLabel || WIDGET_DEFAULTS.launcherLabel,
    theme: settings.theme ?? WIDGET_DEFAULTS.theme,
    brandColor: settings.brandColor ?? WIDGET_DEFAULTS.brandColor,
    position: settings.position ?? WIDGET_DEFAULTS.position,
    suggestedQuestions: settings.suggestedQuestions ?? WIDGET_DEFAULTS.suggestedQuestions,
  };
}

/** The non-empty, trimmed lines of a textarea. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const allowedOriginsField = z
  .string()
  .optional()
  .transform((text, context) => {
    const origins = new Set<string>();
    for (const line of linesOf(text ?? "")) {
      try {
        origins.add(normalizeAllowedOrigin(line));
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        context.addIssue({ code: "custom", message: error.message });
      }
    }
    if (origins.size > MAX_ALLOWED_ORIGINS) context.addIssue({ code: "custom", message: `List at most ${MAX_ALLOWED_ORIGINS} domains.` });
    return [...origins];
  });

const suggestedQuestionsField = z
  .string()
  .optional()
  .transform((text) => linesOf(text ?? ""))
  .pipe(
    z
      .array(z.string().max(MAX_SUGGESTED_QUESTION_CHARS, `Each question must be at most ${MAX_SUGGESTED_QUESTION_CHARS} characters.`))
      .max(MAX_SUGGESTED_QUESTIONS, `Suggest at most ${MAX_SUGGESTED_QUESTIONS} questions.`),
  );

export const WidgetSchema = z.object({
  name: personName("a name"),
  /** "" is the tenant default personality. */
  personalityId: z.union([z.literal("").transform(() => null), z.uuid({ error: "Choose a personality." })], { error: "Choose a personality." }),
  allowedOrigins: allowedOriginsField,
  greeting: textField("The greeting", MAX_GREETING_CHARS, { multiline: true }),
  launcherLabel: textField("The button label", MAX_LAUNCHER_LABEL_CHARS),
  theme: z.enum(THEMES, { error: "Choose a theme." }),
  brandColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-f]{6}$/i, "Use a colour like #4f46e5.")
    .transform((value) => value.toLowerCase()),
  position: z.enum(POSITIONS, { error: "Choose a position." }),
  suggestedQuestions: suggestedQuestionsField,
});

export type WidgetInput = z.output<typeof WidgetSchema>;

/**
 * The config for the form as it stands, before it is saved, for the live preview: every setting
 * that passes its own validation, and the default in place of one that does not (yet).
 */
export function previewConfig({ publicId, form }: { publicId: string; form: FormData }): WidgetConfig {
  const shape = WidgetSchema.shape;
  function valid<K extends keyof typeof shape>(key: K): z.output<(typeof shape)[K]> | undefined {
    const result = shape[key].safeParse(form.get(key) ?? undefined);
    return result.success ? (result.data as z.output<(typeof shape)[K]>) : undefined;
  }
  return widgetConfig({
    publicId,
    name: valid("name") ?? "",
    settings: {
      greeting: valid("greeting"),
      launcherLabel: valid("launcherLabel"),
      theme: valid("theme"),
      brandColor: valid("brandColor"),
      position: valid("position"),
      suggestedQuestions: valid("suggestedQuestions"),
    },
  });
}
