import type { html, nothing, TemplateResult } from "lit";
import type { ConversationController } from "../controllers/conversation.controller";

/** The chat's own Lit, lent to widget-handoff.js, which carries no copy of its own (see widget/bundles.ts). */
export interface LentLit {
  readonly html: typeof html;
  readonly nothing: typeof nothing;
}

/** What of the conversation the forms show and act on. */
export type HandoffFormsConversation = Pick<ConversationController, "contact" | "survey" | "rate" | "leaveEmail">;

/** What widget-handoff.js exports by default. */
export interface HandoffForms {
  /** Rules for the forms, added to the chat's shadow root once the module has arrived. */
  css: string;
  render(lit: LentLit, conversation: HandoffFormsConversation): TemplateResult;
}
