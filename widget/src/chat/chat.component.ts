import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from "lit";
import type { WidgetConfig } from "../api/contract";
import { WidgetConfigController } from "../controllers/config.controller";
import { ConversationController } from "../controllers/conversation.controller";
import { HandoffFormsController } from "../controllers/handoff-forms.controller";
import { StickToBottomController } from "../controllers/stick-to-bottom.controller";
import { HelpdeskCloseEvent } from "../events/close";
import { HelpdeskOpenEvent } from "../events/open";
import { MAX_MESSAGE_CHARS } from "../limits";
import { applyBrandColor } from "../shared/brand";
import type { LoaderHandOff } from "../shared/element";
import { ICONS } from "../shared/icons";
import { chatStyles } from "./chat.styles";
import { STRINGS } from "./strings";
import { icon } from "./templates/icon";
import { renderLauncher } from "./templates/launcher";
import { renderGreeting, renderMessage, type MessageActions } from "./templates/message";

const PANEL_ID = "panel";

/** Stands in for settings a partial `configOverride` leaves out before the real config has arrived. */
const FALLBACK_CONFIG: Omit<WidgetConfig, "publicId"> = {
  name: "Support",
  greeting: "",
  launcherLabel: "Chat with us",
  theme: "auto",
  brandColor: "#2563eb",
  position: "bottom-right",
  suggestedQuestions: [],
};

/**
 * `<helpdesk-chat>`: the support chat of one widget, as a launcher and a panel, or (with `inline`)
 * as a panel filling its container, for the dashboard's live preview.
 *
 * Properties are declared with `declare` and set in the constructor: class fields would shadow the
 * reactive accessors Lit defines (the project compiles with useDefineForClassFields).
 */
export class HelpdeskChat extends LitElement implements LoaderHandOff {
  static override properties = {
    widgetId: { attribute: "widget-id" },
    apiBase: { attribute: "api-base" },
    userId: { attribute: "user-id" },
    userHash: { attribute: "user-hash" },
    open: { type: Boolean, reflect: true },
    inline: { type: Boolean, reflect: true },
    configOverride: { attribute: false },
    initialConfig: { attribute: false },
    draft: { state: true },
  };

  static override styles = chatStyles;

  /** The widget's public id. */
  declare widgetId: string;
  /** Origin (optionally with a path prefix) of the API; "" means this page's origin. */
  declare apiBase: string;
  /** The host site's id for its signed-in customer, with `userHash` = HMAC-SHA256(widget secret, userId) in hex. */
  declare userId: string;
  declare userHash: string;
  declare open: boolean;
  declare inline: boolean;
  /** Settings shown instead of the saved ones (the dashboard's preview of unsaved changes). Assign a new object to update. */
  declare configOverride: Partial<WidgetConfig> | null;
  /** An already fetched config for `widget-id` (the loader sets it), so it isn't fetched twice. */
  declare initialConfig: WidgetConfig | undefined;
  private declare draft: string;

  readonly #configs = new WidgetConfigController(this);
  readonly #conversation = new ConversationController(this);
  readonly #handoffForms = new HandoffFormsController(this, this.#conversation);
  readonly #stickToBottom = new StickToBottomController(this, () => this.renderRoot?.querySelector<HTMLElement>(".messages") ?? null);
  /** Where focus goes after the next render: only moved when the visitor's own action asked for it. */
  #pendingFocus: "message" | "launcher" | null = null;

  constructor() {
    super();
    this.widgetId = "";
    this.apiBase = "";
    this.userId = "";
    this.userHash = "";
    this.open = false;
    this.inline = false;
    this.configOverride = null;
    this.draft = "";
  }

  get panelVisible(): boolean {
    return this.open || this.inline;
  }

