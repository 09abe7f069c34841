import type { ReactiveController, ReactiveControllerHost } from "lit";
import { fetchConfig } from "../api/config";
import type { WidgetConfig } from "../api/contract";
import type { LoaderHandOff } from "../shared/element";
import { warnOnce } from "../shared/warn";

export interface ConfigHost extends ReactiveControllerHost, LoaderHandOff {
  widgetId: string;
  apiBase: string;
}

/** The fetched config of the host's widget; fetched again when `widget-id` or `api-base` changes. */
export class WidgetConfigController implements ReactiveController {
  /** Null until fetched, and after a failed fetch. */
  config: WidgetConfig | null = null;
  #loadedKey = "";

  readonly #host: ConfigHost;

  constructor(host: ConfigHost) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    const { widgetId, initialConfig } = this.#host;
    const apiBase = this.#host.apiBase || ""; // null once the attribute is removed
    const key = `${apiBase} ${widgetId}`;
    if (!widgetId || key === this.#loadedKey) return;
    this.#loadedKey = key;
    this.config = null;
    if (initialConfig?.publicId === widgetId) {
      this.config = initialConfig;
      return;
    }
    fetchConfig({ apiBase, publicId: widgetId }).then(
      (config) => {
        if (this.#loadedKey !== key) return;
        this.config = config;
        this.#host.requestUpdate();
      },
      (error: unknown) => warnOnce(error),
    );
  }
}
