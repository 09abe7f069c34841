/** `npm run build:widget`: writes public/widget.js and public/widget-chat.js, and fails when over budget. */
import fs from "node:fs";
import path from "node:path";
import { bundleWidget, publicDir } from "./bundles";
import { budgetViolations, gzipSizes } from "./sizes";

const bundles = await bundleWidget();
fs.mkdirSync(publicDir, { recursive: true });
fs.writeFileSync(path.join(publicDir, "widget.js"), bundles.loader);
fs.writeFileSync(path.join(publicDir, "widget-chat.js"), bundles.chat);

const sizes = gzipSizes(bundles);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log(`widget.js       ${kb(bundles.loader.length)} (${kb(sizes.loaderGzipBytes)} gzipped)`);
console.log(`widget-chat.js  ${kb(bundles.chat.length)} (${kb(sizes.chatGzipBytes)} gzipped)`);
console.log(`total                      ${kb(sizes.totalGzipBytes)} gzipped`);

const violations = budgetViolations(sizes);
if (violations.length) {
  for (const violation of violations) console.error(`Over budget: ${violation}`);
  process.exit(1);
}
