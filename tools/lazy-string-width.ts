import path from "node:path";
import type { Plugin } from "esbuild";

const LAZY = "string-width-on-first-call";

/**
 * An esbuild plugin. yargs and cliui measure text with string-width, whose module builds a Unicode segmenter and an
 * RGI-emoji regular expression as it loads: ~35 ms of every start, though only help output measures anything. Each
 * import of it becomes a function that loads the real module (the version its importer would get) on its first call.
 */
export function loadStringWidthOnFirstCall(): Plugin {
  return {
    name: "load-string-width-on-first-call",
    setup(build) {
      build.onResolve({ filter: /^string-width$/ }, async (args) => {
        if (args.pluginData === LAZY) return undefined;
        const real = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: LAZY });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: real.path, namespace: LAZY };
      });
      // A require() of an ES module inside the bundle becomes a lazy initialiser: the module runs at the first call.
      build.onLoad({ filter: /.*/, namespace: LAZY }, (args) => ({
        contents: [
          "let real;",
          "export default function stringWidth(text, options) {",
          `  real ??= require(${JSON.stringify(args.path)}).default;`,
          "  return real(text, options);",
          "}",
        ].join("\n"),
        resolveDir: path.dirname(args.path),
        loader: "js",
      }));
    },
  };
}
