/** Stamped by widget/build.ts: a hash of widget-chat.js, so a new build is never mixed with a cached old one. */
declare const WIDGET_CHAT_VERSION: string;

export interface LoaderSettings {
  publicId: string;
  apiBase: string;
  userId: string | undefined;
  userHash: string | undefined;
  open: boolean;
  chatModuleUrl: string;
}

/**
 * The snippet's script element. document.currentScript is only set while a classic script first
 * runs (async or not), so this must be called then; the selector covers pages that run us another way.
 */
export function findWidgetScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.widget) return current;
  return document.querySelector<HTMLScriptElement>('script[data-widget][src*="widget.js"]');
}

/** Reads the snippet's data-* attributes; the API and widget-chat.js default to where widget.js came from. */
export function readSettings(script: HTMLScriptElement): LoaderSettings | null {
  const { widget, api, userId, userHash, open } = script.dataset;
  if (!widget) return null;
  const scriptUrl = new URL(script.src, document.baseURI);
  return {
    publicId: widget,
    apiBase: api ? new URL(api, document.baseURI).href.replace(/\/+$/, "") : scriptUrl.origin,
    userId,
    userHash,
    open: open !== undefined && open !== "false",
    chatModuleUrl: new URL(`widget-chat.js?v=${WIDGET_CHAT_VERSION}`, scriptUrl).href,
  };
}
