import { html, nothing, type TemplateResult } from "lit";
import type { WidgetCitation } from "../../api/contract";
import type { ChatEntry } from "../../controllers/chat-entry";
import { citationLabel, renderMarkdown } from "../../markdown/render";
import { parseMarkdown } from "../../markdown/parse-blocks";
import type { Block } from "../../markdown/tokens";
import { safeHref } from "../../markdown/safe-url";
import { ICONS } from "../../shared/icons";
import { STRINGS } from "../strings";
import { icon } from "./icon";

export interface MessageActions {
  /** A handover may still be asked for (none is under way). */
  canHandoff: boolean;
  requestingHandoff: boolean;
  onHandoff: () => void;
  onFeedback: (entry: ChatEntry, value: "helpful" | "not_helpful") => void;
}

/** Entries are replaced, never mutated, when they change: a streaming answer doesn't re-parse the whole history per token. */
const parsedEntries = new WeakMap<ChatEntry, Block[]>();

function parsed(entry: ChatEntry): Block[] {
  let blocks = parsedEntries.get(entry);
  if (!blocks) parsedEntries.set(entry, (blocks = parseMarkdown(entry.content)));
  return blocks;
}

export function renderMessage(entry: ChatEntry, actions: MessageActions): TemplateResult {
  switch (entry.role) {
    case "visitor":
      return html`<div class="entry visitor"><div class="bubble">${entry.content}</div></div>`;
    case "system":
      return html`<div class="entry system"><div class="bubble">${entry.content}</div></div>`;
    case "agent":
      return html`<div class="entry agent">
        <div class="sender">${entry.authorName ? `${entry.authorName} · ${STRINGS.team}` : STRINGS.agent}</div>
        <div class="bubble">${renderMarkdown(parsed(entry), [])}</div>
      </div>`;
    case "assistant":
      return renderAnswer(entry, actions);
  }
}

/** The greeting reads as the assistant's first message, though it is never stored. */
export function renderGreeting(greeting: string): TemplateResult {
  return html`<div class="entry assistant"><div class="bubble">${renderMarkdown(parseMarkdown(greeting), [])}</div></div>`;
}

function renderAnswer(entry: ChatEntry, actions: MessageActions): TemplateResult {
  const waiting = entry.streaming && !entry.content;
  return html`<div class="entry assistant">
    ${waiting || entry.content
      ? html`<div class="bubble">${waiting ? renderTyping() : renderMarkdown(parsed(entry), entry.citations)}</div>`
      : nothing}
    ${entry.citations.length && !entry.streaming ? renderSources(entry.citations) : nothing}
    ${entry.handoff ? renderHandoffNote(entry.handoff, actions) : nothing}
    ${entry.id && !entry.streaming && entry.content ? renderFeedback(entry, actions) : nothing}
  </div>`;
}

function renderTyping(): TemplateResult {
  return html`<span class="typing"
    ><span class="dot"></span><span class="dot"></span><span class="dot"></span
    ><span class="visually-hidden">${STRINGS.typing}</span></span
  >`;
}

function renderSources(citations: WidgetCitation[]): TemplateResult {
  return html`<ol class="sources" aria-label=${STRINGS.sources}>
    ${citations.map((citation) => {
      const href = citation.url ? safeHref(citation.url) : null;
      const label = citationLabel(citation);
      return html`<li value=${citation.index}>
        ${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${label}</a>` : label}
      </li>`;
    })}
  </ol>`;
}

function renderHandoffNote(handoff: NonNullable<ChatEntry["handoff"]>, actions: MessageActions): TemplateResult {
  return html`<div class="handoff">
    ${handoff.message ? html`<p>${handoff.message}</p>` : nothing}
    ${handoff.offersAction && actions.canHandoff
      ? html`<button type="button" class="secondary" ?disabled=${actions.requestingHandoff} @click=${actions.onHandoff}>
          ${STRINGS.talkToHuman}
        </button>`
      : nothing}
  </div>`;
}

function renderFeedback(entry: ChatEntry, actions: MessageActions): TemplateResult {
  const button = (value: "helpful" | "not_helpful", label: string, className: string) =>
    html`<button
      type="button"
      class=${className}
      aria-label=${label}
      title=${label}
      aria-pressed=${entry.feedback === value ? "true" : "false"}
      @click=${() => actions.onFeedback(entry, value)}
    >
      ${icon(ICONS.thumbUp)}
    </button>`;
  return html`<div class="feedback" role="group" aria-label=${STRINGS.feedbackGroup}>
    ${button("helpful", STRINGS.helpful, "thumb")} ${button("not_helpful", STRINGS.notHelpful, "thumb down")}
  </div>`;
}
