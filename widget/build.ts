/** `npm run build:widget`: writes public/widget.js, widget-chat.js and widget-handoff.js, and fails when over budget. */
import fs from "node:fs";
import path from "node:path";
import { bundleWidget, publicDir, widgetFiles } from "./bundles";
import { budgetViolations, gzipSizes } from "./sizes";

const bundles = await bundleWidget();
fs.mkdirSync(publicDir, { recursive: true });
for (const [name, contents] of Object.entries(widgetFiles(bundles))) fs.writeFileSync(path.join(publicDir, name), contents);

const sizes = gzipSizes(bundles);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log(`widget.js          ${kb(bundles.loader.length)} (${kb(sizes.loaderGzipBytes)} gzipped)`);
console.log(`widget-chat.js     ${kb(bundles.chat.length)} (${kb(sizes.chatGzipBytes)} gzipped)`);
console.log(`loader + chat                 ${kb(sizes.totalGzipBytes)} gzipped (${sizes.totalGzipBytes} B)`);
console.log(`widget-handoff.js  ${kb(bundles.handoff.length)} (${kb(sizes.handoffGzipBytes)} gzipped), on demand`);

const violations = budgetViolations(sizes);
if (violations.length) {
  for (const violation of violations) console.error(`Over budget: ${violation}`);
  process.exit(1);
}
