import { adoptStyles, html, nothing, unsafeCSS, type ReactiveController, type ReactiveElement, type TemplateResult } from "lit";
import type { HandoffForms, HandoffFormsConversation } from "../handoff-forms/contract";
import { warnOnce } from "../shared/warn";

/** Stamped by widget/bundles.ts: a hash of widget-handoff.js, so a new chat never runs an old cached chunk. */
declare const WIDGET_HANDOFF_VERSION: string;

let loading: Promise<HandoffForms> | null = null;

/** widget-handoff.js comes from wherever this module came from (the app), whichever page embeds the widget. */
function importHandoffForms(): Promise<HandoffForms> {
  loading ??= import(new URL(`widget-handoff.js?v=${WIDGET_HANDOFF_VERSION}`, import.meta.url).href).then(
    (module: { default: HandoffForms }) => module.default,
    (error: unknown) => {
      loading = null; // the next update that needs the forms tries again
      throw error;
    },
  );
  return loading;
}

/**
 * The rating and email forms, which few visitors ever see, live in widget-handoff.js: fetched the
 * first time the conversation asks for one, then drawn with the host's Lit into its shadow root.
 */
export class HandoffFormsController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #conversation: HandoffFormsConversation;
  #forms: HandoffForms | null = null;
  #requested = false;

  constructor(host: ReactiveElement, conversation: HandoffFormsConversation) {
    this.#host = host;
    this.#conversation = conversation;
    host.addController(this);
  }

  hostUpdated(): void {
    const { contact, survey } = this.#conversation;
    if (this.#requested || !(contact || survey)) return;
    this.#requested = true;
    importHandoffForms().then(
      (forms) => {
        const host = this.#host;
        // Constructed sheets replace the host's own, so its styles go in again, first.
        adoptStyles(host.renderRoot as ShadowRoot, [...(host.constructor as typeof ReactiveElement).elementStyles, unsafeCSS(forms.css)]);
        this.#forms = forms;
        host.requestUpdate();
      },
      (error: unknown) => {
        this.#requested = false;
        warnOnce(error);
      },
    );
  }

  render(): TemplateResult | typeof nothing {
    return this.#forms ? this.#forms.render({ html, nothing }, this.#conversation) : nothing;
  }
}
