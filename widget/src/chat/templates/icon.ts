import { html, type TemplateResult } from "lit";

/** Decorative: every icon sits in a control that is named by text or aria-label. */
export function icon(path: string): TemplateResult {
  return html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${path}></path></svg>`;
}
