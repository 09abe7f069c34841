import { build, transform, type BuildOptions, type BuildResult, type Plugin } from "esbuild";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const widgetDir = path.dirname(fileURLToPath(import.meta.url));
export const publicDir = path.resolve(widgetDir, "../public");

export interface WidgetBundles {
  /** public/widget.js: the classic-script loader. */
  loader: Uint8Array;
  /** public/widget-chat.js: the Lit chat, an ES module the loader import()s. */
  chat: Uint8Array;
}

/** `import css from "./x.css?minified"` gives the stylesheet minified, as a string (declared in src/css.d.ts). */
const minifiedCss: Plugin = {
  name: "minified-css",
  setup(build) {
    build.onResolve({ filter: /\.css\?minified$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/\?minified$/, "")),
      namespace: "minified-css",
    }));
    build.onLoad({ filter: /.*/, namespace: "minified-css" }, async (args) => {
      const { code } = await transform(await fs.readFile(args.path, "utf8"), { loader: "css", minify: true });
      return { contents: `export default ${JSON.stringify(code.trim())};`, loader: "js", watchFiles: [args.path] };
    });
  },
};

/**
 * Lit records its versions on window (litHtmlVersions, litElementVersions, reactiveElementVersions)
 * and keeps property metadata in a global WeakMap. The widget is a guest on someone else's page and
 * adds no globals but its element, so the build keeps those to the bundle. Each rewrite must apply:
 * a Lit upgrade that changes them fails the build instead of leaking globals quietly.
 */
const litWithoutGlobals: Plugin = {
  name: "lit-without-globals",
  setup(build) {
    build.onLoad({ filter: /[\\/](lit-html[\\/]lit-html|lit-element[\\/]lit-element|@lit[\\/]reactive-element[\\/]reactive-element)\.js$/ }, async (args) => {
      let code = await fs.readFile(args.path, "utf8");
      const rewrite = (pattern: RegExp, replacement: string) => {
        if (!pattern.test(code)) throw new Error(`lit-without-globals: ${pattern} not found in ${args.path}`);
        code = code.replace(pattern, replacement);
      };
      rewrite(/\(\w+\.(litHtmlVersions|litElementVersions|reactiveElementVersions)\?\?=\[\]\)\.push\("[^"]*"\)/g, "0");
      if (code.includes("litPropertyMetadata")) {
        rewrite(/\w+\.litPropertyMetadata\?\?=new WeakMap/g, "0");
        code = `const litPropertyMetadata=new WeakMap;${code}`;
      }
      return { contents: code, loader: "js" };
    });
  },
};

const shared: BuildOptions = {
  bundle: true,
  minify: true,
  target: "es2020",
  platform: "browser",
  write: false,
  legalComments: "eof",
  logLevel: "warning",
  plugins: [minifiedCss, litWithoutGlobals],
  // Plain assignments instead of defineProperty helpers for class fields: smaller, and equivalent
  // here because Lit's reactive properties are `declare`d, never initialised as fields.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
};

/** Builds both bundles in memory; build.ts writes them, sizes.ts measures them. */
export async function bundleWidget(): Promise<WidgetBundles> {
  const chat = await build({
    ...shared,
    entryPoints: [path.join(widgetDir, "src/chat/entry.ts")],
    format: "esm",
    outfile: path.join(publicDir, "widget-chat.js"),
  });
  const chatCode = outputOf(chat);
  const loader = await build({
    ...shared,
    entryPoints: [path.join(widgetDir, "src/loader.ts")],
    format: "iife",
    outfile: path.join(publicDir, "widget.js"),
    // widget.js asks for widget-chat.js?v=<hash>: caches can't pair a new loader with an old chat.
    define: { WIDGET_CHAT_VERSION: JSON.stringify(createHash("sha256").update(chatCode).digest("hex").slice(0, 12)) },
  });
  return { loader: outputOf(loader), chat: chatCode };
}

/** The single file a `write: false` build produced. */
function outputOf(result: BuildResult): Uint8Array {
  const [file] = result.outputFiles ?? [];
  if (!file) throw new Error("esbuild produced no output");
  return file.contents;
}
