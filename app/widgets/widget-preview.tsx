import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { WidgetConfig } from "~/chat/widget-api";
import type { loader as rootLoader } from "~/root";

/** Built from widget/ into public/; the same element customers' sites get from widget.js. */
const WIDGET_ELEMENT_SCRIPT = "/widget-chat.js";
const WIDGET_ELEMENT = "helpdesk-chat";

type HelpdeskChatElement = HTMLElement & { configOverride?: Partial<WidgetConfig> };

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "helpdesk-chat": React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        "widget-id": string;
        "api-base": string;
        inline?: "";
        open?: "";
      };
    }
  }
}

/**
 * Loads the widget's custom element once per page. Created here rather than rendered as a
 * <script> tag because React inserts script tags that browsers never run, which would leave the
 * preview empty after client-side navigation. The root's CSP nonce goes on it like on every script.
 * Reports false when the bundle is missing (not built yet), so the page can say so.
 */
function useWidgetElement(nonce: string | undefined): boolean {
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (customElements.get(WIDGET_ELEMENT)) return;
    let script = document.querySelector<HTMLScriptElement>(`script[src="${WIDGET_ELEMENT_SCRIPT}"]`);
    if (!script) {
      script = document.createElement("script");
      script.type = "module";
      script.src = WIDGET_ELEMENT_SCRIPT;
      if (nonce) script.nonce = nonce;
      document.head.append(script);
    }
    const loading = script;
    function onError() {
      // Removed so that coming back to the page tries again (the bundle may have been built since).
      loading.remove();
      setMissing(true);
    }
    loading.addEventListener("error", onError);
    return () => loading.removeEventListener("error", onError);
  }, [nonce]);
  return !missing;
}

/**
 * The real widget, inline, showing `config` (the form's unsaved values) over the stored one.
 * React 18 sets only attributes on custom elements, so the config object goes in as a property,
 * once the element is defined (before that, a plain property would hide the element's own setter).
 */
export function WidgetPreview({ publicId, apiBase, config }: { publicId: string; apiBase: string; config: Partial<WidgetConfig> }) {
  const nonce = useRouteLoaderData<typeof rootLoader>("root")?.nonce;
  const available = useWidgetElement(nonce);
  const elementRef = useRef<HelpdeskChatElement>(null);

  useEffect(() => {
    let current = true;
    void customElements.whenDefined(WIDGET_ELEMENT).then(() => {
      if (current && elementRef.current) elementRef.current.configOverride = config;
    });
    return () => {
      current = false;
    };
  }, [config]);

  return (
    <div className="h-[32rem] overflow-hidden rounded-lg border border-slate-300 bg-slate-50">
      {available ? (
        <helpdesk-chat ref={elementRef} widget-id={publicId} api-base={apiBase} inline="" className="block h-full" />
      ) : (
        <p className="p-4 text-sm text-slate-500">The preview appears once the widget bundle is built (npm run build:widget).</p>
      )}
    </div>
  );
}
