/** The visitor sent a message (before it is answered). */
export class HelpdeskMessageSentEvent extends Event {
  constructor(readonly content: string) {
    super("helpdesk-message-sent", { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "helpdesk-message-sent": HelpdeskMessageSentEvent;
  }
}
