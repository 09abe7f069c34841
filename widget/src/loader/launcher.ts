import type { WidgetConfig } from "../api/contract";
import { ICONS } from "../shared/icons";
import hostCss from "../shared/host.css?minified";
import launcherCss from "../shared/launcher.css?minified";

/**
 * Draws the launcher into a shadow root on the not-yet-defined element, exactly as the chat's Lit
 * template will (chat/templates/launcher.ts). The chat renders into this same root later (Lit
 * reuses an existing shadowRoot) and clears these nodes first.
 */
export function drawLauncher(host: HTMLElement, config: WidgetConfig): HTMLButtonElement {
  const root = host.attachShadow({ mode: "open" });
  adoptCss(root, hostCss + launcherCss);
  const button = document.createElement("button");
  button.type = "button";
  button.className = config.position === "bottom-left" ? "launcher left" : "launcher";
  button.setAttribute("aria-expanded", "false");
  const label = document.createElement("span");
  label.textContent = config.launcherLabel;
  button.append(drawIcon(ICONS.chat), label);
  root.append(button);
  return button;
}

/** A constructed stylesheet where supported: unlike a <style> element, a strict style-src CSP allows it. */
function adoptCss(root: ShadowRoot, cssText: string): void {
  if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = cssText;
    root.append(style);
  }
}

function drawIcon(path: string): SVGSVGElement {
  const svgNamespace = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNamespace, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const shape = document.createElementNS(svgNamespace, "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}
