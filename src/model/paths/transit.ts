import type { Route, RouteTable } from "@aws-sdk/client-ec2";
import type { RegionNetwork } from "../network/region-network.js";
import type { ComponentRef, Hop, ServiceSpec } from "../types.js";
import { hop, missingHop, outcomeOf } from "../hops.js";
import { networkAclHop } from "../network-acls.js";
import { describeRoute, isBlackhole, matchServiceRoute, matchSubnetRoute, routeDestination, routeOf, routeTarget, targetComponent } from "../routes.js";
import { accountText, inAccount, ownedBy, placeOf, placeText, type Packet, type Place } from "./place.js";
import { crossTransitGateway, destinationText, landingGapHop, routeCidrFor, type Destination } from "./transit-gateway.js";
import { natGatewayIsUsable } from "../facts.js";

export type { Destination } from "./transit-gateway.js";

/** Where a leg ends: the destination subnet, or the NAT gateway that takes traffic to the service's public IPs. */
export interface Arrival {
  readonly place: Place;
  readonly natId?: string;
}

/** One way a leg can go (a transit gateway may hand a flow to any of several subnets): its hops in path order. */
export interface Branch {
  readonly hops: readonly Hop[];
  readonly arrived?: Arrival;
  /** Security group references survive every crossing of this branch. */
  readonly referencing: boolean;
}

export interface Leg {
  readonly network: RegionNetwork;
  /** The account of the path (the function's): components of other accounts name theirs. */
  readonly pathAccount: string;
  readonly service: ServiceSpec;
  readonly from: Place;
  readonly dest: Destination;
  readonly packet: Packet;
  /** False when the caller already checked the source subnet's outbound ACL for this packet. */
  readonly checkSourceAcl: boolean;
  /** False when the caller checks the destination subnet's inbound ACL itself. */
  readonly checkDestinationAcl: boolean;
}

const MAX_VPCS = 4;

export function egressAcl(at: Place, packet: Packet, pathAccount: string): Hop {
  return ownedBy(networkAclHop(at.home, { subnetId: at.subnetId, direction: "egress", ports: packet.ports, peer: packet.dst, peerText: `to ${packet.dstText}`, peerCidr: packet.dstCidr }), at.home.account, pathAccount);
}

export function ingressAcl(to: Place, packet: Packet, pathAccount: string): Hop {
  return ownedBy(networkAclHop(to.home, { subnetId: to.subnetId, direction: "ingress", ports: packet.ports, peer: packet.src, peerText: `from ${packet.srcText}`, peerCidr: packet.srcCidr }), to.home.account, pathAccount);
}

/**
 * Network ACLs between two subnets of one VPC on the way: the sender's (or transit gateway entry's) outbound rules and
 * the receiver's inbound rules; none inside one subnet (tgw-nacls.html: traffic from a transit gateway to instances
 * in its own subnet is not evaluated either).
 */
function segmentAcls(leg: Leg, at: Place, to: Place, final: boolean, sourceAclDone: boolean): Hop[] {
  if (at.subnetId === to.subnetId) return [];
  const hops: Hop[] = [];
  if (!sourceAclDone) hops.push(egressAcl(at, leg.packet, leg.pathAccount));
  if (!final || leg.checkDestinationAcl) hops.push(ingressAcl(to, leg.packet, leg.pathAccount));
  return hops;
}

function tableComponent(leg: Leg, at: Place, table: RouteTable): ComponentRef {
  return inAccount({ type: "route-table", id: table.RouteTableId ?? `route-table-of-${at.subnetId}` }, at.home.account, leg.pathAccount);
}

function routeComponent(leg: Leg, at: Place, table: RouteTable, route: Route): ComponentRef {
  return inAccount({ type: "route", id: `${table.RouteTableId}:${describeRoute(route, undefined)}` }, at.home.account, leg.pathAccount);
}

function where(leg: Leg, at: Place, table: RouteTable): string {
  return `${table.RouteTableId} of ${at.subnetId}${accountText(at.home.account, leg.pathAccount)}`;
}

