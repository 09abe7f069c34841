import { build, transform, type BuildOptions, type BuildResult, type Plugin } from "esbuild";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const widgetDir = path.dirname(fileURLToPath(import.meta.url));
export const publicDir = path.resolve(widgetDir, "../public");

export interface WidgetBundles {
  /** public/widget.js: the classic-script loader. */
  loader: Uint8Array;
  /** public/widget-chat.js: the Lit chat, an ES module the loader import()s. */
  chat: Uint8Array;
  /** public/widget-handoff.js: the rating and email forms, an ES module the chat import()s when it first shows one. */
  handoff: Uint8Array;
}

/** Every file bundleWidget makes, by name in public/. */
export function widgetFiles(bundles: WidgetBundles): Record<string, Uint8Array> {
  return { "widget.js": bundles.loader, "widget-chat.js": bundles.chat, "widget-handoff.js": bundles.handoff };
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

/**
 * Lit templates are written indented over several lines. In HTML a run of whitespace means what a
 * single space means, so each run with a line break in a template's own text ships as one space.
 * No template of the widget puts literal text in <pre>, <textarea> or a pre-wrap element: what those
 * show comes from bindings, which this leaves alone.
 */
const litTemplateWhitespace: Plugin = {
  name: "lit-template-whitespace",
  setup(build) {
    build.onLoad({ filter: /[\\/]widget[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await fs.readFile(args.path, "utf8");
      if (!source.includes("html`")) return undefined;
      const file = ts.createSourceFile(args.path, source, ts.ScriptTarget.Latest, true);
      const parts: ts.Node[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && /(^|\.)html$/.test(node.tag.getText(file))) {
          const { template } = node;
          if (ts.isNoSubstitutionTemplateLiteral(template)) parts.push(template);
          else parts.push(template.head, ...template.templateSpans.map((span) => span.literal));
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let contents = "";
      let copied = 0;
      for (const part of parts.sort((a, b) => a.getStart(file) - b.getStart(file))) {
        const start = part.getStart(file);
        contents += source.slice(copied, start) + source.slice(start, part.end).replace(/[ \t]*\n\s*/g, " ");
        copied = part.end;
      }
      return { contents: contents + source.slice(copied), loader: "ts" };
    });
  },
};

/**
 * widget-handoff.js renders with the chat's Lit, lent to it as arguments (handoff-forms/contract.ts),
 * and may import none: its own copy would weigh ten times the forms. Lending beats the alternatives:
 * esbuild's code splitting would move Lit into a shared, hash-named chunk that every chat then waits
 * for as a second request; plain DOM would mean hand-written updates for forms that change state.
 */
const noLit: Plugin = {
  name: "no-lit",
  setup(build) {
    build.onResolve({ filter: /^(lit|lit-html|lit-element)(\/|$)|^@lit\// }, (args) => ({
      errors: [{ text: `${args.path}: widget-handoff.js uses the chat's Lit (handoff-forms/contract.ts), never its own` }],
    }));
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
  plugins: [minifiedCss, litWithoutGlobals, litTemplateWhitespace],
  // Plain assignments instead of defineProperty helpers for class fields: smaller, and equivalent
  // here because Lit's reactive properties are `declare`d, never initialised as fields.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
};

/** Builds the bundles in memory; build.ts writes them, sizes.ts measures them. */
export async function bundleWidget(): Promise<WidgetBundles> {
  const handoff = await build({
    ...shared,
    entryPoints: [path.join(widgetDir, "src/handoff-forms/entry.ts")],
    format: "esm",
    outfile: path.join(publicDir, "widget-handoff.js"),
    plugins: [minifiedCss, litTemplateWhitespace, noLit],
  });
  const handoffCode = outputOf(handoff);
  const chat = await build({
    ...shared,
    entryPoints: [path.join(widgetDir, "src/chat/entry.ts")],
    format: "esm",
    outfile: path.join(publicDir, "widget-chat.js"),
    // #private members ship as they are and minify to short names (es2020 would make WeakMaps of
    // them). Lit 3 is ES2021 already; this raises the floor to 2021's Safari 15, Chrome 91, Firefox 90.
    target: "es2022",
    // Like the loader's ?v= below, one level down.
    define: { WIDGET_HANDOFF_VERSION: JSON.stringify(contentHash(handoffCode)) },
  });
  const chatCode = outputOf(chat);
  const loader = await build({
    ...shared,
    entryPoints: [path.join(widgetDir, "src/loader.ts")],
    format: "iife",
    outfile: path.join(publicDir, "widget.js"),
    // widget.js asks for widget-chat.js?v=<hash>: caches can't pair a new loader with an old chat.
    define: { WIDGET_CHAT_VERSION: JSON.stringify(contentHash(chatCode)) },
  });
  return { loader: outputOf(loader), chat: chatCode, handoff: handoffCode };
}

function contentHash(code: Uint8Array): string {
  return createHash("sha256").update(code).digest("hex").slice(0, 12);
}

/** The single file a `write: false` build produced. */
function outputOf(result: BuildResult): Uint8Array {
  const [file] = result.outputFiles ?? [];
  if (!file) throw new Error("esbuild produced no output");
  return file.contents;
}
