import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import fc from "fast-check";
import { snapshotSchema } from "../../src/snapshot/schema.js";
import { snapshotValidator } from "../../src/snapshot/snapshot-validator.js";
import { CALL_NAMES } from "../../src/snapshot/types.js";
import { BUILD_TIME_AJV_OPTIONS, snapshotValidatorSource, withCallRecordsAsDefinitions } from "../../tools/snapshot-validator-code.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const runTime = snapshotValidator();
const buildTime = new Ajv(BUILD_TIME_AJV_OPTIONS).compile(withCallRecordsAsDefinitions(snapshotSchema));

/** What kms-audit can read of a verdict: validity and every error field but schemaPath. */
function verdict(validate: ValidateFunction, value: unknown): { valid: boolean; errors: Omit<ErrorObject, "schemaPath">[] } {
  const valid = validate(value);
  return { valid, errors: (validate.errors ?? []).map(({ schemaPath: _ignored, ...rest }) => rest) };
}

function jsonFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith(".json") && name !== "expected-rules.json")
    .map((name) => path.join(directory, name));
}

function parsedOrUndefined(file: string): Json | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Json;
  } catch {
    return undefined;
  }
}

const validSnapshots = jsonFiles("fixtures").map((file) => JSON.parse(readFileSync(file, "utf8")) as Json);
const badSnapshots = jsonFiles(path.join("fixtures", "bad"))
  .map(parsedOrUndefined)
  .filter((value): value is Json => value !== undefined);

/** Every path to a value inside a JSON document. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((item, i) => pathsOf(item, [...prefix, i])));
  if (value !== null && typeof value === "object") return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

/** A deep copy with the value at `at` replaced, or removed when `replacement` is undefined. */
function changed(value: Json, at: readonly (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(value);
  if (at.length === 0) return replacement ?? null;
  let parent: Json = copy;
  for (const key of at.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
  const last = at[at.length - 1] as string | number;
  if (replacement !== undefined) (parent as Record<string | number, Json>)[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete (parent as Record<string, Json>)[last];
  return copy;
}

describe("the snapshot schema with call records as definitions", () => {
  const moved = withCallRecordsAsDefinitions(snapshotSchema);

  it("holds one definition per call, named by the call", () => {
    expect(Object.keys(moved.definitions as object).sort()).toEqual([...CALL_NAMES].sort());
  });

  it("references the definitions where the call records were, and keeps no discriminator outside them", () => {
    const { definitions: _definitions, ...rest } = moved;
    const text = JSON.stringify(rest);
    expect(text).not.toContain("discriminator");
    expect(text.match(/"\$ref":"#\/definitions\/[A-Za-z]+"/g)).toHaveLength(CALL_NAMES.length);
  });

  it("leaves the schema it was given as it was", () => {
    const before = JSON.stringify(snapshotSchema);
    withCallRecordsAsDefinitions(snapshotSchema);
    expect(JSON.stringify(snapshotSchema)).toBe(before);
  });

  it("refuses a schema that already uses references, whose meaning moving could change", () => {
    const withReference = { type: "object", properties: { a: { $ref: "#/properties/b" }, b: { type: "string" } } };
    expect(() => withCallRecordsAsDefinitions(withReference)).toThrow('snapshot schema: "$ref" found');
  });
});

describe("the build-time snapshot validator", () => {
  it("accepts every fixture, as the run-time validator does", () => {
    expect(validSnapshots.length).toBeGreaterThan(10);
    for (const snapshot of validSnapshots) {
      expect(verdict(buildTime, snapshot)).toEqual({ valid: true, errors: [] });
      expect(verdict(runTime, snapshot)).toEqual({ valid: true, errors: [] });
    }
  });

  it("reports the same errors as the run-time validator for the bad fixtures", () => {
    for (const snapshot of badSnapshots) expect(verdict(buildTime, snapshot)).toEqual(verdict(runTime, snapshot));
    expect(badSnapshots.some((snapshot) => !runTime(snapshot))).toBe(true);
  });

  it("agrees with the run-time validator on any value put anywhere in a snapshot, or any value taken out", () => {
    const base = validSnapshots[0] as Json;
    const paths = pathsOf(base);
    const replacement = fc.option(fc.oneof(fc.jsonValue(), fc.constantFrom<Json>("", "ok", "failed", "x", 0, -1, 1.5, true, [], {})), { nil: undefined });
    let invalid = 0;
    fc.assert(
      fc.property(fc.constantFrom(...paths), replacement, (at, value) => {
        const mutated = changed(base, at, value as Json | undefined);
        const expected = verdict(runTime, mutated);
        if (!expected.valid) invalid += 1;
        expect(verdict(buildTime, mutated)).toEqual(expected);
      }),
      { numRuns: 600, seed: 5 },
    );
    // The mutations reach invalid snapshots, where the errors are compared, not only valid ones.
    expect(invalid).toBeGreaterThan(100);
  });

  it("is what the generated module exports", async () => {
    const file = path.join(tmpdir(), `kms-audit-snapshot-validator-${process.pid}.mjs`);
    writeFileSync(file, snapshotValidatorSource());
    const generated = (await import(pathToFileURL(file).href)) as { snapshotValidator: () => ValidateFunction };
    const validate = generated.snapshotValidator();
    for (const snapshot of [...validSnapshots, ...badSnapshots]) expect(verdict(validate, snapshot)).toEqual(verdict(runTime, snapshot));
  });
});
