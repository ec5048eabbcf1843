import type { RegionIndex } from "../model.js";
import type { Hop } from "../types.js";
import { PUBLIC_SPACE, type AddressSet } from "../cidr.js";
import { hop, missingHop } from "../hops.js";
import { memoised } from "../memo.js";
import { EPHEMERAL, HTTPS, networkAclHop, type AclLeg } from "../network-acls.js";
import { describeRoute, isBlackhole, matchSubnetRoute, routeOf, routeTarget, targetComponent } from "../routes.js";
import { cidrOf } from "../traffic.js";

export interface SubnetEnd {
  readonly subnetId: string;
  readonly addresses: AddressSet;
}

function subnetText(end: SubnetEnd): string {
  return `${end.subnetId} (${cidrOf(end.addresses)})`;
}

/** A leg whose other end is "some public IP of the service" (0.0.0.0/0 in a fixing rule). */
export function publicLeg(subnetId: string, direction: "ingress" | "egress", ports: typeof HTTPS, serviceId: string): AclLeg {
  return {
    subnetId,
    direction,
    ports,
    peer: PUBLIC_SPACE,
    peerText: `${direction === "egress" ? "to" : "from"} ${serviceId}'s public IPs`,
    peerCidr: "0.0.0.0/0",
  };
}

export function subnetLeg(subnetId: string, direction: "ingress" | "egress", ports: typeof HTTPS, other: SubnetEnd): AclLeg {
  return {
    subnetId,
    direction,
    ports,
    peer: other.addresses,
    peerText: `${direction === "egress" ? "to" : "from"} ${subnetText(other)}`,
    peerCidr: cidrOf(other.addresses),
  };
}

/** The function side of any path to a public service IP: 443 out, the ephemeral return in. */
export function functionPublicAclHops(index: RegionIndex, subnetId: string, serviceId: string): readonly Hop[] {
  return memoised(index, ["function-public-acl-hops", subnetId, serviceId], () =>
    [publicLeg(subnetId, "egress", HTTPS, serviceId), publicLeg(subnetId, "ingress", EPHEMERAL, serviceId)].map((leg) => networkAclHop(index, leg)),
  );
}

/**
 * NACLs between a client subnet and a server subnet inside the VPC (client opens TCP 443): four stateless legs,
 * skipped when both are the same subnet (NACLs only filter traffic crossing a subnet boundary).
 */
export function crossSubnetAclHops(index: RegionIndex, client: SubnetEnd, server: SubnetEnd): readonly Hop[] {
  return memoised(index, ["cross-subnet-acl-hops", client.addresses, server.addresses, client.subnetId, server.subnetId], () => crossSubnetAclHopsOnce(index, client, server));
}

function crossSubnetAclHopsOnce(index: RegionIndex, client: SubnetEnd, server: SubnetEnd): Hop[] {
  if (client.subnetId === server.subnetId) {
    return [
      hop({ type: "subnet", id: client.subnetId }, "info", "ACL_SAME_SUBNET", `${client.subnetId} talks to an ENI in the same subnet: network ACLs don't apply.`),
    ];
  }
  return [
    subnetLeg(client.subnetId, "egress", HTTPS, server),
    subnetLeg(client.subnetId, "ingress", EPHEMERAL, server),
    subnetLeg(server.subnetId, "ingress", HTTPS, client),
    subnetLeg(server.subnetId, "egress", EPHEMERAL, client),
  ].map((leg) => networkAclHop(index, leg));
}

/** Inside a VPC the local route carries traffic between subnets; a more specific route (middlebox) leaves the snapshot. */
export function localRouteHops(index: RegionIndex, from: SubnetEnd, to: SubnetEnd): readonly Hop[] {
  if (from.subnetId === to.subnetId) return [];
  return memoised(index, ["local-route-hops", to.addresses, from.subnetId, to.subnetId], () => localRouteHopsOnce(index, from, to));
}

function localRouteHopsOnce(index: RegionIndex, from: SubnetEnd, to: SubnetEnd): Hop[] {
  const table = index.routeTableFor(from.subnetId);
  if (table === undefined) {
    return [missingHop(index, "DescribeRouteTables", { type: "route-table", id: `route-table-of-${from.subnetId}` }, `the route from ${from.subnetId} to ${to.subnetId}`)];
  }
  const match = matchSubnetRoute(index, table, to.addresses);
  const tableId = table.RouteTableId ?? "(route table)";
  const hops: Hop[] = [];
  const chosen = match.chosen;
  if (chosen === undefined) {
    hops.push(hop({ type: "route-table", id: tableId }, "fail", "NO_ROUTE_TO_DESTINATION", `${tableId} of ${from.subnetId} has no route to ${subnetText(to)}.`, { setting: `${tableId}: restore the local route` }));
  } else if (isBlackhole(chosen)) {
    hops.push(hop({ type: "route", id: `${tableId}:${describeRoute(chosen, undefined)}` }, "fail", "BAD_STATE_ROUTE", `${describeRoute(chosen, table)} is a blackhole for traffic from ${from.subnetId} to ${subnetText(to)}.`, {
      setting: `${tableId}: delete or re-target the blackhole route ${describeRoute(chosen, undefined)}`,
      route: routeOf(tableId, chosen),
    }));
  } else if (routeTarget(chosen).kind !== "local") {
    hops.push(hop(targetComponent(routeTarget(chosen)), "unknown", "ROUTE_LEAVES_SNAPSHOT", `${describeRoute(chosen, table)} sends traffic from ${from.subnetId} to ${subnetText(to)} through ${routeTarget(chosen).id}, beyond what the snapshot shows.`, {
      setting: `check what ${routeTarget(chosen).id} does with this traffic, or route ${cidrOf(to.addresses)} locally`,
    }));
  }
  for (const route of match.uncertain) {
    hops.push(hop({ type: "route", id: `${tableId}:${describeRoute(route, undefined)}` }, "unknown", "MORE_SPECIFIC_ROUTE", `${describeRoute(route, table)} may cover part of ${subnetText(to)} and send it elsewhere than the local route.`, {
      setting: `check ${describeRoute(route, table)} for traffic from ${from.subnetId} to ${to.subnetId}`,
    }));
  }
  return hops;
}