  /**
   * The loader drew a launcher into this shadow root before the element was defined; Lit renders
   * into that same root, so the loader's nodes go first. A visitor who had focused (or clicked) that
   * launcher keeps their place.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (this.shadowRoot) {
      if (this.shadowRoot.activeElement) this.#pendingFocus = this.open ? "message" : "launcher";
      this.shadowRoot.replaceChildren();
    }
    return super.createRenderRoot();
  }

  get #config(): WidgetConfig | null {
    const fetched = this.#configs.config;
    if (!fetched && !this.configOverride) return null;
    return { ...FALLBACK_CONFIG, publicId: this.widgetId, ...fetched, ...this.configOverride };
  }

  /** After the controllers' hostUpdate (which willUpdate would precede), so a config fetched just now is applied. */
  protected override update(changed: PropertyValues<this>): void {
    const config = this.#config;
    if (config) applyBrandColor(this, config.brandColor);
    super.update(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The first render of a closed widget is no "close".
    if (changed.has("open") && (this.open || changed.get("open") !== undefined)) {
      this.dispatchEvent(this.open ? new HelpdeskOpenEvent() : new HelpdeskCloseEvent());
    }
    const focusTarget = this.#pendingFocus === "message" ? "textarea" : this.#pendingFocus === "launcher" ? ".launcher" : null;
    if (focusTarget) this.renderRoot.querySelector<HTMLElement>(focusTarget)?.focus();
    this.#pendingFocus = null;
  }

  protected override render(): TemplateResult | typeof nothing {
    const config = this.#config;
    if (!config) return nothing;
    const left = config.position === "bottom-left";
    return html`<div class="widget ${config.theme}">
      ${this.inline
        ? nothing
        : renderLauncher({
            label: config.launcherLabel,
            open: this.open,
            left,
            panelId: PANEL_ID,
            unread: this.#conversation.unread,
            onToggle: this.#toggle,
          })}
      ${this.#renderPanel(config, left)}
    </div>`;
  }

  #renderPanel(config: WidgetConfig, left: boolean): TemplateResult {
    const conversation = this.#conversation;
    const canHandoff = conversation.status !== "escalated";
    const actions: MessageActions = {
      canHandoff,
      requestingHandoff: conversation.requestingHandoff,
      onHandoff: this.#requestHandoff,
      onFeedback: (entry, value) => void conversation.setFeedback(entry.key, value),
    };
    const visitorHasWritten = conversation.entries.some((entry) => entry.role === "visitor");
    return html`<section
      id=${PANEL_ID}
      class="panel ${left ? "left" : ""}"
      role="dialog"
      aria-label=${config.name}
      ?hidden=${!this.panelVisible}
      @keydown=${this.#onPanelKeydown}
    >
      <header class="header">
        <h2 class="title">${config.name}</h2>
        ${canHandoff
          ? html`<button type="button" class="header-button" ?disabled=${conversation.requestingHandoff} @click=${this.#requestHandoff}>
              ${STRINGS.talkToHuman}
            </button>`
          : nothing}
        ${this.inline
          ? nothing
          : html`<button type="button" class="icon-button" aria-label=${STRINGS.close} @click=${this.#close}>${icon(ICONS.close)}</button>`}
      </header>
      <div class="messages" role="log" aria-live="polite" aria-busy=${conversation.answering ? "true" : "false"}>
        ${config.greeting ? renderGreeting(config.greeting) : nothing}
        ${conversation.entries.map((entry) => renderMessage(entry, actions))}
      </div>
      ${visitorHasWritten || !config.suggestedQuestions.length
        ? nothing
        : html`<div class="suggestions">
            ${config.suggestedQuestions.map(
              (question) => html`<button type="button" class="suggestion" @click=${() => this.#sendMessage(question)}>${question}</button>`,
            )}
          </div>`}
      ${this.#handoffForms.render()}
      ${conversation.notice
        ? html`<div class="notice" role="alert">
            <span>${conversation.notice.text}</span>
            ${conversation.notice.retry ? html`<button type="button" @click=${() => conversation.retry()}>${STRINGS.retry}</button>` : nothing}
          </div>`
        : nothing}
      <form class="composer" @submit=${this.#onSubmit}>
        <textarea
          rows="1"
          aria-label=${STRINGS.message}
          placeholder=${STRINGS.placeholder}
          maxlength=${MAX_MESSAGE_CHARS}
          .value=${this.draft}
          @input=${this.#onInput}
          @keydown=${this.#onComposerKeydown}
        ></textarea>
        <button type="submit" class="send" aria-label=${STRINGS.send} ?disabled=${!this.draft.trim() || conversation.answering}>
          ${icon(ICONS.send)}
        </button>
      </form>
    </section>`;
  }

  readonly #toggle = (): void => {
    this.open = !this.open;
    this.#pendingFocus = this.open ? "message" : "launcher";
  };

  readonly #close = (): void => {
    this.open = false;
    this.#pendingFocus = "launcher";
  };

  readonly #requestHandoff = (): void => {
    void this.#conversation.requestHandoff();
  };

  #sendMessage(content: string): void {
    if (!this.#conversation.send(content)) return;
    this.draft = "";
    this.#stickToBottom.jumpToBottom();
    // Keeps keyboard users in the composer; the Send button they may have pressed is now disabled.
    this.#pendingFocus = "message";
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#sendMessage(this.draft);
  };

  readonly #onInput = (event: InputEvent): void => {
    this.draft = (event.target as HTMLTextAreaElement).value;
  };

  readonly #onComposerKeydown = (event: KeyboardEvent): void => {
    // keyCode 229: Safari's Enter that confirms an IME composition, with isComposing already false.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.#sendMessage(this.draft);
  };

  readonly #onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key !== "Escape" || this.inline) return;
    event.stopPropagation();
    this.#close();
  };
}
