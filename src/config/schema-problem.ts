import type { ErrorObject } from "ajv";
import { closeNames } from "../cli/close-names.js";
import { describeValue, pointerToSegments, valueAt } from "../snapshot/json-path.js";
import type { Segment } from "./place.js";

export interface Problem {
  readonly place: readonly Segment[];
  readonly expected: string;
}

function didYouMean(wanted: string, known: readonly string[]): string {
  const near = closeNames(wanted, known, 1);
  return near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : ` (expected one of ${[...known].sort().join(", ")})`;
}

export function unknownName(what: string, wanted: string, known: readonly string[]): string {
  return `unknown ${what}${didYouMean(wanted, known)}`;
}

/** One ajv error (with verbose: true) as a place and what was expected there. */
export function schemaProblem(data: unknown, error: ErrorObject): Problem {
  const place = pointerToSegments(data, error.instancePath);
  const found = describeValue(valueAt(data, place));
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  if (error.propertyName !== undefined) {
    return { place: [...place, error.propertyName], expected: `${description ?? "invalid key"}, found key "${error.propertyName}"` };
  }
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> }).properties ?? {});
      return { place: [...place, key], expected: unknownName("key", key, known) };
    }
    case "required":
      return { place: [...place, String(error.params.missingProperty)], expected: "missing; this key is required" };
    case "uniqueItems":
      return { place: [...place, Number(error.params.j)], expected: `duplicate of item ${String(error.params.i)}` };
    case "minItems":
      return { place, expected: `expected at least ${String(error.params.limit)} item(s), found none` };
    case "minProperties":
      return { place, expected: "expected at least one key, found an empty mapping" };
    case "type":
      return { place, expected: `${description ?? `expected ${String(error.params.type)}`}, found ${found}` };
    default:
      return { place, expected: `${description ?? error.message ?? "invalid value"}, found ${found}` };
  }
}
