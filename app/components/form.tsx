import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useId } from "react";

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {errors[0]}
    </p>
  );
}

/** Label, control and error message, wired together for screen readers. */
function Field({ label, errors, hint, children }: { label: string; errors?: string[]; hint?: ReactNode; children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode }) {
  const id = useId();
  const { errorId, hintId, invalid, describedBy } = descriptions(id, errors, hint);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ id, "aria-invalid": invalid, "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/** Ids that tie a control to its hint and error, so screen readers read them with it. */
function descriptions(id: string, errors: string[] | undefined, hint: ReactNode) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = errors?.length ? (true as const) : undefined;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return { errorId, hintId, invalid, describedBy };
}

export function TextField({
  label,
  errors,
  hint,
  ...input
}: { label: string; errors?: string[]; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} errors={errors} hint={hint}>
      {(wiring) => (
        <input
          {...wiring}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600"
          {...input}
        />
      )}
    </Field>
  );
}

export function TextAreaField({
  label,
  errors,
  hint,
  ...textarea
}: { label: string; errors?: string[]; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} errors={errors} hint={hint}>
      {(wiring) => (
        <textarea
          {...wiring}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600"
          {...textarea}
        />
      )}
    </Field>
  );
}

/** A checkbox with its label beside it; submits "on" when ticked (see checkboxField). */
export function CheckboxField({
  label,
  errors,
  hint,
  ...input
}: { label: string; errors?: string[]; hint?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const id = useId();
  const { errorId, hintId, invalid, describedBy } = descriptions(id, errors, hint);
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="checkbox"
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className="h-4 w-4 rounded border-slate-300"
          {...input}
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={hintId} className="mt-1 ml-6 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  errors,
  hint,
  children,
  ...select
}: { label: string; errors?: string[]; hint?: ReactNode; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} errors={errors} hint={hint}>
      {(wiring) => (
        <select {...wiring} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

/** What an action did, announced politely: "Saved.", "This is now the workspace default." */
export function FormNotice({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="status" className="text-sm text-green-700">
      {message}
    </p>
  );
}

export function SubmitButton({ children, pending, tone = "primary" }: { children: ReactNode; pending?: boolean; tone?: "primary" | "danger" | "quiet" }) {
  const tones = {
    primary: "bg-brand-600 text-white hover:bg-brand-700",
    danger: "bg-red-600 text-white hover:bg-red-700",
    quiet: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  };
  return (
    <button
      type="submit"
      disabled={pending}
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60 ${tones[tone]}`}
    >
      {children}
    </button>
  );
}
