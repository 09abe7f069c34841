/** The chat panel opened. */
export class HelpdeskOpenEvent extends Event {
  constructor() {
    super("helpdesk-open", { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "helpdesk-open": HelpdeskOpenEvent;
  }
}
