/**
 * Generated variants of the Tokyo scenario for property tests: every combination of the traps the rules look for,
 * including the "maybe" shapes (a network ACL denying one address, return ports admitted only in part, HTTPS allowed
 * only to an uncollected prefix list or to a few public ranges, an endpoint admitting half a subnet).
 */
import fc from "fast-check";
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";
import * as b from "./build.js";

const CORP_PREFIX_LIST = "pl-0corp000000000001";

export const variant = fc.record({
  nat: fc.boolean(),
  natState: fc.constantFrom("available", "pending", "failed", "deleted"),
  natPrivate: fc.boolean(),
  endpoint: fc.boolean(),
  endpointState: fc.constantFrom("available", "pending", "Available", "failed", "rejected"),
  privateDns: fc.boolean(),
  dnsHostnames: fc.boolean(),
  endpointIngress: fc.constantFrom("function-sg", "vpc-cidr", "none", "other-port", "half-subnet"),
  functionEgress: fc.constantFrom("all", "none", "443-endpoint", "5432", "prefix-list-uncollected", "public-8s"),
  naclEphemeral: fc.boolean(),
  naclExtra: fc.constantFrom("none", "deny-one-address", "half-ephemeral"),
  blackhole: fc.boolean(),
  tgw: fc.boolean(),
  extraEips: fc.integer({ min: 0, max: 6 }),
  evidence: fc.constantFrom("kms-ciphertext", "kms-key-reference", "plain"),
  failedCall: fc.constantFrom<keyof RegionCalls | "none">("none", "DescribeNatGateways", "DescribeSecurityGroups", "DescribeVpcAttribute", "GetServiceQuota"),
});

export type Variant = typeof variant extends fc.Arbitrary<infer T> ? T : never;

function naclEntries(v: Variant): ReturnType<typeof b.aclEntry>[] {
  const inbound = v.naclEphemeral
    ? v.naclExtra === "half-ephemeral"
      ? [b.aclEntry({ RuleNumber: 100, Egress: false, Protocol: "6", PortRange: { From: 1024, To: 32767 } }), b.aclEntry({ RuleNumber: 110, Egress: false, Protocol: "6", PortRange: { From: 443, To: 443 } })]
      : [b.aclEntry({ RuleNumber: 100, Egress: false })]
    : [b.aclEntry({ RuleNumber: 100, Egress: false, Protocol: "6", PortRange: { From: 443, To: 443 } })];
  const deny = v.naclExtra === "deny-one-address" ? [b.aclEntry({ RuleNumber: 50, Egress: false, RuleAction: "deny", CidrBlock: "198.51.100.7/32" }), b.aclEntry({ RuleNumber: 50, Egress: true, RuleAction: "deny", CidrBlock: "198.51.100.7/32" })] : [];
  return [
    ...deny,
    b.aclEntry({ RuleNumber: 100, Egress: true }),
    b.aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
    ...inbound,
    b.aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
  ];
}

export function buildVariant(v: Variant): Snapshot {
  const d = b.scenario();
  if (v.nat) b.withNat(d);
  if (v.endpoint) b.withKmsEndpoint(d);
  d.natGateways = d.natGateways.map((n) => ({ ...n, State: b.wire(v.natState), ConnectivityType: v.natPrivate ? "private" : "public" }));
  d.vpcEndpoints = d.vpcEndpoints.map((e) => ({ ...e, State: b.wire(v.endpointState), PrivateDnsEnabled: v.privateDns }));
  d.vpcAttributes = b.dnsAttributes(b.ids.vpc, true, v.dnsHostnames);
  d.prefixLists.push(b.managedPrefixList(CORP_PREFIX_LIST, "corp-egress", b.ACCOUNT));
  const ingress = {
    "function-sg": [b.tcp.fromGroup(443, b.ids.sgFunction)],
    "vpc-cidr": [b.tcp.fromCidr(443, "10.0.0.0/16")],
    none: [],
    "other-port": [b.tcp.fromGroup(80, b.ids.sgFunction)],
    "half-subnet": [b.tcp.fromCidr(443, "10.0.10.0/25"), b.tcp.fromCidr(443, "10.0.11.0/24")],
  }[v.endpointIngress];
  const egress = {
    all: [b.allTraffic()],
    none: [],
    "443-endpoint": [b.tcp.fromGroup(443, b.ids.sgEndpoint)],
    "5432": [b.tcp.fromCidr(5432, "10.0.0.0/16")],
    "prefix-list-uncollected": [b.tcp.fromPrefixList(443, CORP_PREFIX_LIST)],
    "public-8s": ["3.0.0.0/8", "52.0.0.0/8", "54.0.0.0/8"].map((cidr) => b.tcp.fromCidr(443, cidr)),
  }[v.functionEgress];
  d.securityGroups = d.securityGroups.map((g) =>
    g.GroupId === b.ids.sgEndpoint ? { ...g, IpPermissions: ingress } : g.GroupId === b.ids.sgFunction ? { ...g, IpPermissionsEgress: egress } : g,
  );
  if (!v.naclEphemeral || v.naclExtra !== "none") d.networkAcls = d.networkAcls.map((a) => ({ ...a, Entries: naclEntries(v) }));
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
