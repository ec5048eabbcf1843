/**
 * Every fixture against two references: its golden report (the exact JSON output, reviewed when it changes), and the
 * hand-written expectations in fixtures/expected-rules.json (which rules fire on which resources, and each path's
 * verdict), written from reading the scenarios rather than from the tool's output.
 */
import { readFileSync } from "node:fs";
import { fixtureNames, goldenPath, renderGolden } from "../tools/fixtures/golden.js";

interface Expected {
  readonly fixtures: Readonly<
    Record<
      string,
      {
        readonly paths: Readonly<Record<string, Readonly<Record<string, string>>>>;
        /** Function → service → subnet → verdict, for services other than KMS. */
        readonly servicePaths?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
        readonly findings: readonly {
          readonly ruleId: string;
          readonly resource: { readonly type: string; readonly id: string; readonly arn?: string };
          readonly key?: string;
          readonly severity?: string;
        }[];
      }
    >
  >;
}

interface Report {
  readonly findings: readonly { readonly ruleId: string; readonly resource: { readonly type: string; readonly id: string; readonly arn: string | null }; readonly key: string | null; readonly severity: string }[];
  readonly paths: readonly { readonly service: string; readonly functionName: string; readonly subnetId: string; readonly verdict: string }[];
}

const expected = JSON.parse(readFileSync("fixtures/expected-rules.json", "utf8")) as Expected;
const names = fixtureNames();

describe("fixtures", () => {
  it("every fixture has hand-written expectations, and every expectation a fixture", () => {
    expect(Object.keys(expected.fixtures).sort()).toEqual(names);
  });

  describe.each(names)("%s", (name) => {
    const rendered = renderGolden(name);
    const report = JSON.parse(rendered) as Report;
    const want = expected.fixtures[name]!;

    it("produces its golden report byte for byte", () => {
      expect(rendered).toBe(readFileSync(goldenPath(name), "utf8"));
    });

    const key = (f: { ruleId: string; resource: { type: string; id: string } }) => `${f.ruleId} ${f.resource.type} ${f.resource.id}`;

    it("fires exactly the expected rules on the expected resources", () => {
      expect(report.findings.map(key).sort()).toEqual(want.findings.map(key).sort());
      for (const w of want.findings.filter((f) => f.resource.arn !== undefined)) {
        expect(report.findings.filter((f) => key(f) === key(w)).map((f) => f.resource.arn)).toContain(w.resource.arn);
      }
    });

    it("gives each finding the expected key and severity, where the expectations state them", () => {
      for (const w of want.findings) {
        const found = report.findings.filter((f) => key(f) === key(w) && (w.key === undefined || f.key === w.key));
        expect([key(w), w.key, found.length]).toEqual([key(w), w.key, 1]);
        if (w.severity !== undefined) expect([key(w), found[0]!.severity]).toEqual([key(w), w.severity]);
      }
    });

    it("gives every KMS path the expected verdict", () => {
      const verdicts: Record<string, Record<string, string>> = {};
      for (const p of report.paths.filter((p) => p.service === "kms")) (verdicts[p.functionName] ??= {})[p.subnetId] = p.verdict;
      expect(verdicts).toEqual(want.paths);
    });

    it("gives every path to another service the expected verdict", () => {
      const verdicts: Record<string, Record<string, Record<string, string>>> = {};
      for (const p of report.paths.filter((p) => p.service !== "kms")) ((verdicts[p.functionName] ??= {})[p.service] ??= {})[p.subnetId] = p.verdict;
      expect(verdicts).toEqual(want.servicePaths ?? {});
    });
  });
});
