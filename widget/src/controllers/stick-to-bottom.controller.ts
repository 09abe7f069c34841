import type { ReactiveController, ReactiveControllerHost } from "lit";

/** Slack a visitor can leave at the bottom and still count as following the conversation. */
const BOTTOM_SLACK_PX = 40;

/**
 * Keeps a scroll container at its bottom as messages grow, unless the visitor scrolled up to read,
 * in which case an arriving answer must not yank them down.
 */
export class StickToBottomController implements ReactiveController {
  #following = true;
  #forced = false;

  readonly #scroller: () => HTMLElement | null;

  constructor(host: ReactiveControllerHost, scroller: () => HTMLElement | null) {
    this.#scroller = scroller;
    host.addController(this);
  }

  /** Scroll to the bottom on the next update whatever the position (the visitor just sent something). */
  jumpToBottom(): void {
    this.#forced = true;
  }

  hostUpdate(): void {
    const element = this.#scroller();
    this.#following = !element || element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK_PX;
  }

  hostUpdated(): void {
    const element = this.#scroller();
    if (element && (this.#following || this.#forced)) element.scrollTop = element.scrollHeight;
    this.#forced = false;
  }
}
