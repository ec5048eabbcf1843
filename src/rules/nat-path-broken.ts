import type { InternetGateway } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import type { Snapshot } from "../snapshot/types.js";
import { defineRule, type Violation } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { createPublicNat, ec2, ec2Capture, natAddress } from "./support/commands.js";
import { setVariable, variable, type FixLine, type Word } from "./fix.js";
import { affectedPaths, anyCertain, groupBy, matchedDestination, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";
import { attachedInternetGateway, publicSubnetIn } from "./support/resources.js";
import { routeSubnetsTo, routeTo, setRoute, subnetsUsing } from "./support/route-fixes.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "natPathBroken" | "natPathMayBeBroken" | "natSubnetsPrivate" | "natSubnetsMayBePrivate";

/** Why the NAT gateway doesn't reach the internet, in a few words (the headline), by the hop's code. */
const WHY: Readonly<Record<string, string>> = {
  NAT_PRIVATE_CONNECTIVITY: "it is a private NAT gateway",
  NAT_NOT_IN_PUBLIC_SUBNET: "its subnet has no route to an internet gateway",
  NAT_NO_PUBLIC_IP: "it has no Elastic IP",
  IGW_NOT_ATTACHED: "the internet gateway isn't attached to its VPC",
  BAD_STATE: "it is not available",
};

function natIdOf(owned: OwnedHop): string {
  if (owned.hop.component.type === "nat-gateway") return owned.hop.component.id;
  return owned.attempt?.via?.id ?? owned.hop.component.id;
}

/**
 * A replacement public NAT gateway in a public subnet of the broken one's AZ, and the function subnets' routes moved
 * to it. Their route tables send traffic to a NAT gateway that can't reach the internet, so every subnet on them is
 * cut off already: re-pointing the route in place changes nothing that works.
 */
function replacementNat(snapshot: Snapshot, region: RegionIndex, items: readonly OwnedHop[], natId: string): FixLine[] {
  const nat = region.natGateways.get(natId);
  const vpcId = nat?.VpcId ?? items[0]!.result.vpcId;
  const az = nat?.SubnetId ? region.subnets.get(nat.SubnetId)?.AvailabilityZone : items[0]!.result.availabilityZone;
  const subnet = publicSubnetIn(region, vpcId, az);
  const routes = new Map<string, string>();
  for (const o of items) {
    const table = region.routeTableFor(o.result.subnetId)?.RouteTableId;
    if (table !== undefined) routes.set(table, matchedDestination(o.result, o.attempt) ?? "0.0.0.0/0");
  }
  return [
    ...(subnet === undefined ? [setVariable("PUBLIC_SUBNET", "", `a public subnet of ${vpcId}${az === undefined ? "" : ` in ${az}`} (its 0.0.0.0/0 route goes to an attached internet gateway)`)] : []),
    ...createPublicNat(region, subnet ?? variable("PUBLIC_SUBNET"), natAddress(snapshot, region)),
    ...[...routes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([table, destination]) => setRoute(region, region.routeTables.get(table) ?? { Routes: [] }, table, destination, { flag: "--nat-gateway-id", value: variable("NAT") })),
  ];
}

function isAttachedElsewhere(igw: InternetGateway | undefined, vpcId: string): boolean {
  return (igw?.Attachments ?? []).some((a) => a.VpcId !== undefined && a.VpcId !== vpcId && !["detached", "detaching"].includes(String(a.State).toLowerCase()));
}

/**
 * The internet gateway the VPC can use, as commands leaving its id in a word: the one attached to the VPC; else
 * `candidate` when it is attached to no VPC; else a new one (a gateway attached to another VPC can't be attached
 * to a second one, and a VPC takes only one).
 */
function vpcInternetGateway(region: RegionIndex, vpcId: string, candidate?: string): { lines: FixLine[]; igw: Word } {
  const attached = attachedInternetGateway(region, vpcId);
  if (attached !== undefined) return { lines: [], igw: attached };
  const known = candidate === undefined ? undefined : region.internetGateways.get(candidate);
  if (candidate !== undefined && known !== undefined && !isAttachedElsewhere(known, vpcId)) {
    return { lines: [ec2(region, "attach-internet-gateway", ["--internet-gateway-id", candidate, "--vpc-id", vpcId])], igw: candidate };
  }
  return {
    lines: [
      ec2Capture("IGW", "InternetGateway.InternetGatewayId", region, "create-internet-gateway", []),
      ec2(region, "attach-internet-gateway", ["--internet-gateway-id", variable("IGW"), "--vpc-id", vpcId]),
    ],
    igw: variable("IGW"),
  };
}

/**
 * The NAT's subnet gets 0.0.0.0/0 to the VPC's internet gateway. Nothing else may change: its route table is given to
 * the NAT's subnet alone (its other routes copied) unless it serves only that subnet.
 */
function routeNatSubnetOut(region: RegionIndex, natSubnet: string, vpcId: string): FixLine[] {
  const gateway = vpcInternetGateway(region, vpcId);
  return [...gateway.lines, ...routeSubnetsTo(region, vpcId, [natSubnet], "0.0.0.0/0", { flag: "--gateway-id", value: gateway.igw }, "NAT_ROUTE_TABLE")];
}

/**
 * The NAT's subnet routes 0.0.0.0/0 to an internet gateway that isn't attached to the VPC: attach it when it is free,
 * else use the VPC's own (or a new one), and re-point the route where it is. Every subnet on that table is cut off
 * from the internet already, so changing the route in place breaks nothing that works.
 */
function reattach(region: RegionIndex, natSubnet: string, vpcId: string, igwId: string): FixLine[] {
  const gateway = vpcInternetGateway(region, vpcId, igwId);
  const table = region.routeTableFor(natSubnet);
  if (table?.RouteTableId === undefined) return gateway.lines;
  const current = routeTo(table, "0.0.0.0/0");
  const routed = current !== undefined && current.GatewayId === gateway.igw;
  return [...gateway.lines, ...(routed ? [] : [setRoute(region, table, table.RouteTableId, "0.0.0.0/0", { flag: "--gateway-id", value: gateway.igw })])];
}

/** True when making the NAT's subnet public would change the route of a function subnet on the path. */
function sharesRouteWithFunctions(region: RegionIndex, natSubnet: string, items: readonly OwnedHop[]): boolean {
  const functionSubnets = new Set(items.map((o) => o.result.subnetId));
  if (functionSubnets.has(natSubnet)) return true;
  const table = region.routeTableFor(natSubnet);
  if (table === undefined) return true;
  return subnetsUsing(region, table).some((s) => functionSubnets.has(s));
}

/**
 * The route table of a NAT gateway's subnet, when the hop is that the subnet doesn't route to an internet gateway and
 * the subnet can be made public without changing a function subnet's route: NAT gateways sharing that table are one
 * finding, fixed by one route (or one new table for their subnets).
 */
function privateNatSubnetTable(region: RegionIndex, owned: OwnedHop, all: readonly OwnedHop[]): string | undefined {
  if (owned.hop.code !== "NAT_NOT_IN_PUBLIC_SUBNET") return undefined;
  const natSubnet = region.natGateways.get(natIdOf(owned))?.SubnetId;
  if (natSubnet === undefined) return undefined;
  const table = region.routeTableFor(natSubnet)?.RouteTableId;
  if (table === undefined) return undefined;
  const sameTable = all.filter((o) => o.hop.code === "NAT_NOT_IN_PUBLIC_SUBNET" && region.routeTableFor(region.natGateways.get(natIdOf(o))?.SubnetId ?? "")?.RouteTableId === table);
  return sameTable.some((o) => sharesRouteWithFunctions(region, region.natGateways.get(natIdOf(o))?.SubnetId ?? "", sameTable)) ? undefined : table;
}

/** The NAT gateways' subnets get 0.0.0.0/0 to the VPC's internet gateway, together (see routeNatSubnetOut). */
function natSubnetsOut(region: RegionIndex, items: readonly OwnedHop[]): FixLine[] {
  const nats = items.map((o) => region.natGateways.get(natIdOf(o)));
  const vpcId = nats.find((n) => n?.VpcId !== undefined)?.VpcId ?? items[0]!.result.vpcId;
  const gateway = vpcInternetGateway(region, vpcId);
  const subnets = sortedUnique(nats.flatMap((n) => n?.SubnetId ?? []));
  return [...gateway.lines, ...routeSubnetsTo(region, vpcId, subnets, "0.0.0.0/0", { flag: "--gateway-id", value: gateway.igw }, "NAT_ROUTE_TABLE")];
}

function fixFor(snapshot: Snapshot, region: RegionIndex, items: readonly OwnedHop[], natId: string): FixLine[] {
  const first = items[0]!;
  const nat = region.natGateways.get(natId);
  const vpcId = nat?.VpcId ?? first.result.vpcId;
  const natSubnet = nat?.SubnetId;
  switch (first.hop.code) {
    case "NAT_NOT_IN_PUBLIC_SUBNET":
      // A NAT gateway inside the function subnets (or on their route table) can't be made public without making them public too.
      if (natSubnet === undefined || sharesRouteWithFunctions(region, natSubnet, items)) return replacementNat(snapshot, region, items, natId);
      return routeNatSubnetOut(region, natSubnet, vpcId);
    case "IGW_NOT_ATTACHED":
      if (first.hop.component.type !== "internet-gateway" || natSubnet === undefined) return vpcInternetGateway(region, vpcId).lines;
      return reattach(region, natSubnet, vpcId, first.hop.component.id);
    default:
      return replacementNat(snapshot, region, items, natId);
  }
}

export default defineRule<MessageId>({
  meta: {
    id: "nat-path-broken",
    title: "Route to a NAT gateway that can't reach the internet",
    severity: "error",
    category: "routing",
    securitySeverity: 6.5,
    rationale:
      "A NAT gateway gives private subnets internet access only when it is available, public (a private NAT gateway " +
      "can't reach the internet; the internet gateway drops its traffic), holds an Elastic IP, and sits in a public subnet " +
      "whose route table sends 0.0.0.0/0 to an internet gateway attached to the same VPC. A route to a NAT gateway that " +
      "misses any of these looks like a working setup yet drops every call to AWS service endpoints. NAT gateways whose subnets " +
      "share a route table without a route to an internet gateway are one finding, on that table: one route fixes them all.",
    remediation: {
      text:
        "Put a public NAT gateway with an Elastic IP in a public subnet (route 0.0.0.0/0 to an attached internet gateway) and " +
        "point the private subnets' default route at it; or give the NAT's subnet the missing route to the internet gateway.",
      cli: [
        "aws ec2 allocate-address --domain vpc --region <region>",
        "aws ec2 create-nat-gateway --subnet-id <public-subnet-id> --connectivity-type public --allocation-id <allocation-id> --region <region>",
        "aws ec2 replace-route --route-table-id <private-route-table-id> --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-gateway-id> --region <region>",
        "aws ec2 create-route --route-table-id <nat-subnet-route-table-id> --destination-cidr-block 0.0.0.0/0 --gateway-id <igw-id> --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
      "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-troubleshooting.html",
    ],
    requires: ["ListFunctions", "DescribeNatGateways", "DescribeRouteTables", "DescribeInternetGateways", "DescribeSubnets"],
    messages: {
      natPathBroken:
        "NAT gateway {{nat}} doesn't reach the internet: {{detail}} Affected: {{affected}}.",
      natPathMayBeBroken:
        "NAT gateway {{nat}} doesn't reach the internet ({{detail}}), but whether {{affected}} depend on it is unverifiable: another hop of their path can't be checked from the snapshot.",
      natSubnetsPrivate:
        "NAT gateways {{nats}} don't reach the internet: their subnets ({{subnets}}) use route table {{routeTable}}, which sends no 0.0.0.0/0 to an internet gateway. Affected: {{affected}}.",
      natSubnetsMayBePrivate:
        "NAT gateways {{nats}} don't reach the internet: their subnets ({{subnets}}) use route table {{routeTable}}, which sends no 0.0.0.0/0 to an internet gateway; whether {{affected}} depend on them is unverifiable: another hop of their path can't be checked from the snapshot.",
    },
    headlines: {
      natPathBroken: "doesn't reach the internet: {{why}}",
      natPathMayBeBroken: "doesn't reach the internet ({{why}}); whether it matters is unverifiable",
      natSubnetsPrivate: "no route to an internet gateway for NAT gateways {{nats}}",
      natSubnetsMayBePrivate: "no internet gateway route for NAT gateways {{nats}} (whether it matters is unverifiable)",
    },
  },
  *check({ snapshot, model, settings }, region): Generator<Violation<MessageId>> {
    const owned = ownedHops(model, region, "nat-path-broken");
    const sharedTable = (o: OwnedHop) => privateNatSubnetTable(region, o, owned);
    for (const items of groupBy(owned, (o) => {
      const table = sharedTable(o);
      return table === undefined ? `${natIdOf(o)}\n${o.hop.code}\n${o.hop.component.id}` : `table\n${table}`;
    }).values()) {
      const first = items[0]!;
      const table = sharedTable(first);
      const nats = sortedUnique(items.map(natIdOf));
      if (table !== undefined && nats.length > 1) {
        // NAT gateways whose subnets share one route table without a route to an internet gateway: that table is what must change.
        yield {
          messageId: anyCertain(items) ? "natSubnetsPrivate" : "natSubnetsMayBePrivate",
          resource: ec2Ref(region, "route-table", table),
          key: "NAT_NOT_IN_PUBLIC_SUBNET",
          severity: severityOf("error", region, items, settings),
          data: { nats: listing(nats), routeTable: table, subnets: listing(sortedUnique(items.flatMap((o) => region.natGateways.get(natIdOf(o))?.SubnetId ?? []))), affected: affectedPaths(items.map((o) => o.result)) },
          evidence: [...new Map(items.map((o) => [o.hop.detail, o.hop])).values()],
          affected: items.map((o) => o.result),
          fix: natSubnetsOut(region, items),
        };
        continue;
      }
      const natId = natIdOf(first);
      yield {
        messageId: anyCertain(items) ? "natPathBroken" : "natPathMayBeBroken",
        resource: ec2Ref(region, natId.startsWith("igw-") ? "internet-gateway" : "nat-gateway", natId),
        key: `${first.hop.code}:${first.hop.component.id}`,
        severity: severityOf("error", region, items, settings),
        data: { nat: natId, why: WHY[first.hop.code] ?? "it is not usable", detail: first.hop.detail, affected: affectedPaths(items.map((o) => o.result)) },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: fixFor(snapshot, region, items, natId),
      };
    }
  },
});
