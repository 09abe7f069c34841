import { html, nothing, type TemplateResult } from "lit";
import { ICONS } from "../../shared/icons";
import { STRINGS } from "../strings";
import { icon } from "./icon";

export interface LauncherView {
  label: string;
  open: boolean;
  left: boolean;
  panelId: string;
  /** Team messages the visitor has not seen, shown on the closed launcher. */
  unread: number;
  onToggle: () => void;
}

/** Mirrors the button src/loader/launcher.ts draws before this code arrives. */
export function renderLauncher(view: LauncherView): TemplateResult {
  return html`<button
    type="button"
    class="launcher ${view.left ? "left" : ""}"
    aria-expanded=${view.open ? "true" : "false"}
    aria-controls=${view.panelId}
    @click=${view.onToggle}
  >
    ${icon(view.open ? ICONS.chevronDown : ICONS.chat)}<span>${view.label}</span>
    ${view.unread && !view.open ? html`<b class="badge">${view.unread}<span class="visually-hidden"> ${STRINGS.unread}</span></b>` : nothing}
  </button>`;
}
