import { readFileSync } from "node:fs";
import { formatJson } from "../../src/report/json.js";
import { sampleContext, sampleResult } from "./support/sample.js";

/** The shape of a JSON value: object keys in order, array element shapes, scalar types (null kept apart). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value === null) return "null";
  if (typeof value === "object") return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

describe("docs/report-format.md", () => {
  const doc = readFileSync("docs/report-format.md", "utf8");
  const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? "null") as Record<string, any>;

  it("shows an example with the current format, version and top-level keys in order", () => {
    const current = JSON.parse(formatJson(sampleResult(), sampleContext())) as Record<string, any>;
    expect(example.format).toBe(current.format);
    expect(example.version).toBe(current.version);
    expect(Object.keys(example)).toEqual(Object.keys(current));
  });

  it("shows findings, paths and summary shaped exactly as the formatter writes them", () => {
    const current = JSON.parse(formatJson(sampleResult(), sampleContext())) as Record<string, any>;
    expect(shape(example.summary)).toEqual(shape(current.summary));
    expect(shape(example.findings[0].resource)).toEqual(shape(current.findings[0].resource));
    expect(Object.keys(example.findings[0])).toEqual(Object.keys(current.findings[0]));
    expect(Object.keys(example.findings[0].evidence[0])).toEqual(Object.keys(current.findings[0].evidence[0]));
    expect(Object.keys(example.paths[0])).toEqual(Object.keys(current.paths[0]));
  });

  it("documents every key of a finding and of a path", () => {
    const current = JSON.parse(formatJson(sampleResult(), sampleContext())) as Record<string, any>;
    for (const key of [...Object.keys(current.findings[0]), ...Object.keys(current.paths[0]), ...Object.keys(current.findings[0].evidence[0])]) {
      expect({ key, documented: doc.includes(`\`${key}\``) }).toEqual({ key, documented: true });
    }
  });
});