/** A peering connection: active, joining this VPC with the destination's; never to the peer's gateways (no edge-to-edge routing). */
function viaPeering(leg: Leg, at: Place, table: RouteTable, route: Route, pcxId: string, sourceAclDone: boolean, before: readonly Hop[], referencing: boolean): Branch[] {
  const end = (extra: Hop): Branch[] => [{ hops: [...before, extra], referencing: false }];
  const pcx = leg.network.peering(pcxId);
  // The accepter's account accepts (or re-creates) the connection: findings about it go there.
  const component = inAccount({ type: "vpc-peering-connection", id: pcxId }, pcx?.AccepterVpcInfo?.OwnerId ?? at.home.account, leg.pathAccount);
  if (pcx === undefined) {
    return end(
      landingGapHop(leg.network, component, at.home.account, "DescribeVpcPeeringConnections", `the peering connection ${pcxId}`) ??
        hop(component, "unknown", "UNKNOWN_RESOURCE", `${pcxId} is not in the DescribeVpcPeeringConnections data, so where it leads is unknown.`, { setting: `re-collect DescribeVpcPeeringConnections` }),
    );
  }
  const status = String(pcx.Status?.Code ?? "unknown").toLowerCase();
  const mine = [pcx.RequesterVpcInfo, pcx.AccepterVpcInfo].find((side) => side?.VpcId === at.vpcId);
  const other = mine === pcx.RequesterVpcInfo ? pcx.AccepterVpcInfo : pcx.RequesterVpcInfo;
  const routeText = describeRoute(route, table);
  if (status !== "active") {
    return end(hop(component, "fail", "BAD_STATE", `${routeText} goes to ${pcxId}, which is ${status}, not active: nothing crosses it.`, { setting: `accept ${pcxId} (or re-create it), or remove the route` }));
  }
  if (mine === undefined || other?.VpcId === undefined) {
    return end(hop(component, "unknown", "UNKNOWN_RESOURCE", `${pcxId} does not join ${at.vpcId} in the data, so where ${routeText} leads is unknown.`, { setting: `check ${pcxId}` }));
  }
  if (other.Region !== undefined && other.Region !== leg.network.region) {
    return end(hop(component, "unknown", "ROUTE_LEAVES_SNAPSHOT", `${pcxId} leads to ${other.VpcId} in ${other.Region}: kms-audit follows paths within ${leg.network.region}.`, { setting: `check the path through ${pcxId} by hand` }));
  }
  const tableId = table.RouteTableId ?? "";
  if (leg.dest.kind === "public") {
    return end(
      hop(routeComponent(leg, at, table, route), "fail", "PCX_EDGE_TO_EDGE", `${routeText} sends ${leg.service.id}'s public IPs over ${pcxId} to ${other.VpcId}, but a peering connection never carries traffic to the peer's NAT gateway, internet gateway or gateway endpoint (no edge-to-edge routing): it is dropped.`, {
        setting: `${tableId}: send ${routeDestination(route)} to a NAT gateway or transit gateway instead of ${pcxId}, or reach ${leg.service.id} through an interface endpoint`,
        route: routeOf(tableId, route),
      }),
    );
  }
  const target = leg.dest.place;
  if (target.vpcId !== other.VpcId) {
    return end(
      hop(routeComponent(leg, at, table, route), "fail", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", `${routeText} sends traffic for ${placeText(target)} (in ${target.vpcId}) over ${pcxId}, which joins ${at.vpcId} with ${other.VpcId} only: peering is not transitive, so it is dropped.`, {
        setting: `${tableId}: route ${placeText(target)} to a connection that reaches ${target.vpcId}`,
        route: routeOf(tableId, route),
      }),
    );
  }
  const crossing = hop(component, "pass", "TRANSIT_ENTERED", `${routeText} crosses ${pcxId} (active) into ${other.VpcId}${accountText(target.home.account, leg.pathAccount)}.`);
  const acls = [...(sourceAclDone ? [] : [egressAcl(at, leg.packet, leg.pathAccount)]), ...(leg.checkDestinationAcl ? [ingressAcl(target, leg.packet, leg.pathAccount)] : [])];
  return [{ hops: [...before, crossing, ...acls], arrived: { place: target }, referencing }];
}

