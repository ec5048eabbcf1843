import type { BuildOptions } from "esbuild";

/** How kms-audit compiles for Node: the CLI build uses these, and the bench compiles its analysis child with them too. */
export const NODE_BUNDLE_OPTIONS = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["@aws-sdk/*", "@smithy/*"],
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
  banner: { js: 'import { createRequire as kmsAuditCreateRequire } from "node:module";\nconst require = kmsAuditCreateRequire(import.meta.url);' },
  legalComments: "none",
  // Less to parse at every start-up; names are kept for --debug stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
} as const satisfies BuildOptions;
