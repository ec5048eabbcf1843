import type { TransitGatewayRoute, TransitGatewayVpcAttachment } from "@aws-sdk/client-ec2";
import type { RegionNetwork, LandingGap } from "../network/region-network.js";
import type { ComponentRef, Hop } from "../types.js";
import type { CallName } from "../../snapshot/types.js";
import { coverage, intervalCoverage, NON_PUBLIC_SPACE, parseIpv4Cidr, prefixLength, toSet, type AddressSet } from "../cidr.js";
import { hop } from "../hops.js";
import { networkAclHop } from "../network-acls.js";
import type { Tri } from "../tri.js";
import { cidrOf } from "../traffic.js";
import { natGatewayIsUsable } from "../facts.js";
import { accountText, asKind, inAccount, ownedBy, placeOf, placeText, zoneKey, type Packet, type Place } from "./place.js";

/** Where a packet is going: a subnet (an endpoint's, a function's), or a service's public IPs (through a NAT gateway). */
export type Destination = { readonly kind: "subnet"; readonly place: Place } | { readonly kind: "public"; readonly serviceId: string };

export function destinationText(dest: Destination): string {
  return dest.kind === "subnet" ? placeText(dest.place) : `${dest.serviceId}'s public IPs`;
}

/** What a transit gateway does with a packet from `at`: the hops, then where it enters the next VPC (one place per possible entry). */
export interface TgwCrossing {
  readonly hops: readonly Hop[];
  /** The places the packet may enter the next VPC at (several: appliance mode, or no attachment subnet in the source AZ). */
  readonly entries: readonly Place[];
  /** Security group references survive: referencing on the gateway and on both attachments. */
  readonly referencing: boolean;
}

const LIVE_ATTACHMENT = new Set(["available", "modifying", "pendingacceptance", "pending-acceptance", "initiating", "pending"]);

function isLive(state: string | undefined): boolean {
  return LIVE_ATTACHMENT.has(String(state ?? "available").toLowerCase());
}

function gapText(gap: LandingGap, account: string, call: CallName): string {
  switch (gap.kind) {
    case "absent":
      return `account ${account} is not in the snapshot`;
    case "uncollected":
      return `account ${account} could not be collected (${gap.error.code}: ${gap.error.message})`;
    case "failed":
      return `${call} failed in account ${account} (${gap.error.code}: ${gap.error.message})`;
    default:
      return `${call} was not collected in account ${account}`;
  }
}

function gapSetting(gap: LandingGap, account: string, call: CallName): string {
  return gap.kind === "absent" || gap.kind === "uncollected"
    ? `collect account ${account} too (kms-audit collect --accounts ${account} ..., or kms-audit merge its snapshot with this one)`
    : `collect ${call} in account ${account} (grant it read access and re-run the collection)`;
}

/** The unknown hop for data the crossing needs from another account: what is missing and which account to add. */
export function landingGapHop(network: RegionNetwork, component: ComponentRef, account: string, call: CallName, needed: string, code: Hop["code"] = "DATA_GAP"): Hop | undefined {
  const gap = network.landingGap(account, call);
  if (gap === undefined) return undefined;
  return hop(component, "unknown", code, `${gapText(gap, account, call)}, so ${needed} can't be checked.`, { setting: gapSetting(gap, account, call) });
}

/** A route's destination set in the table owner's data: a CIDR, or a prefix list's entries (undefined: entries unknown). */
function routeSet(network: RegionNetwork, owner: string, route: TransitGatewayRoute): { set?: AddressSet; length: number } {
  if (route.DestinationCidrBlock !== undefined) {
    const interval = parseIpv4Cidr(route.DestinationCidrBlock);
    return interval === undefined ? { length: -1 } : { set: [interval], length: prefixLength(interval) };
  }
  const cidrs = route.PrefixListId === undefined ? undefined : network.accounts.get(owner)?.prefixListCidrs.get(route.PrefixListId);
  if (cidrs === undefined) return { length: 33 };
  return { set: toSet(cidrs.flatMap((c) => parseIpv4Cidr(c) ?? [])), length: 33 };
}

