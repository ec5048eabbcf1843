import type { HopRoute } from "./types.js";
import type { Route, RouteTable } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "./model.js";
import type { ComponentRef, ServiceSpec } from "./types.js";
import { coverage, intervalCoverage, NON_PUBLIC_SPACE, parseIpv4Cidr, prefixLength, toSet, type AddressSet } from "./cidr.js";
import { awsServiceOfPrefixList, isAttachedState } from "./lookups.js";
import { memoised } from "./memo.js";
import { prefixListSet } from "./prefix-lists.js";
import { vpcAddresses } from "./region-index.js";
import type { Tri } from "./tri.js";
import { isUnknown } from "./unknown.js";

export type TargetKind =
  | "local"
  | "internet-gateway"
  | "nat-gateway"
  | "vpc-endpoint"
  | "transit-gateway"
  | "vpc-peering-connection"
  | "virtual-private-gateway"
  | "network-interface"
  | "instance"
  | "egress-only-internet-gateway"
  | "other-target";

export interface RouteTarget {
  readonly kind: TargetKind;
  readonly id: string;
}

/** What a route sends traffic to, from whichever target field AWS filled. */
export function routeTarget(route: Route): RouteTarget {
  const gateway = route.GatewayId;
  if (gateway === "local") return { kind: "local", id: "local" };
  if (gateway?.startsWith("igw-")) return { kind: "internet-gateway", id: gateway };
  if (gateway?.startsWith("vgw-")) return { kind: "virtual-private-gateway", id: gateway };
  if (gateway?.startsWith("vpce-")) return { kind: "vpc-endpoint", id: gateway };
  if (route.NatGatewayId !== undefined) return { kind: "nat-gateway", id: route.NatGatewayId };
  if (route.TransitGatewayId !== undefined) return { kind: "transit-gateway", id: route.TransitGatewayId };
  if (route.VpcPeeringConnectionId !== undefined) return { kind: "vpc-peering-connection", id: route.VpcPeeringConnectionId };
  if (route.InstanceId !== undefined) return { kind: "instance", id: route.InstanceId };
  if (route.NetworkInterfaceId !== undefined) return { kind: "network-interface", id: route.NetworkInterfaceId };
  if (route.EgressOnlyInternetGatewayId !== undefined) return { kind: "egress-only-internet-gateway", id: route.EgressOnlyInternetGatewayId };
  const other = route.LocalGatewayId ?? route.CarrierGatewayId ?? route.CoreNetworkArn ?? gateway;
  return { kind: "other-target", id: other ?? "(no target)" };
}

/**
 * Why a blackhole route's target can't take traffic, from what the snapshot holds about it: an internet gateway that
 * still exists but was only detached (or attached to another VPC), a NAT gateway in state deleted, or a target the
 * data no longer lists.
 */
export function blackholeReason(index: RegionIndex, route: Route, vpcId: string): string {
  const target = routeTarget(route);
  if (target.kind === "internet-gateway") {
    const gateway = index.internetGateways.get(target.id);
    if (gateway !== undefined) {
      const attachedTo = (gateway.Attachments ?? []).filter((a) => isAttachedState(a.State)).map((a) => a.VpcId ?? "");
      if (attachedTo.length === 0) return `internet gateway ${target.id} still exists but is detached from ${vpcId}`;
      if (!attachedTo.includes(vpcId)) return `internet gateway ${target.id} is attached to ${attachedTo.join(", ")}, not to ${vpcId}`;
      return `internet gateway ${target.id} is not usable by ${vpcId}`;
    }
    if (!index.gaps.has("DescribeInternetGateways")) return `internet gateway ${target.id} no longer exists`;
  }
  if (target.kind === "nat-gateway") {
    const nat = index.natGateways.get(target.id);
    if (nat !== undefined) return `NAT gateway ${target.id} is ${nat.State ?? "in an unknown state"}`;
    if (!index.gaps.has("DescribeNatGateways")) return `NAT gateway ${target.id} no longer exists`;
  }
  return `${target.id} no longer exists or is not usable`;
}

