/**
 * The snapshot validator as ES module source, compiled by ajv at build time (tools/build.ts) so that the CLI does not
 * compile it at every start-up. It validates exactly as src/snapshot/snapshot-validator.ts does at run time.
 */
import { createRequire } from "node:module";
import { Ajv, type Options } from "ajv";
import type StandaloneCode from "ajv/dist/standalone/index.js";
import { snapshotSchema } from "../src/snapshot/schema.js";
import { SNAPSHOT_AJV_OPTIONS } from "../src/snapshot/snapshot-validator.js";

type Schema = Readonly<Record<string, unknown>>;

const standaloneCode = createRequire(import.meta.url)("ajv/dist/standalone") as typeof StandaloneCode.default;

/**
 * The run-time options, plus: referenced definitions stay functions of their own, and ajv's code optimiser runs (at
 * build time its cost does not matter; the code it removes is code every start would parse).
 */
export const BUILD_TIME_AJV_OPTIONS: Options = { ...SNAPSHOT_AJV_OPTIONS, inlineRefs: false, code: { ...SNAPSHOT_AJV_OPTIONS.code, optimize: true } };

function isSchemaObject(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Keywords whose value is a subschema or a list of them, and those whose value maps names to subschemas. */
const SUBSCHEMA_KEYWORDS = new Set(["items", "additionalProperties", "propertyNames", "not", "contains", "if", "then", "else", "oneOf", "anyOf", "allOf"]);
const SUBSCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "dependentSchemas"]);

function assertNoReferences(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(assertNoReferences);
  if (!isSchemaObject(schema)) return;
  for (const keyword of ["$ref", "$id", "$defs", "definitions"]) {
    if (keyword in schema) throw new Error(`snapshot schema: "${keyword}" found; moving call records to definitions expects a schema without references`);
  }
  for (const [keyword, value] of Object.entries(schema)) {
    if (SUBSCHEMA_KEYWORDS.has(keyword)) assertNoReferences(value);
    if (SUBSCHEMA_MAP_KEYWORDS.has(keyword) && isSchemaObject(value)) Object.values(value).forEach(assertNoReferences);
  }
}

/**
 * The same schema with each call record (a subschema told apart by a discriminator: {status: "ok", data} or
 * {status: "failed", error}) moved to `definitions`, named by its property, and referenced from where it was. ajv
 * then validates each call record in a function of its own, whose error paths are relative to the record: the code
 * is a third smaller and V8 compiles it in half the time. Validation is unchanged; of an error, only schemaPath
 * (which kms-audit does not read) now points into `definitions`.
 */
export function withCallRecordsAsDefinitions(schema: Schema): Schema {
  assertNoReferences(schema);
  const definitions: Record<string, Schema> = {};
  const childrenMoved = (subschema: Schema): Schema => {
    const copy: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(subschema)) {
      if (SUBSCHEMA_KEYWORDS.has(keyword)) copy[keyword] = moved(value, keyword);
      else if (SUBSCHEMA_MAP_KEYWORDS.has(keyword) && isSchemaObject(value)) {
        copy[keyword] = Object.fromEntries(Object.entries(value).map(([property, child]) => [property, moved(child, property)]));
      } else copy[keyword] = value;
    }
    return copy;
  };
  const moved = (subschema: unknown, name: string): unknown => {
    if (Array.isArray(subschema)) return subschema.map((item) => moved(item, name));
    if (!isSchemaObject(subschema)) return subschema;
    const copy = childrenMoved(subschema);
    if (!("discriminator" in subschema)) return copy;
    let unique = name;
    for (let n = 2; unique in definitions; n += 1) unique = `${name}${n}`;
    definitions[unique] = copy;
    return { $ref: `#/definitions/${unique}` };
  };
  const root = childrenMoved(schema);
  return { ...root, definitions };
}

/** The validator module: ajv's standalone code plus `snapshotValidator()`, the export the CLI imports. */
export function snapshotValidatorSource(): string {
  const ajv = new Ajv({ ...BUILD_TIME_AJV_OPTIONS, code: { ...BUILD_TIME_AJV_OPTIONS.code, source: true, esm: true } });
  const validator = standaloneCode(ajv, ajv.compile(withCallRecordsAsDefinitions(snapshotSchema)));
  return `${validator}\n/** The snapshot schema's validator, compiled at build time (tools/build.ts). */\nexport function snapshotValidator() {\n  return validate;\n}\n`;
}
