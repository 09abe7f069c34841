import type { TemplateResult } from "lit";
import type { HandoffFormsConversation, LentLit } from "./contract";
import { emailSaved, starLabel, STRINGS } from "./strings";

const announce = ({ html }: LentLit, text: string) => html`<p class="card" role="status">${text}</p>`;

function cardForm(
  { html }: LentLit,
  fields: TemplateResult,
  submitLabel: string,
  busy: boolean,
  onSubmit: (form: FormData) => void,
): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onSubmit(new FormData(event.target as HTMLFormElement));
  };
  return html`<form class="card" @submit=${submit}>${fields}<button class="secondary" ?disabled=${busy}>${submitLabel}</button></form>`;
}

/** The rating asked for once a person resolved the conversation: five labelled radios, so arrow keys pick the stars. */
export function renderSurvey(lit: LentLit, conversation: HandoffFormsConversation): TemplateResult | LentLit["nothing"] {
  const { html } = lit;
  const { survey } = conversation;
  if (survey === "thanks") return announce(lit, STRINGS.ratingThanks);
  if (!survey) return lit.nothing;
  const stars = [1, 2, 3, 4, 5].map(
    (count) => html`<label><input type="radio" name="rating" value=${count} required aria-label=${starLabel(count)} />★</label>`,
  );
  return cardForm(
    lit,
    html`<fieldset class="stars"><legend>${STRINGS.ratingQuestion}</legend>${stars}</fieldset>
      <label>${STRINGS.ratingComment}<textarea name="comment" rows="2" maxlength="2000"></textarea></label>`,
    STRINGS.sendRating,
    survey === "sending",
    (form) => void conversation.rate(Number(form.get("rating")), String(form.get("comment")).trim()),
  );
}

/** Nobody is around to reply: the team's message, and a form to leave an email when they have none. */
export function renderContact(lit: LentLit, conversation: HandoffFormsConversation): TemplateResult | LentLit["nothing"] {
  const { html } = lit;
  const { contact } = conversation;
  if (!contact) return lit.nothing;
  if (contact.savedEmail) return announce(lit, emailSaved(contact.savedEmail));
  if (!contact.askEmail) return announce(lit, contact.message);
  return cardForm(
    lit,
    html`<p>${contact.message}</p>
      <label>${STRINGS.email}<input type="email" name="email" autocomplete="email" required maxlength="254" /></label>
      ${contact.error ? html`<p class="error" role="alert">${contact.error}</p>` : lit.nothing}`,
    STRINGS.sendEmail,
    contact.sending,
    (form) => void conversation.leaveEmail(String(form.get("email")).trim()),
  );
}
