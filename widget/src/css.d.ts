/** `import text from "./x.css?minified"`: the stylesheet as a minified string (widget/bundles.ts does the loading). */
declare module "*.css?minified" {
  const cssText: string;
  export default cssText;
}
