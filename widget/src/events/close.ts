/** The chat panel closed. */
export class HelpdeskCloseEvent extends Event {
  constructor() {
    super("helpdesk-close", { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "helpdesk-close": HelpdeskCloseEvent;
  }
}