function routeCovers(set: AddressSet | undefined, length: number, dest: Destination): Tri {
  if (set === undefined) return length === -1 ? "no" : "maybe";
  if (dest.kind === "subnet") return set.length === 1 ? intervalCoverage(set[0]!, dest.place.addresses) : coverage(set, dest.place.addresses);
  if (length === 0) return "yes";
  return coverage(NON_PUBLIC_SPACE, set) === "yes" ? "no" : "maybe";
}

function routeText(route: TransitGatewayRoute): string {
  const target = route.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId ?? "(no attachment)";
  const what = (route.State ?? "").toLowerCase() === "blackhole" ? "blackhole" : target;
  return `${route.DestinationCidrBlock ?? route.PrefixListId ?? "(no destination)"} -> ${what} (${route.Type ?? "static"})`;
}

interface TgwMatch {
  readonly chosen?: TransitGatewayRoute;
  readonly uncertain: readonly TransitGatewayRoute[];
}

/** Longest prefix first; on an identical prefix a static route beats a propagated one (aws-semantics §10). */
function matchTgwRoute(network: RegionNetwork, owner: string, routes: readonly TransitGatewayRoute[], dest: Destination): TgwMatch {
  let chosen: TransitGatewayRoute | undefined;
  let chosenLength = -1;
  const maybe: { route: TransitGatewayRoute; length: number }[] = [];
  for (const route of routes) {
    const { set, length } = routeSet(network, owner, route);
    const covers = routeCovers(set, length, dest);
    if (covers === "yes") {
      const better = length > chosenLength || (length === chosenLength && chosen?.Type === "propagated" && route.Type === "static");
      if (better) {
        chosen = route;
        chosenLength = length;
      }
    } else if (covers === "maybe") {
      maybe.push({ route, length });
    }
  }
  return { ...(chosen === undefined ? {} : { chosen }), uncertain: maybe.filter((m) => m.length > chosenLength).map((m) => m.route) };
}

/** The CIDR a route for the destination names: the destination VPC's primary block, or 0.0.0.0/0 for the service's public IPs. */
export function routeCidrFor(dest: Destination): string {
  if (dest.kind === "public") return "0.0.0.0/0";
  return dest.place.home.vpcs.get(dest.place.vpcId)?.CidrBlock ?? cidrOf(dest.place.addresses);
}

/**
 * The attachment a route for the destination should lead to: the destination VPC's attachment to this gateway, or for
 * the service's public IPs the one attached VPC with an available public NAT gateway (central egress).
 */
function attachmentTowards(network: RegionNetwork, tgwId: string, dest: Destination): string {
  if (dest.kind === "subnet") return network.vpcAttachmentsOf(dest.place.vpcId).find((a) => a.TransitGatewayId === tgwId && isLive(a.State))?.TransitGatewayAttachmentId ?? "";
  const egress = network.vpcAttachmentsOfGateway(tgwId).filter((a) => {
    const home = a.VpcId === undefined ? undefined : network.vpcHome(a.VpcId);
    return isLive(a.State) && home !== undefined && [...home.natGateways.values()].some((n) => n.VpcId === a.VpcId && natGatewayIsUsable(n));
  });
  return egress.length === 1 ? (egress[0]!.TransitGatewayAttachmentId ?? "") : "";
}

function attachmentComponent(id: string, account: string, pathAccount: string): ComponentRef {
  return inAccount({ type: "transit-gateway-attachment", id }, account, pathAccount);
}

/** The VPC attachment of `vpcId` to the gateway that is live, first by id. */
function attachmentOf(network: RegionNetwork, vpcId: string, tgwId: string): TransitGatewayVpcAttachment | undefined {
  const all = network.vpcAttachmentsOf(vpcId).filter((a) => a.TransitGatewayId === tgwId);
  return all.find((a) => isLive(a.State)) ?? all[0];
}

function sgReferencing(value: string | undefined): boolean {
  return String(value ?? "").toLowerCase() === "enable";
}

/**
 * A packet at `at` routed to transit gateway `tgwId`: the VPC's attachment must have a subnet in the packet's AZ (network
 * ACLs of the source subnet and that attachment subnet apply, tgw-nacls.html), then the route table associated with the
 * source attachment decides (longest prefix, static over propagated, blackholes, prefix lists; readable only in the
 * gateway owner's data), and the packet enters the destination VPC through its attachment's subnet in the same AZ.
 * With appliance mode on the destination attachment, or without a subnet in that AZ, the gateway may use any of its
 * subnets: every one of them is an entry, and a path must work through each.
 */
