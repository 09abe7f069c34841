/**
 * widget-chat.js: defines <helpdesk-chat>. Registration is explicit here, not a side effect of
 * importing the class, and guarded: the dashboard may load this module next to a loader-made element.
 */
import { TAG_NAME } from "../shared/element";
import { HelpdeskChat } from "./chat.component";

if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, HelpdeskChat);

declare global {
  interface HTMLElementTagNameMap {
    "helpdesk-chat": HelpdeskChat;
  }
}