/**
 * The connection a route from `at` toward the destination should use: a transit gateway both VPCs are attached to, else
 * an active peering connection between them; for the service's public IPs, an available public NAT gateway of the VPC
 * (same AZ first). "" when there is none to name.
 */
function connectionTowards(leg: Leg, at: Place): string {
  if (leg.dest.kind === "public") {
    const nats = [...at.home.natGateways.values()].filter((n) => n.VpcId === at.vpcId && n.NatGatewayId !== undefined && natGatewayIsUsable(n));
    const sameAz = nats.find((n) => at.home.subnets.get(n.SubnetId ?? "")?.AvailabilityZone === at.subnet.AvailabilityZone);
    return (sameAz ?? nats.sort((a, b) => ((a.NatGatewayId ?? "") < (b.NatGatewayId ?? "") ? -1 : 1))[0])?.NatGatewayId ?? "";
  }
  const to = leg.dest.place.vpcId;
  const live = (state: string | undefined) => ["available", "modifying"].includes(String(state ?? "available").toLowerCase());
  const theirs = new Set(leg.network.vpcAttachmentsOf(to).filter((a) => live(a.State)).map((a) => a.TransitGatewayId));
  const shared = leg.network.vpcAttachmentsOf(at.vpcId).find((a) => live(a.State) && theirs.has(a.TransitGatewayId));
  if (shared?.TransitGatewayId !== undefined) return shared.TransitGatewayId;
  const peering = leg.network.peeringsOf(at.vpcId).find((p) => String(p.Status?.Code ?? "").toLowerCase() === "active" && [p.RequesterVpcInfo?.VpcId, p.AccepterVpcInfo?.VpcId].includes(to));
  return peering?.VpcPeeringConnectionId ?? "";
}

/**
 * A route missing on the way between VPCs is the landing zone's to add when there is something to route to; a VPC
 * without a NAT gateway dropping traffic for public IPs is no egress VPC (a central-endpoint hub): nothing to add there.
 */
function missingRouteCode(leg: Leg, towards: string): Hop["code"] {
  return leg.dest.kind === "public" && towards === "" ? "NO_ROUTE_TO_DESTINATION" : "NO_ROUTE_ACROSS_VPCS";
}

function walk(leg: Leg, at: Place, sourceAclDone: boolean, before: readonly Hop[], referencing: boolean, depth: number): Branch[] {
  const end = (...extra: Hop[]): Branch[] => [{ hops: [...before, ...extra], referencing: false }];
  const table = at.home.routeTableFor(at.subnetId);
  if (table === undefined) return end(missingHop(at.home, "DescribeRouteTables", inAccount({ type: "route-table", id: `route-table-of-${at.subnetId}` }, at.home.account, leg.pathAccount), `the route of ${at.subnetId} to ${destinationText(leg.dest)}`));
  const match = leg.dest.kind === "public" ? matchServiceRoute(at.home, table, leg.service) : matchSubnetRoute(at.home, table, leg.dest.place.addresses);
  const tableId = table.RouteTableId ?? "";
  const uncertain = match.uncertain.map((route) =>
    hop(routeComponent(leg, at, table, route), "unknown", "MORE_SPECIFIC_ROUTE", `${describeRoute(route, table)} may cover part of ${destinationText(leg.dest)} and send it elsewhere.`, { setting: `check ${describeRoute(route, table)}` }),
  );
  const chosen = match.chosen;
  if (chosen === undefined) {
    if (uncertain.length > 0) return end(...uncertain);
    const towards = connectionTowards(leg, at);
    const code = missingRouteCode(leg, towards);
    return end(
      hop(tableComponent(leg, at, table), "fail", code, `${where(leg, at, table)} has no route for ${destinationText(leg.dest)}, so the ${leg.packet.ports.from === 443 ? "traffic" : "answer"} from ${leg.packet.srcText} is dropped.`, {
        setting:
          code === "NO_ROUTE_TO_DESTINATION"
            ? `nothing to add in ${tableId}: its VPC has no NAT gateway to the internet, so ${leg.service.id} must be reached through an interface endpoint (the name's DNS hop decides which)`
            : `${tableId}: add a route for ${routeCidrFor(leg.dest)} to the transit gateway or peering connection that leads there`,
        route: { routeTableId: tableId, destination: routeCidrFor(leg.dest), target: towards },
      }),
    );
  }
  const routeText = describeRoute(chosen, table);
  if (isBlackhole(chosen)) {
    return end(
      hop(routeComponent(leg, at, table, chosen), "fail", "BAD_STATE_ROUTE", `${routeText} is a blackhole for ${destinationText(leg.dest)}${accountText(at.home.account, leg.pathAccount)}.`, {
        setting: `${tableId}: point ${routeDestination(chosen)} at a live target, or delete the route`,
        route: routeOf(tableId, chosen),
      }),
      ...uncertain,
    );
  }
  const matched = hop(routeComponent(leg, at, table, chosen), "pass", "ROUTE_MATCHED", `${where(leg, at, table)} sends ${destinationText(leg.dest)} via ${describeRoute(chosen, undefined)}.`, { route: routeOf(tableId, chosen) });
  return take(leg, at, table, chosen, sourceAclDone, [...before, matched, ...uncertain], referencing, depth);
}

