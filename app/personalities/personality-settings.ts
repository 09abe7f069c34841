/**
 * What a personality is made of: the choices, limits and the form schema shared by the new and
 * edit pages, and used by the service for its types. No server code, so pages can import it.
 */
import { z } from "zod";
import { checkboxField, personName, textField } from "../utils/forms";

export const TONES = ["friendly", "professional", "concise", "empathetic"] as const;
export type Tone = (typeof TONES)[number];
export const TONE_LABELS: Record<Tone, string> = {
  friendly: "Friendly",
  professional: "Professional",
  concise: "Concise",
  empathetic: "Empathetic",
};

export const PROVIDERS = ["offline", "openai-compatible"] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PROVIDER_LABELS: Record<Provider, string> = {
  offline: "Built-in (offline, quotes your help content)",
  "openai-compatible": "OpenAI-compatible model server",
};
/** The built-in engine answers by quoting passages; it has one model and needs no network. */
export const OFFLINE_MODEL = "extractive";

export const MAX_INSTRUCTIONS_CHARS = 8000;
export const MAX_TOKENS_LIMIT = 4096;

/** A number typed into an <input type="number">; blank is an error, not zero. */
function numberInput(message: string) {
  return z.string({ error: message }).trim().min(1, message).pipe(z.coerce.number({ error: message }));
}

/** A language with at most a script and a region (en, de, fr-CA, zh-Hant-TW), as BCP 47 spells it. */
function isShortLanguageTag(value: string): boolean {
  if (value.length > 16 || !/^[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}$/i.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const LANGUAGE_MESSAGE = "Use a short language code such as en, de or fr-CA.";

export const PersonalitySchema = z
  .object({
    name: personName("a name"),
    description: textField("The description", 500, { multiline: true }),
    instructions: textField("The instructions", MAX_INSTRUCTIONS_CHARS, { multiline: true }),
    tone: z.enum(TONES, { error: "Choose a tone." }),
    language: z
      .string({ error: LANGUAGE_MESSAGE })
      .trim()
      .refine(isShortLanguageTag, LANGUAGE_MESSAGE)
      .transform((value) => Intl.getCanonicalLocales(value)[0]),
    temperature: numberInput("Enter a temperature from 0 to 2.").pipe(
      z.number().min(0, "Enter a temperature from 0 to 2.").max(2, "Enter a temperature from 0 to 2."),
    ),
    maxTokens: numberInput(`Enter a whole number from 1 to ${MAX_TOKENS_LIMIT}.`).pipe(
      z
        .number()
        .int(`Enter a whole number from 1 to ${MAX_TOKENS_LIMIT}.`)
        .min(1, `Enter a whole number from 1 to ${MAX_TOKENS_LIMIT}.`)
        .max(MAX_TOKENS_LIMIT, `Enter a whole number from 1 to ${MAX_TOKENS_LIMIT}.`),
    ),
    provider: z.enum(PROVIDERS, { error: "Choose where answers come from." }),
    model: textField("The model name", 120).optional(),
    knowledgeOnly: checkboxField,
    fallbackMessage: textField("The fallback message", 1000, { multiline: true }).pipe(z.string().min(1, "Enter what the assistant says when it does not know.")),
    makeDefault: checkboxField,
  })
  .superRefine((value, context) => {
    if (value.provider === "openai-compatible" && !value.model) {
      context.addIssue({ code: "custom", path: ["model"], message: "Enter the model name, e.g. gpt-4o-mini or llama3.1:8b." });
    }
  })
  .transform(({ makeDefault, ...personality }) => ({
    makeDefault,
    personality: { ...personality, model: personality.provider === "offline" ? OFFLINE_MODEL : (personality.model ?? "") },
  }));

/** A personality's own settings, as the service stores them. */
export type PersonalityInput = z.output<typeof PersonalitySchema>["personality"];
