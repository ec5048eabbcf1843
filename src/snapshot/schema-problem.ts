import type { ErrorObject } from "ajv";
import { describeValue, pointerToSegments, valueAt } from "./json-path.js";
import type { PathSegment } from "./json-path.js";
import type { SnapshotProblem } from "./problem.js";
import { ACCOUNT_ID_PATTERN, READABLE_SNAPSHOT_VERSIONS } from "./schema.js";
import { snapshotValidator } from "./snapshot-validator.js";
import { CALL_NAMES, SNAPSHOT_FORMAT } from "./types.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function headerProblem(value: unknown): SnapshotProblem | undefined {
  if (!isPlainObject(value)) return { segments: [], expected: `expected a JSON object (a ${SNAPSHOT_FORMAT} file), found ${describeValue(value)}` };
  if (value.format !== SNAPSHOT_FORMAT) {
    return { segments: ["format"], expected: `expected ${JSON.stringify(SNAPSHOT_FORMAT)}, found ${describeValue(value.format)}` };
  }
  if (typeof value.version !== "number" || !READABLE_SNAPSHOT_VERSIONS.includes(value.version)) {
    const versions = READABLE_SNAPSHOT_VERSIONS.join(", ");
    return { segments: ["version"], expected: `expected a snapshot version this build reads (${versions}), found ${describeValue(value.version)}` };
  }
  return undefined;
}

const ARTICLE: Readonly<Record<string, string>> = {
  string: "a string",
  boolean: "a boolean",
  integer: "an integer",
  number: "a number",
  object: "an object",
  array: "an array",
};

function secretsMessage(root: unknown, segments: readonly PathSegment[]): string {
  const fn = valueAt(root, segments.slice(0, -2)) as { FunctionName?: unknown } | undefined;
  const name = typeof fn?.FunctionName === "string" ? ` of function ${JSON.stringify(fn.FunctionName)}` : "";
  return `expected no Environment.Variables${name}: secrets never enter a snapshot, collectors keep only Environment.VariableClasses`;
}

function keyProblem(segments: PathSegment[], error: ErrorObject): SnapshotProblem {
  const key = error.propertyName ?? "";
  const what = error.params.pattern === ACCOUNT_ID_PATTERN ? "an account id of 12 digits" : 'a region name like "ap-northeast-1"';
  return { segments: [...segments, key], expected: `expected ${what} as key, found ${JSON.stringify(key)}` };
}

/** Turns ajv's first error into a path and one line saying what was expected. */
function toProblem(root: unknown, error: ErrorObject): SnapshotProblem {
  const segments = pointerToSegments(root, error.instancePath);
  const found = valueAt(root, segments);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return { segments, expected: `expected ${ARTICLE[String(params.type)] ?? String(params.type)}, found ${describeValue(found)}` };
    case "required":
      return { segments: [...segments, String(params.missingProperty)], expected: "expected a value (required), found nothing" };
    case "const":
      return { segments, expected: `expected ${JSON.stringify(params.allowedValue)}, found ${describeValue(found)}` };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      return { segments, expected: `expected one of ${allowed}, found ${describeValue(found)}` };
    }
    case "false schema":
      return { segments, expected: segments.at(-1) === "Variables" ? secretsMessage(root, segments) : "expected no value here" };
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      return { segments: [...segments, name], expected: `expected a call this build reads (${CALL_NAMES.join(", ")}), found ${JSON.stringify(name)}` };
    }
    case "pattern":
      if (error.propertyName !== undefined) return keyProblem(segments, error);
      return { segments, expected: `expected a string matching ${String(params.pattern)}, found ${describeValue(found)}` };
    case "discriminator": {
      const status = valueAt(root, [...segments, "status"]);
      return { segments: [...segments, "status"], expected: `expected "ok" or "failed", found ${describeValue(status)}` };
    }
    default:
      return { segments, expected: `expected a value that ${error.message ?? "matches the snapshot schema"}, found ${describeValue(found)}` };
  }
}

/** ajv lists a bad key twice (pattern, then propertyNames); the one carrying the key name says more. */
function mostUsefulError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  return errors.find((e) => e.propertyName !== undefined) ?? errors[0];
}

/** The first schema problem of a parsed snapshot, or undefined when it matches the schema. */
export function findSchemaProblem(value: unknown): SnapshotProblem | undefined {
  const header = headerProblem(value);
  if (header) return header;
  const validate = snapshotValidator();
  if (validate(value)) return undefined;
  const error = mostUsefulError(validate.errors ?? []);
  return error ? toProblem(value, error) : { segments: [], expected: "expected a valid snapshot" };
}
