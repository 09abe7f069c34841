import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "./csrf-input";
import { SubmitButton } from "./form";

/** A one-button form that posts an `intent` (make default, disable, rotate secret…) to the page's action. */
export function IntentButton({ intent, tone = "quiet", children }: { intent: string; tone?: "quiet" | "danger"; children: ReactNode }) {
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <SubmitButton tone={tone}>{children}</SubmitButton>
    </Form>
  );
}
