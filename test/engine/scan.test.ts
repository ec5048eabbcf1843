import { createHash } from "node:crypto";
import { scan, scanWith } from "../../src/engine/scan.js";
import { UsageError } from "../../src/errors.js";
import { defineRule, type Rule } from "../../src/rules/types.js";
import { regionRef } from "../../src/rules/support/arn.js";
import type { RegionCalls } from "../../src/snapshot/types.js";
import * as b from "../support/build.js";
import { testRuleMeta } from "../support/test-rule.js";

const natSnapshot = () => b.toSnapshot(b.withNat(b.scenario()));
const denied = { status: "failed" as const, error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." } };

function withCalls(edit: (calls: RegionCalls) => RegionCalls) {
  return b.toSnapshot(b.withNat(b.scenario()), edit);
}

function probe(id: string, behave: (region: ReturnType<typeof regionRef>) => unknown, message = "probe {{value}}"): Rule {
  return defineRule({
    meta: testRuleMeta(id, { found: message }),
    *check(_context, region) {
      const ref = regionRef(region);
      const data = behave(ref);
      yield { messageId: "found", resource: ref, key: "k", data: data as Record<string, string> };
    },
  }) as Rule;
}

describe("scan", () => {
  it("finds the motivating scenario's problem and evaluates every rule", () => {
    const result = scan(b.toSnapshot(b.scenario()));
    expect(result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.id} ${f.key ?? ""}`)).toEqual(["error lambda-no-kms-path decrypt-orders kms"]);
    expect(result.notEvaluated).toEqual([]);
    expect(result.toolErrors).toEqual([]);
    expect(result.paths.map((p) => `${p.subnetId} ${p.verdict}`)).toEqual([`${b.ids.privateA} blocked`, `${b.ids.privateC} blocked`]);
  });

  it("reports rules whose calls failed as not evaluated, with the AWS error, and runs the others", () => {
    const result = scan(withCalls((c) => ({ ...c, DescribeNatGateways: denied })));
    const reason = "DescribeNatGateways failed: UnauthorizedOperation (You are not authorized to perform this operation.)";
    expect(result.notEvaluated.map((n) => [n.ruleId, n.reason])).toEqual([
      ["eip-quota-pressure", reason],
      ["nat-cross-az", reason],
      ["nat-path-broken", reason],
    ]);
    expect(result.notEvaluated.every((n) => n.account === b.ACCOUNT && n.region === b.REGION)).toBe(true);
    // The model can't decide the NAT path without the NAT gateways: unverifiable, by name, and not "no path".
    expect(result.findings.filter((f) => f.ruleId === "lambda-no-kms-path")).toEqual([]);
    const unverifiable = result.findings.filter((f) => f.ruleId === "path-unverifiable");
    // one note on the missing call, listing the function behind it
    expect(unverifiable.map((f) => `${f.severity} ${f.resource.id} ${f.key}`)).toEqual([`note ${b.REGION} region:${b.ACCOUNT}/${b.REGION}:DescribeNatGateways:DATA_GAP`]);
    expect(unverifiable[0]!.affected?.functions.map((fn) => fn.name)).toEqual([b.ids.fn]);
    expect(unverifiable[0]!.message).toContain("DescribeNatGateways failed (UnauthorizedOperation");
  });

  it("says when a call was not collected", () => {
    const result = scan(withCalls(({ DescribeAddresses: _omitted, ...rest }) => rest));
    expect(result.notEvaluated.filter((n) => n.ruleId.startsWith("eip-")).map((n) => [n.ruleId, n.reason])).toEqual([
      ["eip-quota-pressure", "DescribeAddresses was not collected"],
      ["eip-unassociated", "DescribeAddresses was not collected"],
    ]);
  });

  it("applies severity overrides and disables rules set to off", () => {
    const base = scan(natSnapshot());
    expect(base.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(["warning nat-cross-az", "note nat-where-privatelink"]);
    const overridden = scan(natSnapshot(), { severity: { "nat-cross-az": "error", "nat-where-privatelink": "off" } });
    expect(overridden.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(["error nat-cross-az"]);
  });

  it("rejects unknown rule ids and severities with a UsageError", () => {
    expect(() => scan(natSnapshot(), { severity: { "no-such-rule": "off" } })).toThrow(new UsageError('unknown rule id "no-such-rule" in severity settings'));
    expect(() => scan(natSnapshot(), { severity: { "nat-cross-az": "fatal" as "error" } })).toThrow(UsageError);
  });

  it("passes config declarations and services to the rules and the model", () => {
    const d = b.scenario();
    d.functions[0] = { ...d.functions[0]!, Environment: { VariableClasses: { TABLE_NAME: "plain" } } };
    expect(scan(b.toSnapshot(d)).findings.map((f) => f.severity)).toEqual(["note"]);
    expect(scan(b.toSnapshot(d), { kmsDeclarations: ["arn:aws:lambda:*:function:decrypt-*"] }).findings.map((f) => f.severity)).toEqual(["error"]);
    const withS3 = scan(b.toSnapshot(b.withNat(b.scenario())), { services: () => ["s3"] });
    expect(withS3.paths.map((p) => p.service)).toEqual(["kms", "s3", "kms", "s3"]);
    expect(withS3.findings.filter((f) => f.ruleId === "nat-where-privatelink").map((f) => f.key)).toEqual(["kms", "s3"]);
  });

  it("deep-freezes the snapshot before rules see it, and a rule that writes to it becomes a tool error", () => {
    const snapshot = natSnapshot();
    const writer = defineRule({
      ...probe("writer", () => ({})),
      *check({ snapshot: s }) {
        (s as { format: string }).format = "changed";
        yield* [];
      },
    }) as Rule;
    const result = scanWith([writer], snapshot);
    expect(Object.isFrozen(snapshot.accounts[b.ACCOUNT]!.regions[b.REGION]!.calls.DescribeVpcs)).toBe(true);
    expect(snapshot.format).toBe("kms-audit/snapshot");
    expect(result.toolErrors.map((e) => e.ruleId)).toEqual(["writer"]);
  });

  it("turns a throwing rule, an unfilled placeholder and an unknown messageId into tool errors, keeping other rules' findings", () => {
    const thrower = probe("thrower", () => {
      throw new Error("boom");
    });
    const unfilled = probe("unfilled", () => ({}));
    const unknownMessage = defineRule({ ...probe("unknown-message", () => ({ value: "x" })), *check(_c, region) { yield { messageId: "nope", resource: regionRef(region), data: {} }; } }) as Rule;
    const fine = probe("fine", () => ({ value: "ok" }));
    const result = scanWith([fine, thrower, unfilled, unknownMessage], natSnapshot());
    expect(result.toolErrors).toEqual([
      { ruleId: "thrower", message: `${b.ACCOUNT}/${b.REGION}: boom` },
      { ruleId: "unfilled", message: `${b.ACCOUNT}/${b.REGION}: message "found": placeholder {{value}} has no data` },
      { ruleId: "unknown-message", message: `${b.ACCOUNT}/${b.REGION}: unknown messageId "nope"` },
    ]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual(["fine probe ok"]);
  });

  it("fingerprints identity, not message text: sha256 of recipe, rule, account, region, ARN or id, key", () => {
    const a = scanWith([probe("same", () => ({ value: "one" }), "first wording {{value}}")], natSnapshot()).findings[0]!;
    const c = scanWith([probe("same", () => ({ value: "two" }), "another wording entirely {{value}}")], natSnapshot()).findings[0]!;
    const expected = createHash("sha256").update(["kms-audit/v1", "same", b.ACCOUNT, b.REGION, b.REGION, "k"].join("\n")).digest("hex");
    expect(a.message).not.toBe(c.message);
    expect(a.fingerprint).toBe(expected);
    expect(c.fingerprint).toBe(expected);
  });

  it("gives the same findings, fingerprints and order whatever the order of the input", () => {
    const d = b.withKmsEndpoint(b.scenario());
    d.securityGroups = d.securityGroups.map((g) => (g.GroupId === b.ids.sgEndpoint ? { ...g, IpPermissions: [] } : g));
    d.functions.push(b.lambdaFunction({ FunctionName: "another-fn", VpcConfig: { SubnetIds: [b.ids.privateC], SecurityGroupIds: [b.ids.sgFunction], VpcId: b.ids.vpc }, Environment: { VariableClasses: { KEY: "kms-key-reference" } } }));
    const forward = scan(b.toSnapshot(d));
    const reversed = b.scenario();
    Object.assign(reversed, { ...d, functions: [...d.functions].reverse(), subnets: [...d.subnets].reverse(), securityGroups: [...d.securityGroups].reverse(), vpcEndpoints: [...d.vpcEndpoints].reverse() });
    const backward = scan(b.toSnapshot(reversed));
    const summary = (r: typeof forward) => r.findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.id} ${f.key ?? ""} ${f.fingerprint}`);
    expect(summary(backward)).toEqual(summary(forward));
    expect(forward.findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource.id}`)).toEqual([
      "error endpoint-sg-no-https vpce-0kms0000000000001",
      "error lambda-no-kms-path another-fn",
      "error lambda-no-kms-path decrypt-orders",
    ]);
  });

  it("is deterministic: the same input gives byte-identical results", () => {
    expect(JSON.stringify(scan(natSnapshot()))).toBe(JSON.stringify(scan(natSnapshot())));
  });
});
