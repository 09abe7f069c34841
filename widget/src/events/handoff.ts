/** The visitor asked for a person, and the request was accepted. */
export class HelpdeskHandoffEvent extends Event {
  constructor(readonly escalationId: string) {
    super("helpdesk-handoff", { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "helpdesk-handoff": HelpdeskHandoffEvent;
  }
}
