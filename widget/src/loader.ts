/**
 * widget.js, the snippet site owners paste. A classic script (an IIFE): it defines no globals, and
 * nothing it does may throw into the host page. It fetches the widget's config, draws the launcher
 * at once, and loads the chat (widget-chat.js, Lit) only when the visitor reaches for the launcher
 * or the page is idle.
 */
import { fetchConfig } from "./api/config";
import { drawLauncher } from "./loader/launcher";
import { findWidgetScript, readSettings, type LoaderSettings } from "./loader/settings";
import { whenIdle } from "./loader/when-idle";
import { TAG_NAME, type LoaderHandOff } from "./shared/element";
import { applyBrandColor } from "./shared/brand";
import { warnOnce } from "./shared/warn";

async function mount(settings: LoaderSettings): Promise<void> {
  // The snippet pasted twice (or a tag manager firing again) still makes one widget.
  if (document.querySelector(`${TAG_NAME}:not([inline])`)) return;
  const host = document.createElement(TAG_NAME);
  host.setAttribute("widget-id", settings.publicId);
  host.setAttribute("api-base", settings.apiBase);
  if (settings.userId) host.setAttribute("user-id", settings.userId);
  if (settings.userHash) host.setAttribute("user-hash", settings.userHash);
  document.body.append(host);

  let config;
  try {
    config = await fetchConfig({ apiBase: settings.apiBase, publicId: settings.publicId });
  } catch (error) {
    host.remove(); // an unknown or disabled widget shows nothing at all
    throw error;
  }
  Object.assign(host, { initialConfig: config } satisfies LoaderHandOff);
  applyBrandColor(host, config.brandColor);
  const launcher = drawLauncher(host, config);

  let chatRequested = false;
  const loadChat = () => {
    if (chatRequested) return;
    chatRequested = true;
    import(settings.chatModuleUrl).catch(warnOnce);
  };
  launcher.addEventListener("click", () => {
    // The chat opens itself on arrival when it finds the `open` attribute.
    host.setAttribute("open", "");
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-busy", "true");
    loadChat();
  });
  launcher.addEventListener("focus", loadChat);
  launcher.addEventListener("pointerenter", loadChat);
  if (settings.open) {
    host.setAttribute("open", "");
    loadChat();
  } else {
    whenIdle(loadChat);
  }
}

function start(): void {
  const script = findWidgetScript();
  const settings = script && readSettings(script);
  if (!settings) return warnOnce("widget.js needs a data-widget attribute with the widget's public id");
  const run = () => mount(settings).catch(warnOnce);
  // Without `async` in <head>, the body doesn't exist yet.
  if (document.body) void run();
  else document.addEventListener("DOMContentLoaded", () => void run(), { once: true });
}

try {
  start();
} catch (error) {
  warnOnce(error);
}