export function targetComponent(target: RouteTarget): ComponentRef {
  switch (target.kind) {
    case "internet-gateway":
    case "nat-gateway":
    case "vpc-endpoint":
    case "transit-gateway":
    case "vpc-peering-connection":
    case "virtual-private-gateway":
    case "network-interface":
    case "instance":
      return { type: target.kind, id: target.id };
    default:
      return { type: "other-target", id: target.id };
  }
}

export function routeDestination(route: Route): string {
  return route.DestinationCidrBlock ?? route.DestinationPrefixListId ?? route.DestinationIpv6CidrBlock ?? "(no destination)";
}

/** "0.0.0.0/0 -> nat-0abc in rtb-0def", for hop details. */
export function describeRoute(route: Route, table: RouteTable | undefined): string {
  return `${routeDestination(route)} -> ${routeTarget(route).id}${table?.RouteTableId === undefined ? "" : ` in ${table.RouteTableId}`}`;
}

/** A route as hops carry it. */
export function routeOf(tableId: string, route: Route): HopRoute {
  return { routeTableId: tableId, destination: routeDestination(route), target: routeTarget(route).id };
}

export function isBlackhole(route: Route): boolean {
  return (route.State ?? "").toLowerCase() === "blackhole";
}

function isIpv4(route: Route): boolean {
  return route.DestinationCidrBlock !== undefined || route.DestinationPrefixListId !== undefined;
}

/**
 * Whether a route covers "some public IP of the service": 0.0.0.0/0 always; the service's own AWS prefix list
 * (gateway services); never local, private/special space or the VPC's own CIDRs; anything else that could hold
 * public addresses may.
 */
export function routeCoversService(index: RegionIndex, route: Route, service: ServiceSpec, vpcCidrs: AddressSet): Tri {
  return coversService(index, route, service, { nonPublic: toSet([...NON_PUBLIC_SPACE, ...vpcCidrs]), byCidr: new Map() });
}

/** Where a VPC's routes can't lead to a service's public IPs, and the verdicts of destination CIDRs met so far. */
interface NonPublicSpace {
  readonly nonPublic: AddressSet;
  readonly byCidr: Map<string, Tri>;
}

/** One per VPC: every route table of the VPC, for every service, judges its CIDR routes against the same space. */
function nonPublicSpace(index: RegionIndex, vpcId: string | undefined): NonPublicSpace {
  return memoised(index, ["non-public-space", vpcId ?? 0], () => ({
    nonPublic: toSet([...NON_PUBLIC_SPACE, ...(vpcId === undefined ? [] : vpcAddresses(index, vpcId))]),
    byCidr: new Map<string, Tri>(),
  }));
}

function cidrCoversService(cidr: string, space: NonPublicSpace): Tri {
  const known = space.byCidr.get(cidr);
  if (known !== undefined) return known;
  const interval = parseIpv4Cidr(cidr);
  const covers: Tri = interval === undefined ? (isUnknown(cidr) ? "maybe" : "no") : prefixLength(interval) === 0 ? "yes" : coverage(space.nonPublic, [interval]) === "yes" ? "no" : "maybe";
  space.byCidr.set(cidr, covers);
  return covers;
}

function coversService(index: RegionIndex, route: Route, service: ServiceSpec, space: NonPublicSpace): Tri {
  if (routeTarget(route).kind === "local") return "no";
  if (route.DestinationCidrBlock !== undefined) return cidrCoversService(route.DestinationCidrBlock, space);
  const listId = route.DestinationPrefixListId;
  if (listId === undefined) return "no";
  const awsService = awsServiceOfPrefixList(index.prefixLists.get(listId), index.region);
  if (awsService !== undefined) return service.hasGatewayEndpoint && awsService === service.endpointServiceSuffixes[0] ? "yes" : "no";
  const cidrs = index.prefixListCidrs.get(listId);
  if (cidrs === undefined) return "maybe";
  return coverage(space.nonPublic, prefixListSet(index, listId)) === "yes" ? "no" : "maybe";
}

