import fc from "fast-check";
import type { IpPermission, NetworkAclEntry, Route } from "@aws-sdk/client-ec2";
import { buildModel, type NetworkModel } from "../../src/model/index.js";
import type { CallName, RegionCalls } from "../../src/snapshot/types.js";
import {
  aclEntry,
  allTraffic,
  dhcpOptions,
  dnsAttributes,
  ids,
  internetGateway,
  localRoute,
  networkAcl,
  route,
  scenario,
  tcp,
  toSnapshot,
  wire,
  withKmsEndpoint,
  withNat,
} from "../support/build.js";

const natStates = ["available", "pending", "failed", "deleting", "deleted"] as const;
const endpointStates = ["available", "Available", "pending", "pendingAcceptance", "failed", "deleted", "rejected"];
const gappable: CallName[] = ["DescribeNatGateways", "DescribeVpcEndpoints", "DescribeSecurityGroups", "DescribeNetworkAcls", "DescribeRouteTables", "DescribeInternetGateways", "DescribeVpcAttribute", "DescribeDhcpOptions"];

const sgRule: fc.Arbitrary<IpPermission> = fc.oneof(
  fc.constant(allTraffic()),
  fc.constantFrom("0.0.0.0/0", "10.0.0.0/16", "10.0.10.0/25", "52.0.0.0/8").map((cidr) => tcp.fromCidr(443, cidr)),
  fc.constantFrom(ids.sgFunction, ids.sgEndpoint).map((g) => tcp.fromGroup(443, g)),
  fc.constant(tcp.fromCidr(80, "0.0.0.0/0")),
);

const aclEntries: fc.Arbitrary<NetworkAclEntry[]> = fc
  .array(
    fc.record({
      RuleNumber: fc.integer({ min: 1, max: 200 }),
      Egress: fc.boolean(),
      RuleAction: fc.constantFrom("allow" as const, "deny" as const),
      CidrBlock: fc.constantFrom("0.0.0.0/0", "10.0.0.0/16", "52.0.0.0/8"),
      Protocol: fc.constantFrom("-1", "6", "17"),
      from: fc.integer({ min: 0, max: 65535 }),
      span: fc.integer({ min: 0, max: 65535 }),
    }),
    { maxLength: 4 },
  )
  .map((entries) => {
    const unique = new Map(entries.map((e) => [`${e.Egress}-${e.RuleNumber}`, e]));
    return [
      ...[...unique.values()].map((e) => aclEntry({ RuleNumber: e.RuleNumber, Egress: e.Egress, RuleAction: e.RuleAction, CidrBlock: e.CidrBlock, Protocol: e.Protocol, ...(e.Protocol === "-1" ? {} : { PortRange: { From: e.from, To: Math.min(65535, e.from + e.span) } }) })),
      aclEntry({ RuleNumber: 1000, Egress: false }),
      aclEntry({ RuleNumber: 1000, Egress: true }),
      aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
      aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
    ];
  });

/** The usual value three times in four, else something from `other`. */
function likely<T>(usual: T, other: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: fc.constant(usual), weight: 3 }, { arbitrary: other, weight: 1 });
}

const defaultRoute: fc.Arbitrary<Route | undefined> = fc.constantFrom<Route | undefined>(
  undefined,
  route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }),
  route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat, State: "blackhole" }),
  route({ DestinationCidrBlock: "0.0.0.0/0", GatewayId: ids.igw }),
  route({ DestinationCidrBlock: "0.0.0.0/0", TransitGatewayId: "tgw-0a" }),
);

