import fc from "fast-check";
import { scan } from "../../src/engine/scan.js";
import type { RegionCalls } from "../../src/snapshot/types.js";
import * as b from "../support/build.js";

/** Variants of the Tokyo scenario: every combination of the traps the rules look for. */
const variant = fc.record({
  nat: fc.boolean(),
  natState: fc.constantFrom("available", "pending", "failed", "deleted"),
  natPrivate: fc.boolean(),
  endpoint: fc.boolean(),
  endpointState: fc.constantFrom("available", "pending", "Available", "failed", "rejected"),
  privateDns: fc.boolean(),
  dnsHostnames: fc.boolean(),
  endpointIngress: fc.constantFrom("function-sg", "vpc-cidr", "none", "other-port"),
  functionEgress: fc.constantFrom("all", "none", "443-endpoint", "5432"),
  naclEphemeral: fc.boolean(),
  blackhole: fc.boolean(),
  tgw: fc.boolean(),
  extraEips: fc.integer({ min: 0, max: 6 }),
  evidence: fc.constantFrom("kms-ciphertext", "kms-key-reference", "plain"),
  failedCall: fc.constantFrom<keyof RegionCalls | "none">("none", "DescribeNatGateways", "DescribeSecurityGroups", "DescribeVpcAttribute", "GetServiceQuota"),
});

function build(v: typeof variant extends fc.Arbitrary<infer T> ? T : never) {
  const d = b.scenario();
  if (v.nat) b.withNat(d);
  if (v.endpoint) b.withKmsEndpoint(d);
  d.natGateways = d.natGateways.map((n) => ({ ...n, State: b.wire(v.natState), ConnectivityType: v.natPrivate ? "private" : "public" }));
  d.vpcEndpoints = d.vpcEndpoints.map((e) => ({ ...e, State: b.wire(v.endpointState), PrivateDnsEnabled: v.privateDns }));
  d.vpcAttributes = b.dnsAttributes(b.ids.vpc, true, v.dnsHostnames);
  const ingress = { "function-sg": [b.tcp.fromGroup(443, b.ids.sgFunction)], "vpc-cidr": [b.tcp.fromCidr(443, "10.0.0.0/16")], none: [], "other-port": [b.tcp.fromGroup(80, b.ids.sgFunction)] }[v.endpointIngress];
  const egress = { all: [b.allTraffic()], none: [], "443-endpoint": [b.tcp.fromGroup(443, b.ids.sgEndpoint)], "5432": [b.tcp.fromCidr(5432, "10.0.0.0/16")] }[v.functionEgress];
  d.securityGroups = d.securityGroups.map((g) =>
    g.GroupId === b.ids.sgEndpoint ? { ...g, IpPermissions: ingress } : g.GroupId === b.ids.sgFunction ? { ...g, IpPermissionsEgress: egress } : g,
  );
  if (!v.naclEphemeral) {
    d.networkAcls = d.networkAcls.map((a) => ({
      ...a,
      Entries: [
        b.aclEntry({ RuleNumber: 100, Egress: true }),
        b.aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
        b.aclEntry({ RuleNumber: 100, Egress: false, Protocol: "6", PortRange: { From: 443, To: 443 } }),
        b.aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
      ],
    }));
  }
  d.routeTables = d.routeTables.map((t) => {
    if (t.RouteTableId !== b.ids.rtbPrivate) return t;
    const target = v.tgw ? { TransitGatewayId: "tgw-0a1b2c3d4e5f60001" } : { NatGatewayId: b.ids.nat };
    return { ...t, Routes: [b.localRoute(), b.route({ DestinationCidrBlock: "0.0.0.0/0", ...target, ...(v.blackhole ? { State: "blackhole" as const } : {}) })] };
  });
  for (let i = 0; i < v.extraEips; i++) d.addresses.push(b.elasticIp({ AllocationId: `eipalloc-0prop00000000000${i}`, PublicIp: `203.0.113.${100 + i}` }));
  d.functions = d.functions.map((f) => ({ ...f, Environment: { VariableClasses: { SECRET: v.evidence } } }));
  return b.toSnapshot(d, (calls) =>
    v.failedCall === "none" ? calls : { ...calls, [v.failedCall]: { status: "failed", error: { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation." } } },
  );
}

describe("scan over generated scenarios", () => {
  it("never throws, never reports a tool error, and renders every message and command completely", () => {
    fc.assert(
      fc.property(variant, (v) => {
        const result = scan(build(v));
        expect(result.toolErrors).toEqual([]);
        for (const finding of result.findings) {
          expect(finding.message).not.toMatch(/\{\{|undefined|NaN/);
          for (const command of finding.remediation.commands) expect(command).toMatch(/^(# [^\n]*|[A-Z_]+=.*|(?:[A-Z_]+=\$\()?aws [^\n]*--region ap-northeast-1.*)$/);
          expect(finding.fingerprint).toMatch(/^[0-9a-f]{64}$/);
        }
        expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(result.findings.length);
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });

  it("reports a function without a KMS path exactly when the model blocks it, at error when its code calls KMS", () => {
    fc.assert(
      fc.property(variant, (v) => {
        const result = scan(build(v));
        const blocked = result.paths.some((p) => p.service === "kms" && p.verdict === "blocked");
        const summary = result.findings.filter((f) => f.ruleId === "lambda-no-kms-path" && f.key === "kms");
        const evaluated = !result.notEvaluated.some((n) => n.ruleId === "lambda-no-kms-path");
        expect(summary.length).toBe(blocked && evaluated ? 1 : 0);
        for (const f of summary) expect(f.severity).toBe(v.evidence === "plain" ? "note" : "error");
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
