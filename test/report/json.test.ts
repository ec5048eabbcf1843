import { formatJson } from "../../src/report/json.js";
import { ACCOUNT, ids, REGION } from "../support/build.js";
import { blockedPath, functionArn, natPath, noKmsPathFinding, sampleContext, sampleResult } from "./support/sample.js";

function parse(text: string) {
  return JSON.parse(text) as Record<string, any>;
}

describe("json report", () => {
  it("carries the versioned header, the tool, and the snapshot file relative to the working directory", () => {
    const report = parse(formatJson(sampleResult(), sampleContext({ snapshotPath: "/work/repo/fixtures/sample.snapshot.json" })));
    expect(Object.keys(report)).toEqual(["format", "version", "tool", "snapshot", "input", "config", "summary", "findings", "notEvaluated", "paths", "toolErrors"]);
    expect(report.format).toBe("kms-audit/report");
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: "kms-audit", version: "0.1.0" });
    expect(report.snapshot).toEqual({ file: "fixtures/sample.snapshot.json" });
    expect(report.input).toEqual({ kind: "snapshot", path: "fixtures/sample.snapshot.json", over: null, accounts: [ACCOUNT], regions: [REGION] });
    expect(report.config).toBeNull();
  });

  it("names what was read when no snapshot file exists: an AWS CLI directory or a live collection, and the config file", () => {
    const fromDir = parse(formatJson(sampleResult(), sampleContext({ snapshotPath: "", input: { kind: "aws-cli-dir", path: "/work/repo/acme-dump" }, configFile: ".kms-audit.yml" })));
    expect(fromDir.snapshot).toEqual({ file: null });
    expect(fromDir.input).toEqual({ kind: "aws-cli-dir", path: "acme-dump", over: null, accounts: [ACCOUNT], regions: [REGION] });
    expect(fromDir.config).toBe(".kms-audit.yml");
    const live = parse(formatJson(sampleResult(), sampleContext({ snapshotPath: "", input: { kind: "live" } })));
    expect(live.input).toEqual({ kind: "live", path: null, over: null, accounts: [ACCOUNT], regions: [REGION] });
    const change = parse(formatJson(sampleResult(), sampleContext({ input: { kind: "template", path: "/work/repo/plan.json", over: { kind: "live" } } })));
    expect(change.input).toMatchObject({ kind: "template", path: "plan.json", over: { kind: "live", path: null } });
  });

  it("counts findings by severity and paths by verdict", () => {
    const report = parse(formatJson(sampleResult(), sampleContext()));
    expect(report.summary).toEqual({
      findings: { error: 1, warning: 1, note: 1, suppressed: 0 },
      functions: 1,
      paths: { total: 3, "reachable-via-endpoint": 0, "reachable-via-nat": 1, blocked: 1, unverifiable: 1 },
      notEvaluated: 1,
      toolErrors: 0,
    });
  });

  it("writes each finding with resource, evidence hops, remediation and fingerprint, nulls for absent values", () => {
    const report = parse(formatJson(sampleResult(), sampleContext()));
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["lambda-no-kms-path", "endpoint-sg-no-https", "nat-where-privatelink"]);
    expect(report.findings[0]).toEqual({
      ruleId: "lambda-no-kms-path",
      severity: "error",
      resource: { type: "lambda-function", id: ids.fn, arn: functionArn, account: ACCOUNT, region: REGION },
      key: "kms",
      headline: null,
      message: noKmsPathFinding.message,
      affected: null,
      evidence: [
        {
          component: { type: "vpc", id: ids.vpc, arn: null, name: null },
          status: "fail",
          code: "NO_ENDPOINT",
          direction: null,
          detail: `${ids.vpc} has no interface endpoint for com.amazonaws.${REGION}.kms`,
          setting: `create an interface endpoint com.amazonaws.${REGION}.kms in ${ids.vpc}`,
        },
        {
          component: { type: "route-table", id: ids.rtbMain, arn: null, name: null },
          status: "fail",
          code: "NO_ROUTE_TO_DESTINATION",
          direction: "egress",
          detail: `${ids.rtbMain} (main table of ${ids.privateA}) has no route for 0.0.0.0/0`,
          setting: `${ids.rtbMain} routes: add 0.0.0.0/0 -> a public NAT gateway`,
        },
      ],
      remediation: noKmsPathFinding.remediation,
      fingerprint: noKmsPathFinding.fingerprint,
      suppression: null,
      baselineState: null,
      expiredSuppression: null,
    });
    expect(report.findings[1].resource.arn).toBeNull();
    expect(report.findings[1].key).toBeNull();
  });

  it("lists one path per function × subnet × service, ordered, with via and blocking hops", () => {
    const report = parse(formatJson(sampleResult(), sampleContext()));
    expect(report.paths.map((p: { subnetId: string; verdict: string }) => [p.subnetId, p.verdict])).toEqual([
      [ids.privateA, "blocked"],
      [ids.privateC, "reachable-via-nat"],
      ["subnet-0tgw0000000000a1", "unverifiable"],
    ]);
    expect(report.paths[1].via).toEqual({ type: "nat-gateway", id: ids.nat, arn: null, name: null });
    expect(report.paths[1].blocking).toEqual([]);
    expect(report.paths[1].notes.map((h: { code: string }) => h.code)).toEqual(["AVAILABILITY_ZONE_CROSSED"]);
    expect(report.paths[0].via).toBeNull();
    expect(report.paths[0].blocking.map((h: { code: string }) => h.code)).toEqual(["NO_ENDPOINT", "NO_ROUTE_TO_DESTINATION"]);
    expect(report.paths[0].availabilityZone).toBe(`${REGION}a`);
  });

  it("reports not-evaluated rules and tool errors", () => {
    const result = { ...sampleResult(), toolErrors: [{ ruleId: "nacl-blocks-path", message: `${ACCOUNT}/${REGION}: boom` }] };
    const report = parse(formatJson(result, sampleContext()));
    expect(report.notEvaluated).toEqual([{ ruleId: "eip-quota-pressure", account: ACCOUNT, region: REGION, reason: "DescribeAddresses failed (UnauthorizedOperation)" }]);
    expect(report.toolErrors).toEqual([{ ruleId: "nacl-blocks-path", message: `${ACCOUNT}/${REGION}: boom` }]);
    expect(report.summary.toolErrors).toBe(1);
  });

  it("is byte-identical for the same input, whatever order the result arrived in", () => {
    const once = formatJson(sampleResult(), sampleContext());
    const reordered = sampleResult();
    const shuffled = { ...reordered, findings: [...reordered.findings].reverse(), paths: [blockedPath, natPath, ...reordered.paths.slice(0, 1)] };
    expect(formatJson(sampleResult(), sampleContext())).toBe(once);
    expect(formatJson(shuffled, sampleContext())).toBe(once);
    expect(once.endsWith("}\n")).toBe(true);
  });

  it("never contains the working directory or the absolute snapshot path", () => {
    const text = formatJson(sampleResult(), sampleContext({ snapshotPath: "/work/repo/fixtures/sample.snapshot.json" }));
    expect(text).not.toContain("/work/repo");
  });

  it("counts suppressed findings apart and keeps their reason", () => {
    const result = { ...sampleResult(), findings: [{ ...noKmsPathFinding, suppression: { reason: "accepted until the endpoint lands", source: "kms-audit.yaml" } }] };
    const report = parse(formatJson(result, sampleContext()));
    expect(report.summary.findings).toEqual({ error: 0, warning: 0, note: 0, suppressed: 1 });
    expect(report.findings[0].suppression).toEqual({ reason: "accepted until the endpoint lands", expires: null, source: "kms-audit.yaml" });
  });
});
