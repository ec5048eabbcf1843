/**
 * Builds the CLI: one ESM bundle (dist/cli/main.js) plus a chunk for live collection, which is only imported when a
 * live collection runs (the AWS SDK stays external and unloaded otherwise). The snapshot validator is compiled by ajv
 * here, at build time, instead of at every start-up, and string-width loads only when help text is measured. Run by
 * `npm run build` after the type check.
 */
import { rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { loadStringWidthOnFirstCall } from "./lazy-string-width.js";
import { NODE_BUNDLE_OPTIONS } from "./node-bundle-options.js";
import { snapshotValidatorSource } from "./snapshot-validator-code.js";

const OUT = "dist";
const GENERATED = path.join("build", "generated");

function precompiledSnapshotValidator(): string {
  const file = path.resolve(GENERATED, "snapshot-validator.js");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, snapshotValidatorSource());
  return file;
}

/** Replaces src/snapshot/snapshot-validator.ts (compile at run time) with the build-time validator. */
function useBuildTimeValidator(file: string): Plugin {
  return {
    name: "build-time-validator",
    setup(b) {
      b.onResolve({ filter: /\/snapshot-validator\.js$/ }, (args) => (args.importer.includes(`${path.sep}src${path.sep}snapshot${path.sep}`) ? { path: file } : undefined));
    },
  };
}

rmSync(OUT, { recursive: true, force: true });
await build({
  ...NODE_BUNDLE_OPTIONS,
  entryPoints: { main: "src/cli/main.ts" },
  splitting: true,
  outdir: path.join(OUT, "cli"),
  chunkNames: "chunks/[name]-[hash]",
  plugins: [useBuildTimeValidator(precompiledSnapshotValidator()), loadStringWidthOnFirstCall()],
});
console.log(`built ${OUT}/cli/main.js`);