/** The packet at `at` after its route table chose `chosen` (active): the target decides what comes next. */
function take(leg: Leg, at: Place, table: RouteTable, chosen: Route, sourceAclDone: boolean, here: readonly Hop[], referencing: boolean, depth: number): Branch[] {
  const tableId = table.RouteTableId ?? "";
  const routeText = describeRoute(chosen, table);
  const target = routeTarget(chosen);
  if (target.kind === "local") {
    if (leg.dest.kind === "subnet" && leg.dest.place.vpcId === at.vpcId) {
      return [{ hops: [...here, ...segmentAcls(leg, at, leg.dest.place, true, sourceAclDone)], arrived: { place: leg.dest.place }, referencing }];
    }
    return [{ hops: [...here, hop(tableComponent(leg, at, table), "unknown", "UNKNOWN_DESTINATION", `${routeText} is the local route of ${at.vpcId}, but ${destinationText(leg.dest)} is not in ${at.vpcId} (overlapping CIDRs?).`, { setting: `check the CIDRs of ${at.vpcId}` })], referencing: false }];
  }
  if (target.kind === "nat-gateway" && leg.dest.kind === "public") {
    const nat = at.home.natGateways.get(target.id);
    const natPlace = nat?.SubnetId === undefined ? undefined : placeOf(at.home, nat.SubnetId, "eni");
    if (natPlace === undefined) {
      return [{ hops: [...here, ownedBy(missingHop(at.home, nat === undefined ? "DescribeNatGateways" : "DescribeSubnets", inAccount({ type: "nat-gateway", id: target.id }, at.home.account, leg.pathAccount), `the NAT gateway ${target.id} and its subnet`), at.home.account, leg.pathAccount)], referencing: false }];
    }
    return [{ hops: [...here, ...segmentAcls(leg, at, natPlace, false, sourceAclDone)], arrived: { place: natPlace, natId: target.id }, referencing }];
  }
  if (target.kind === "transit-gateway") {
    if (depth >= MAX_VPCS) return [{ hops: [...here, hop(targetComponent(target), "unknown", "ROUTE_LEAVES_SNAPSHOT", `the path crosses more than ${MAX_VPCS} VPCs: kms-audit stops following it at ${target.id}.`)], referencing: false }];
    const crossing = crossTransitGateway(leg.network, leg.pathAccount, at, target.id, leg.packet, leg.dest, sourceAclDone);
    const after = [...here, ...crossing.hops];
    if (crossing.entries.length === 0) return [{ hops: after, referencing: false }];
    return crossing.entries.flatMap((entry) => walk(leg, entry, false, after, referencing && crossing.referencing, depth + 1));
  }
  if (target.kind === "vpc-peering-connection") return viaPeering(leg, at, table, chosen, target.id, sourceAclDone, here, referencing);
  if (target.kind === "internet-gateway" && leg.dest.kind === "public") {
    const towards = connectionTowards(leg, at);
    return [
      {
        hops: [
          ...here,
          hop(tableComponent(leg, at, table), "fail", missingRouteCode(leg, towards), `${routeText} sends traffic from ${leg.packet.srcText} (another VPC's private addresses) to an internet gateway, which forwards only traffic from public IPs: it is dropped.`, {
            setting: `${tableId}: send ${routeDestination(chosen)} to a NAT gateway of ${at.vpcId}`,
            route: { routeTableId: tableId, destination: routeDestination(chosen), target: towards },
          }),
        ],
        referencing: false,
      },
    ];
  }
  if (target.kind === "internet-gateway" && leg.dest.kind === "subnet") {
    // A subnet of another VPC has private addresses only (Lambda and endpoint network interfaces get no public IP)
    return [
      {
        hops: [
          ...here,
          hop(tableComponent(leg, at, table), "fail", "NO_ROUTE_ACROSS_VPCS", `${routeText} sends ${destinationText(leg.dest)} to an internet gateway, which delivers only to public IPs: the ${leg.packet.ports.from === 443 ? "traffic" : "answer"} from ${leg.packet.srcText} is dropped.`, {
            setting: `${tableId}: add a route for ${routeCidrFor(leg.dest)} to the transit gateway or peering connection that leads there`,
            route: { routeTableId: tableId, destination: routeCidrFor(leg.dest), target: connectionTowards(leg, at) },
          }),
        ],
        referencing: false,
      },
    ];
  }
  return [
    {
      hops: [...here, hop(inAccount(targetComponent(target), at.home.account, leg.pathAccount), "unknown", "ROUTE_LEAVES_SNAPSHOT", `${routeText} sends ${destinationText(leg.dest)} to ${target.id} (${target.kind}), beyond what the snapshot shows.`, { setting: `check the path behind ${target.id}` })],
      referencing: false,
    },
  ];
}

