import { gzipSync } from "node:zlib";
import { bundleWidget, type WidgetBundles } from "./bundles";

/** What the widget may weigh on a customer's page, gzipped. */
export const LOADER_BUDGET_GZIP_BYTES = 4 * 1024;
export const TOTAL_BUDGET_GZIP_BYTES = 20 * 1024;
/** widget-handoff.js comes on top, only for the visitors shown a rating or email form. */
export const HANDOFF_BUDGET_GZIP_BYTES = 3 * 1024;

export interface WidgetSizes {
  loaderGzipBytes: number;
  chatGzipBytes: number;
  /** widget.js + widget-chat.js: what every page with the widget loads. */
  totalGzipBytes: number;
  handoffGzipBytes: number;
}

export function gzipSizes(bundles: WidgetBundles): WidgetSizes {
  const loaderGzipBytes = gzipSync(bundles.loader).length;
  const chatGzipBytes = gzipSync(bundles.chat).length;
  const handoffGzipBytes = gzipSync(bundles.handoff).length;
  return { loaderGzipBytes, chatGzipBytes, totalGzipBytes: loaderGzipBytes + chatGzipBytes, handoffGzipBytes };
}

/** Builds the widget in memory (nothing written) and measures it, for benchmarks. */
export async function measureWidgetSizes(): Promise<WidgetSizes> {
  return gzipSizes(await bundleWidget());
}

/** Each budget the sizes break, described; empty when within budget. */
export function budgetViolations(sizes: WidgetSizes): string[] {
  const violations: string[] = [];
  if (sizes.loaderGzipBytes > LOADER_BUDGET_GZIP_BYTES) {
    violations.push(`widget.js is ${sizes.loaderGzipBytes} B gzipped; the budget is ${LOADER_BUDGET_GZIP_BYTES} B`);
  }
  if (sizes.totalGzipBytes > TOTAL_BUDGET_GZIP_BYTES) {
    violations.push(`widget.js + widget-chat.js are ${sizes.totalGzipBytes} B gzipped; the budget is ${TOTAL_BUDGET_GZIP_BYTES} B`);
  }
  if (sizes.handoffGzipBytes > HANDOFF_BUDGET_GZIP_BYTES) {
    violations.push(`widget-handoff.js is ${sizes.handoffGzipBytes} B gzipped; the budget is ${HANDOFF_BUDGET_GZIP_BYTES} B`);
  }
  return violations;
}