export interface ServiceRoute {
  readonly table: RouteTable;
  /** The longest definitely-covering route (a gateway prefix-list route beats 0.0.0.0/0). */
  readonly chosen?: Route;
  /** Routes that may cover some of the service's IPs and would send them elsewhere than `chosen`. */
  readonly uncertain: readonly Route[];
}

function sameTarget(a: Route, b: Route): boolean {
  const x = routeTarget(a);
  const y = routeTarget(b);
  return x.kind === y.kind && x.id === y.id && isBlackhole(a) === isBlackhole(b);
}

/** Longest-prefix match for the service's public address in a route table. */
export function matchServiceRoute(index: RegionIndex, table: RouteTable, service: ServiceSpec): ServiceRoute {
  return memoised(index, ["service-route", table, service], () => matchServiceRouteOnce(index, table, service));
}

function matchServiceRouteOnce(index: RegionIndex, table: RouteTable, service: ServiceSpec): ServiceRoute {
  const space = nonPublicSpace(index, table.VpcId);
  const definite: Route[] = [];
  const possible: Route[] = [];
  for (const route of table.Routes ?? []) {
    if (!isIpv4(route)) continue;
    const covers = coversService(index, route, service, space);
    if (covers === "yes") definite.push(route);
    else if (covers === "maybe") possible.push(route);
  }
  const chosen = definite.find((r) => r.DestinationPrefixListId !== undefined) ?? definite[0];
  const uncertain = possible.filter((r) => chosen === undefined || !sameTarget(r, chosen));
  return { table, ...(chosen === undefined ? {} : { chosen }), uncertain };
}

export interface SubnetRoute {
  readonly table: RouteTable;
  readonly chosen?: Route;
  readonly uncertain: readonly Route[];
}

/** Longest-prefix match for "some address of `target`" (a subnet of the same VPC) in a route table. */
export function matchSubnetRoute(index: RegionIndex, table: RouteTable, target: AddressSet): SubnetRoute {
  return memoised(index, ["subnet-route", table, target], () => matchSubnetRouteOnce(index, table, target));
}

function matchSubnetRouteOnce(index: RegionIndex, table: RouteTable, target: AddressSet): SubnetRoute {
  let chosen: Route | undefined;
  let chosenLength = -1;
  const overlapping: { route: Route; length: number }[] = [];
  for (const route of table.Routes ?? []) {
    if (!isIpv4(route)) continue;
    const { covers, length } = routeCoversAddresses(index, route, target);
    if (covers === "yes" && length > chosenLength) {
      chosen = route;
      chosenLength = length;
    } else if (covers === "maybe") {
      overlapping.push({ route, length });
    }
  }
  const uncertain = overlapping.filter((o) => o.length > chosenLength && (chosen === undefined || !sameTarget(o.route, chosen))).map((o) => o.route);
  return { table, ...(chosen === undefined ? {} : { chosen }), uncertain };
}

function routeCoversAddresses(index: RegionIndex, route: Route, target: AddressSet): { covers: Tri; length: number } {
  if (route.DestinationCidrBlock !== undefined) {
    const interval = parseIpv4Cidr(route.DestinationCidrBlock);
    if (interval === undefined && isUnknown(route.DestinationCidrBlock)) return { covers: "maybe", length: 33 };
    return interval === undefined ? { covers: "no", length: 0 } : { covers: intervalCoverage(interval, target), length: prefixLength(interval) };
  }
  const listId = route.DestinationPrefixListId ?? "";
  if (awsServiceOfPrefixList(index.prefixLists.get(listId), index.region) !== undefined) return { covers: "no", length: 0 };
  const cidrs = index.prefixListCidrs.get(listId);
  if (cidrs === undefined) return { covers: "maybe", length: 33 };
  const covers = coverage(prefixListSet(index, listId), target);
  return { covers: covers === "yes" ? "maybe" : covers, length: 33 };
}