export function crossTransitGateway(network: RegionNetwork, pathAccount: string, at: Place, tgwId: string, packet: Packet, dest: Destination, sourceAclDone: boolean): TgwCrossing {
  const hops: Hop[] = [];
  const none = (extra: Hop): TgwCrossing => ({ hops: [...hops, extra], entries: [], referencing: false });
  const vpcAccount = at.home.account;
  const gateway = network.transitGateway(tgwId);
  const tgwOwner = gateway?.OwnerId;
  const tgwComponent = inAccount({ type: "transit-gateway", id: tgwId }, tgwOwner ?? vpcAccount, pathAccount);
  const attachment = attachmentOf(network, at.vpcId, tgwId);
  if (attachment?.TransitGatewayAttachmentId === undefined) {
    return none(
      landingGapHop(network, tgwComponent, vpcAccount, "DescribeTransitGatewayVpcAttachments", `the attachment of ${at.vpcId} to ${tgwId}`) ??
        hop(tgwComponent, "unknown", "UNKNOWN_RESOURCE", `${at.vpcId} routes to ${tgwId}, but no attachment of ${at.vpcId} to it is in the data${accountText(vpcAccount, pathAccount)}.`, {
          setting: `check the attachment of ${at.vpcId} to ${tgwId} and re-collect DescribeTransitGatewayVpcAttachments`,
        }),
    );
  }
  const attachmentId = attachment.TransitGatewayAttachmentId;
  const source = attachmentComponent(attachmentId, vpcAccount, pathAccount);
  if (!isLive(attachment.State)) {
    return none(hop(source, "fail", "BAD_STATE", `${attachmentId} (${at.vpcId} to ${tgwId}) is ${attachment.State}, not available.`, { setting: `re-create the attachment of ${at.vpcId} to ${tgwId}` }));
  }
  const zone = zoneKey(at.subnet);
  const attachmentSubnets = (attachment.SubnetIds ?? []).flatMap((id) => placeOf(at.home, id, "eni") ?? []);
  const exit = attachmentSubnets.find((p) => zoneKey(p.subnet) === zone);
  if (exit === undefined) {
    if (attachmentSubnets.length < (attachment.SubnetIds ?? []).length) {
      return none(hop(source, "unknown", "UNKNOWN_RESOURCE", `a subnet of ${attachmentId} is not in the DescribeSubnets data${accountText(vpcAccount, pathAccount)}, so whether it covers ${at.subnet.AvailabilityZone ?? "the AZ"} of ${at.subnetId} is unknown.`, { setting: `re-collect DescribeSubnets in account ${vpcAccount}` }));
    }
    const covered = attachmentSubnets.map((p) => `${p.subnetId} (${p.subnet.AvailabilityZone ?? "?"})`).join(", ") || "none";
    return none(
      hop(source, "fail", "TGW_ATTACH_VPC_AZ_RESTRICTION", `${attachmentId} attaches ${at.vpcId} to ${tgwId} with subnets ${covered} only: traffic from ${at.subnetId} in ${at.subnet.AvailabilityZone ?? "its AZ"} can't reach the transit gateway (an attachment subnet is needed in each AZ that sends traffic).`, {
        setting: `${attachmentId}: add a subnet of ${at.vpcId} in ${at.subnet.AvailabilityZone ?? "that AZ"} (modify-transit-gateway-vpc-attachment --add-subnet-ids)`,
        subnetId: at.subnetId,
      }),
    );
  }
  // Instance subnet to the attachment: the sender's subnet outbound (destination IP), the attachment subnet inbound (source IP).
  const own = (h: Hop) => ownedBy(h, vpcAccount, pathAccount);
  if (!sourceAclDone) hops.push(own(networkAclHop(at.home, { subnetId: at.subnetId, direction: "egress", ports: packet.ports, peer: packet.dst, peerText: `to ${packet.dstText}`, peerCidr: packet.dstCidr })));
  if (exit.subnetId !== at.subnetId) hops.push(own(networkAclHop(at.home, { subnetId: exit.subnetId, direction: "ingress", ports: packet.ports, peer: packet.src, peerText: `from ${packet.srcText}`, peerCidr: packet.srcCidr })));

  const tableId = network.associationOf(attachmentId);
  const owner = tgwOwner ?? network.attachment(attachmentId)?.TransitGatewayOwnerId ?? vpcAccount;
  if (tableId === undefined) {
    const gap = landingGapHop(network, tgwComponent, owner, "GetTransitGatewayRouteTableAssociations", `which route table ${attachmentId} is associated with`, "TGW_RTB_ROUTES_ARE_UNKNOWN");
    if (gap !== undefined && network.attachment(attachmentId)?.Association === undefined) return none(gap);
    return none(
      hop(source, "fail", "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", `${attachmentId} (${at.vpcId}) is associated with no route table of ${tgwId}: the transit gateway drops its traffic.`, {
        setting: `associate ${attachmentId} with a route table of ${tgwId} (account ${owner})`,
      }),
    );
  }
  const data = network.tgwRouteTable(tableId);
  const tableComponent = inAccount({ type: "transit-gateway-route-table", id: tableId }, owner, pathAccount);
  if (data === undefined) {
    return none(
      landingGapHop(network, tableComponent, owner, "DescribeTransitGatewayRouteTables", `the routes of ${tableId} (only ${tgwId}'s owner can read them)`, "TGW_RTB_ROUTES_ARE_UNKNOWN") ??
        hop(tableComponent, "unknown", "TGW_RTB_ROUTES_ARE_UNKNOWN", `${attachmentId} is associated with ${tableId}, which account ${owner}'s DescribeTransitGatewayRouteTables does not list, so its routes are unknown.`, { setting: `re-collect the transit gateway route tables of account ${owner}` }),
    );
  }
  if (data.routes === undefined) {
    return none(
      landingGapHop(network, tableComponent, owner, "SearchTransitGatewayRoutes", `the routes of ${tableId}`, "TGW_RTB_ROUTES_ARE_UNKNOWN") ??
        hop(tableComponent, "unknown", "TGW_RTB_ROUTES_ARE_UNKNOWN", `the routes of ${tableId} are not in account ${owner}'s SearchTransitGatewayRoutes data.`, { setting: `re-collect SearchTransitGatewayRoutes in account ${owner}` }),
    );
  }
  const match = matchTgwRoute(network, owner, data.routes.Routes, dest);
  const where = `${tableId} (associated with ${attachmentId}, ${tgwId}${accountText(owner, pathAccount)})`;
  const setting = `${tableId}: add a route for ${destinationText(dest)} to the attachment of the VPC that holds it`;
  for (const route of match.uncertain) {
    hops.push(hop(tableComponent, "unknown", "TGW_RTB_MORE_SPECIFIC_ROUTE", `${routeText(route)} in ${where} may cover part of ${destinationText(dest)} and send it elsewhere.`, { setting: `check ${routeText(route)} in ${tableId}` }));
  }
  const chosen = match.chosen;
  if (chosen === undefined) {
    if (match.uncertain.length > 0) return { hops, entries: [], referencing: false };
    if (data.routes.AdditionalRoutesAvailable) {
      return none(hop(tableComponent, "unknown", "TGW_RTB_ROUTES_ARE_UNKNOWN", `${where} lists no route for ${destinationText(dest)} among the 1,000 routes SearchTransitGatewayRoutes returns, and holds more (AdditionalRoutesAvailable): a route may exist.`, { setting: `check ${tableId} for a route to ${destinationText(dest)} (aws ec2 search-transit-gateway-routes with a narrower filter)` }));
    }
    const route = { routeTableId: tableId, destination: routeCidrFor(dest), target: attachmentTowards(network, tgwId, dest) };
    return none(hop(tableComponent, "fail", "TGW_RTB_CANNOT_ROUTE", `${where} has no route for ${destinationText(dest)}: the transit gateway drops the traffic.`, { setting, route }));
  }
  if ((chosen.State ?? "").toLowerCase() === "blackhole") {
    const route = { routeTableId: tableId, destination: chosen.DestinationCidrBlock ?? chosen.PrefixListId ?? routeCidrFor(dest), target: attachmentTowards(network, tgwId, dest) };
    return none(hop(tableComponent, "fail", "TGW_RTB_BAD_STATE_ROUTE", `${routeText(chosen)} in ${where} is a blackhole for ${destinationText(dest)}: the transit gateway drops the traffic.`, { setting, route }));
  }
  const next = chosen.TransitGatewayAttachments?.[0];
  hops.push(hop(tableComponent, "pass", "ROUTE_MATCHED", `${where} sends ${destinationText(dest)} via ${routeText(chosen)}.`));
  const nextId = next?.TransitGatewayAttachmentId ?? "";
  const nextType = String(next?.ResourceType ?? network.attachment(nextId)?.ResourceType ?? "vpc").toLowerCase();
  const nextComponent = attachmentComponent(nextId, network.attachment(nextId)?.ResourceOwnerId ?? owner, pathAccount);
  if (nextType !== "vpc") {
    return none(hop(nextComponent, "unknown", "ROUTE_LEAVES_SNAPSHOT", `${tableId} sends ${destinationText(dest)} to ${nextId} (${nextType}), beyond what the snapshot shows.`, { setting: `check the path behind ${nextId}` }));
  }
  const nextAttachment = network.vpcAttachment(nextId);
  const nextVpc = nextAttachment?.VpcId ?? next?.ResourceId;
  const nextOwner = nextAttachment?.VpcOwnerId ?? network.attachment(nextId)?.ResourceOwnerId ?? owner;
  const home = nextVpc === undefined ? undefined : network.vpcHome(nextVpc);
  if (home === undefined || nextAttachment === undefined || nextVpc === undefined) {
    return none(
      landingGapHop(network, nextComponent, nextOwner, "DescribeVpcs", `the VPC behind ${nextId} (${nextVpc ?? "unknown"})`) ??
        hop(nextComponent, "unknown", "UNKNOWN_RESOURCE", `${nextId} (${nextVpc ?? "a VPC"}) is not in the data${accountText(nextOwner, pathAccount)}, so what happens after the transit gateway can't be checked.`, { setting: `collect account ${nextOwner} and merge its snapshot` }),
    );
  }
  const referencing =
    sgReferencing(gateway?.Options?.SecurityGroupReferencingSupport) && sgReferencing(attachment.Options?.SecurityGroupReferencingSupport) && sgReferencing(nextAttachment.Options?.SecurityGroupReferencingSupport);
  const subnets = (nextAttachment.SubnetIds ?? []).flatMap((id) => placeOf(home, id, "tgw-entry") ?? []);
  if (subnets.length < (nextAttachment.SubnetIds ?? []).length || subnets.length === 0) {
    return none(hop(nextComponent, "unknown", "UNKNOWN_RESOURCE", `the subnets of ${nextId} are not all in account ${home.account}'s DescribeSubnets data, so where traffic enters ${nextVpc} is unknown.`, { setting: `re-collect DescribeSubnets in account ${home.account}` }));
  }
  const appliance = String(nextAttachment.Options?.ApplianceModeSupport ?? "").toLowerCase() === "enable";
  const sameZone = subnets.filter((p) => zoneKey(p.subnet) === zone);
  const entries = !appliance && sameZone.length > 0 ? [sameZone[0]!] : subnets;
  const how = appliance
    ? `through one of its subnets in any AZ (appliance mode is on: the gateway keeps each flow on one interface): ${entries.map(placeText).join(", ")}`
    : sameZone.length > 0
      ? `in ${entries[0]!.subnet.AvailabilityZone ?? "the same AZ"} through ${placeText(entries[0]!)}`
      : `through ${entries.map(placeText).join(" or ")} (no attachment subnet in ${at.subnet.AvailabilityZone ?? "the source AZ"}: the traffic crosses AZs)`;
  hops.push(hop(nextComponent, "pass", "TRANSIT_ENTERED", `${tgwId} hands the traffic to ${nextId}: it enters ${nextVpc}${accountText(home.account, pathAccount)} ${how}.`));
  return { hops, entries: entries.map((p) => asKind(p, "tgw-entry")), referencing };
}
