import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** Validates a submitted form against its schema; errors are keyed by field name. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const result = schema.safeParse(Object.fromEntries(form));
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: z.flattenError(result.error).fieldErrors as FieldErrors };
}

/** A name a person types: trimmed, bounded, and free of control characters. */
export function personName(label: string, max = 120) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${label[0].toUpperCase()}${label.slice(1)} must be at most ${max} characters.`)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${label[0].toUpperCase()}${label.slice(1)} contains invalid characters.`);
}

/**
 * Text a person types, such as a description: trimmed, bounded and free of control characters;
 * `multiline` also lets line breaks and tabs through. `label` starts the messages ("The greeting").
 */
export function textField(label: string, max: number, { multiline = false } = {}) {
  const invalid = multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString("en")} characters.`)
    .refine((value) => !invalid.test(value), `${label} contains invalid characters.`);
}

export const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }).max(254, "That email is too long."));

export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(12, "Use at least 12 characters.")
  .max(128, "Use at most 128 characters.")
  .refine((value) => new Set(value).size >= 5, "Use a less repetitive password.");

/**
 * Only paths on this site, so a crafted link cannot send someone elsewhere after login. Browsers
 * drop tabs and newlines and read "\\" as "/", so "/\t/evil.example" means "//evil.example":
 * refuse control characters and backslashes outright, then require a same-origin path.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof target !== "string" || !target.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
  const base = "http://this.site";
  const resolved = new URL(target, base);
  if (resolved.origin !== base) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** An HTML checkbox: "on" when ticked, absent otherwise. */
export const checkboxField = z
  .string()
  .optional()
  .transform((value) => value === "on");
