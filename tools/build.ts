/**
 * Builds the CLI: one ESM bundle (dist/cli/main.js) plus a chunk for live collection, which is only imported when a
 * live collection runs (the AWS SDK stays external and unloaded otherwise). The snapshot validator is compiled by ajv
 * here, at build time, instead of at every start-up. Run by `npm run build` after the type check.
 */
import { rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv } from "ajv";
import type StandaloneCode from "ajv/dist/standalone/index.js";
import { build, type Plugin } from "esbuild";
import { snapshotSchema } from "../src/snapshot/schema.js";
import { SNAPSHOT_AJV_OPTIONS } from "../src/snapshot/snapshot-validator.js";

const standaloneCode = createRequire(import.meta.url)("ajv/dist/standalone") as typeof StandaloneCode.default;
const OUT = "dist";
const GENERATED = path.join("build", "generated");

function precompiledSnapshotValidator(): string {
  const ajv = new Ajv({ ...SNAPSHOT_AJV_OPTIONS, code: { ...SNAPSHOT_AJV_OPTIONS.code, source: true, esm: true } });
  const validator = standaloneCode(ajv, ajv.compile(snapshotSchema));
  const file = path.resolve(GENERATED, "snapshot-validator.js");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${validator}\n/** The snapshot schema's validator, compiled at build time (tools/build.ts). */\nexport function snapshotValidator() {\n  return validate;\n}\n`,
  );
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
  entryPoints: { main: "src/cli/main.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outdir: path.join(OUT, "cli"),
  chunkNames: "chunks/[name]-[hash]",
  external: ["@aws-sdk/*", "@smithy/*"],
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
  banner: { js: 'import { createRequire as kmsAuditCreateRequire } from "node:module";\nconst require = kmsAuditCreateRequire(import.meta.url);' },
  plugins: [useBuildTimeValidator(precompiledSnapshotValidator())],
  legalComments: "none",
  // Less to parse at every start-up; names are kept for --debug stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});
console.log(`built ${OUT}/cli/main.js`);