/**
 * Follows one direction of a packet from `leg.from` to `leg.dest` through route tables, transit gateways and peering
 * connections, across VPCs and accounts: every route, the network ACLs where the packet crosses a subnet boundary, and
 * the gateways. One branch per way the packet can go (a gateway handing a flow to any of several subnets).
 */
export function followLeg(leg: Leg): readonly Branch[] {
  return walk(leg, leg.from, !leg.checkSourceAcl, [], true, 0);
}

/** followLeg once the source subnet's route table has chosen `route` (active; its hop is the caller's). */
export function followRoute(leg: Leg, table: RouteTable, route: Route): readonly Branch[] {
  return take(leg, leg.from, table, route, !leg.checkSourceAcl, [], true, 0);
}

function sameHop(a: Hop, b: Hop): boolean {
  return a === b || (a.code === b.code && a.component.id === b.component.id && a.detail === b.detail && a.status === b.status && a.direction === b.direction);
}

/** Hops without repeats, first occurrence kept. */
export function uniqueHops(hops: readonly Hop[]): Hop[] {
  const result: Hop[] = [];
  for (const h of hops) if (!result.some((r) => sameHop(r, h))) result.push(h);
  return result;
}

/**
 * Several ways one flow may take (entries a transit gateway picks, an endpoint's interfaces): every hop of each, and
 * while one way works, a failure on another drops only the flows sent that way (partial, intermittent).
 */
export function mergeWays(ways: readonly (readonly Hop[])[], onlySome: (h: Hop) => Hop): Hop[] {
  if (ways.length === 1) return [...ways[0]!];
  const oneWorks = ways.some((w) => outcomeOf(w) === "reachable");
  return uniqueHops(ways.flatMap((w) => (oneWorks ? w.map(onlySome) : w)));
}

/** A failing hop on one of several ways: the flows taking the others don't meet it. */
export function onlySomeFlows(h: Hop): Hop {
  if (h.status !== "fail" || h.partial === true) return h;
  return { ...h, detail: `${h.detail} Only the flows that take this way fail: the others get through.`, partial: true };
}