const world = fc.record({
  nat: fc.option(fc.record({ state: likely("available", fc.constantFrom(...natStates)), privateNat: likely(false, fc.constant(true)), eip: likely(true, fc.constant(false)), subnet: fc.constantFrom<string | undefined>(ids.publicA, ids.privateC, undefined) })),
  igwAttached: likely(true, fc.constant(false)),
  endpoint: fc.option(
    fc.record({
      state: likely("available", fc.constantFrom(...endpointStates)),
      privateDns: likely(true, fc.constant(false)),
      subnets: likely([ids.privateA, ids.privateC], fc.subarray([ids.privateA, ids.privateC, ids.publicA])),
      groups: likely(true, fc.constant(false)),
      fips: likely(false, fc.constant(true)),
    }),
  ),
  privateDefault: likely<Route | undefined>(route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat }), defaultRoute),
  extraPublicRoute: likely(false, fc.constant(true)),
  dnsSupport: likely(true, fc.constant(false)),
  dnsHostnames: likely(true, fc.constant(false)),
  customDns: likely(false, fc.constant(true)),
  fnEgress: likely([allTraffic()], fc.array(sgRule, { maxLength: 2 })),
  endpointIngress: likely([tcp.fromGroup(443, ids.sgFunction)], fc.array(sgRule, { maxLength: 2 })),
  privateAcl: fc.option(aclEntries, { freq: 2 }),
  publicAcl: fc.option(aclEntries, { freq: 2 }),
  gaps: likely([] as CallName[], fc.subarray(gappable, { minLength: 1, maxLength: 2 })),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function build(w: World) {
  const d = scenario();
  if (w.nat !== null) {
    withNat(d);
    const nat = d.natGateways[0]!;
    const { SubnetId: _subnet, ...regional } = nat;
    d.natGateways[0] = {
      ...(w.nat.subnet === undefined ? regional : { ...nat, SubnetId: w.nat.subnet }),
      State: w.nat.state,
      ConnectivityType: w.nat.privateNat ? "private" : "public",
      NatGatewayAddresses: w.nat.eip && !w.nat.privateNat ? nat.NatGatewayAddresses : [{ PrivateIp: "10.0.0.10", IsPrimary: true }],
    };
  } else {
    withNat(d);
    d.natGateways = [];
  }
  const privateTable = d.routeTables.find((t) => t.RouteTableId === ids.rtbPrivate)!;
  privateTable.Routes = [localRoute(), ...(w.privateDefault === undefined ? [] : [w.privateDefault]), ...(w.extraPublicRoute ? [route({ DestinationCidrBlock: "52.0.0.0/8", TransitGatewayId: "tgw-0b" })] : [])];
  if (!w.igwAttached) d.internetGateways = [{ ...internetGateway(), Attachments: [] }];
  if (w.endpoint !== null) {
    withKmsEndpoint(d);
    d.vpcEndpoints[0] = {
      ...d.vpcEndpoints[0]!,
      State: wire(w.endpoint.state),
      PrivateDnsEnabled: w.endpoint.privateDns,
      SubnetIds: w.endpoint.subnets,
      Groups: w.endpoint.groups ? d.vpcEndpoints[0]!.Groups : [],
      ServiceName: `com.amazonaws.ap-northeast-1.${w.endpoint.fips ? "kms-fips" : "kms"}`,
    };
    d.securityGroups.find((g) => g.GroupId === ids.sgEndpoint)!.IpPermissions = w.endpointIngress;
  }
  d.vpcAttributes = dnsAttributes(ids.vpc, w.dnsSupport, w.dnsHostnames);
  if (w.customDns) d.dhcpOptions = [dhcpOptions(ids.dopt, ["10.0.0.2"])];
  d.securityGroups.find((g) => g.GroupId === ids.sgFunction)!.IpPermissionsEgress = w.fnEgress;
  const acls = [];
  if (w.privateAcl !== null) acls.push(networkAcl({ NetworkAclId: "acl-0private", Entries: w.privateAcl }, [ids.privateA, ids.privateC]));
  if (w.publicAcl !== null) acls.push(networkAcl({ NetworkAclId: "acl-0public", Entries: w.publicAcl }, [ids.publicA, ids.publicC]));
  const taken = new Set(acls.flatMap((a) => (a.Associations ?? []).map((s) => s.SubnetId)));
  d.networkAcls[0]!.Associations = d.networkAcls[0]!.Associations!.filter((a) => !taken.has(a.SubnetId));
  d.networkAcls.push(...acls);
  const edit = (calls: RegionCalls): RegionCalls => {
    const copy: Record<string, unknown> = { ...calls };
    for (const call of w.gaps) copy[call] = { status: "failed", error: { code: "UnauthorizedOperation", message: "denied" } };
    return copy as RegionCalls;
  };
  return { snapshot: toSnapshot(d, edit), gaps: new Set<CallName>(w.gaps) };
}

function assertNothingReachableThroughUnavailableParts(model: NetworkModel): void {
  const index = model.regions[0]!;
  for (const path of model.paths) {
    if (path.verdict === "reachable-via-nat") {
      const nat = index.natGateways.get(path.via?.id ?? "");
      expect(nat).toBeDefined();
      expect(nat!.State).toBe("available");
      expect(nat!.ConnectivityType).toBe("public");
      expect(nat!.NatGatewayAddresses!.some((a) => a.PublicIp !== undefined)).toBe(true);
      const igws = [...index.internetGateways.values()];
      expect(igws.some((g) => (g.Attachments ?? []).some((a) => a.VpcId === ids.vpc && String(a.State) === "available"))).toBe(true);
    }
    if (path.verdict === "reachable-via-endpoint") {
      const endpoint = index.vpcEndpoints.get(path.via?.id ?? "");
      expect(endpoint).toBeDefined();
      expect(String(endpoint!.State).toLowerCase()).toBe("available");
    }
    expect(path.blocking.length === 0).toBe(path.verdict.startsWith("reachable"));
  }
}

describe("path model properties", () => {
  it("never throws, and never reports reachable through a component that is not available", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { snapshot } = build(w);
        assertNothingReachableThroughUnavailableParts(buildModel(snapshot));
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it("never reports reachable when data the path needs is a gap", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { snapshot, gaps } = build(w);
        const essential: CallName[] = ["DescribeVpcEndpoints", "DescribeSecurityGroups", "DescribeNetworkAcls", "DescribeRouteTables"];
        if (!essential.some((c) => gaps.has(c))) return;
        for (const path of buildModel(snapshot).paths) expect(path.verdict.startsWith("reachable")).toBe(false);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
