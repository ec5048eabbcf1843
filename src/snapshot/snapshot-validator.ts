import { Ajv, type ValidateFunction } from "ajv";
import { snapshotSchema } from "./schema.js";

/**
 * ajv's code optimisation pass is off: it doubles the compile time and saves nothing measurable when validating
 * (npm run bench).
 */
export const SNAPSHOT_AJV_OPTIONS = { allErrors: false, strict: true, discriminator: true, code: { optimize: false } } as const;

let compiled: ValidateFunction | undefined;

/** Compiled on first use. The bundled CLI swaps this module for the same validator compiled at build time (tools/build.ts). */
export function snapshotValidator(): ValidateFunction {
  compiled ??= new Ajv(SNAPSHOT_AJV_OPTIONS).compile(snapshotSchema);
  return compiled;
}
