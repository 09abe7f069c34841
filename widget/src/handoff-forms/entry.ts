/** widget-handoff.js: the rating and email forms, which the chat loads the first time it shows one. */
import type { HandoffForms } from "./contract";
import css from "./forms.css?minified";
import { renderContact, renderSurvey } from "./forms";

export default {
  css,
  render: (lit, conversation) => lit.html`${renderContact(lit, conversation)} ${renderSurvey(lit, conversation)}`,
} satisfies HandoffForms;
