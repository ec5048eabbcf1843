import { applyBaseline, baselineCounts, evaluatedScope, findingsThatCount, parseBaseline } from "../../src/baseline/index.js";
import type { ScanResult } from "../../src/engine/types.js";
import { formatJson } from "../../src/report/json.js";
import { toSnapshot, scenario, ACCOUNT, REGION } from "../support/build.js";
import { endpointSgFinding, noKmsPathFinding, noteFinding, sampleContext, sampleResult } from "../report/support/sample.js";

const everywhere = () => true;

function result(findings: ScanResult["findings"]): ScanResult {
  return { ...sampleResult(), findings };
}

describe("baseline", () => {
  const baselineText = formatJson(result([noKmsPathFinding, noteFinding]), sampleContext());

  it("reads the findings of an earlier JSON report as they were", () => {
    expect(parseBaseline(baselineText, "before.json")).toEqual([noKmsPathFinding, noteFinding]);
  });

  it("marks findings unchanged or new by fingerprint and lists the fixed ones as absent", () => {
    const baseline = parseBaseline(baselineText, "before.json");
    const now = applyBaseline(result([endpointSgFinding, noKmsPathFinding]), baseline, everywhere);
    expect(now.findings.map((f) => [f.ruleId, f.baselineState])).toEqual([
      ["endpoint-sg-no-https", "new"],
      ["lambda-no-kms-path", "unchanged"],
      ["nat-where-privatelink", "absent"],
    ]);
    expect(now.findings[2]).toEqual({ ...noteFinding, baselineState: "absent" });
    expect(baselineCounts(now.findings)).toEqual({ new: 1, unchanged: 1, absent: 1 });
  });

  it("counts only new findings for --fail-on, and never absent ones", () => {
    const now = applyBaseline(result([endpointSgFinding, noKmsPathFinding]), parseBaseline(baselineText, "b.json"), everywhere);
    expect(findingsThatCount(now.findings, true).map((f) => f.ruleId)).toEqual(["endpoint-sg-no-https"]);
    expect(findingsThatCount([noKmsPathFinding], false)).toEqual([noKmsPathFinding]);
  });

  it("does not call a finding fixed when its rule was not evaluated this time", () => {
    const baseline = parseBaseline(baselineText, "b.json");
    const notEvaluated: ScanResult = { ...result([]), notEvaluated: [{ ruleId: "nat-where-privatelink", account: ACCOUNT, region: REGION, reason: "DescribeVpcEndpointServices failed" }] };
    const scope = evaluatedScope(toSnapshot(scenario()), notEvaluated, { "lambda-no-kms-path": "off" });
    expect(applyBaseline(notEvaluated, baseline, scope).findings).toEqual([]);
    const failed: ScanResult = { ...result([]), toolErrors: [{ ruleId: "lambda-no-kms-path", message: "boom" }] };
    const failedScope = evaluatedScope(toSnapshot(scenario()), failed);
    expect(applyBaseline(failed, baseline, failedScope).findings.map((f) => f.ruleId)).toEqual(["nat-where-privatelink"]);
    const otherRegion = evaluatedScope({ ...toSnapshot(scenario()), accounts: {} }, result([]));
    expect(applyBaseline(result([]), baseline, otherRegion).findings).toEqual([]);
  });

  it("ignores what the earlier report already listed as absent", () => {
    const text = formatJson(result([{ ...noteFinding, baselineState: "absent" }]), sampleContext());
    expect(applyBaseline(result([noteFinding]), parseBaseline(text, "b.json"), everywhere).findings[0]?.baselineState).toBe("new");
  });

  it.each([
    ["", "b.json: line 1 column 1: expected a JSON value; the file ends early (truncated?) (a kms-audit JSON report, --format json)"],
    ['{"findings": [hunter2]}', "b.json: line 1 column 15: expected a JSON value or ']' (a kms-audit JSON report, --format json)"],
    ["[]", "b.json: $: expected object (a kms-audit JSON report, --format json), found an array"],
    ['{"format":"kms-audit/snapshot","version":1,"findings":[]}', 'b.json: $.format: expected "kms-audit/report" (a kms-audit JSON report, --format json), found string "kms-audit/snapshot"'],
    ['{"format":"kms-audit/report","version":1}', "b.json: $.findings: expected this field of a kms-audit JSON report, found nothing"],
  ])("rejects a file that is not a JSON report: %j", (text, message) => {
    expect(() => parseBaseline(text, "b.json")).toThrow(message);
  });

  it("names the broken field of a finding", () => {
    const broken = baselineText.replace(`"fingerprint": "${noteFinding.fingerprint}"`, '"fingerprint": 42');
    expect(() => parseBaseline(broken, "b.json")).toThrow("b.json: $.findings[1].fingerprint: expected string (a kms-audit JSON report, --format json), found number 42");
  });
});
