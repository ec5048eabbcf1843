import type { Hop, PathAttempt } from "../types.js";
import type { Peer } from "../traffic.js";
import type { EndpointTarget } from "../service-name.js";
import { hop, missingHop, outcomeOf } from "../hops.js";
import { endpointGroupIds } from "../facts.js";
import { isAvailable } from "../lookups.js";
import { memoised } from "../memo.js";
import { EPHEMERAL, HTTPS } from "../network-acls.js";
import { securityGroupHop } from "../security-groups.js";
import { cidrOf } from "../traffic.js";
import type { PathContext } from "./context.js";
import { endpointPolicyHop } from "./policy-hop.js";
import { accountText, inAccount, ownedBy, placeOf, placeText, type Place } from "./place.js";
import { followLeg, mergeWays, onlySomeFlows } from "./transit.js";

const NO_GROUPS: readonly string[] = Object.freeze([]);

function functionPlace(ctx: PathContext): Place {
  return { home: ctx.index, vpcId: ctx.vpcId, subnetId: ctx.subnetId, subnet: ctx.subnet, addresses: ctx.addresses, kind: "eni" };
}

/**
 * The way to one of the endpoint's network interfaces and back, for each way the flow may take: the function's
 * security groups out, the routes, gateways and ACLs across VPCs, the endpoint's security groups in (references to the
 * function's groups count only where every crossing keeps them), and the answer's way back, which the endpoint's side
 * must route to the function's subnet.
 */
function interfaceLeg(ctx: PathContext, target: EndpointTarget, place: Place, groupIds: readonly string[]): Hop[] {
  const fn = functionPlace(ctx);
  const id = target.endpoint.VpcEndpointId ?? "(endpoint)";
  const fnText = placeText(fn);
  const forward = followLeg({
    network: ctx.network,
    pathAccount: ctx.account,
    service: ctx.service,
    from: fn,
    dest: { kind: "subnet", place },
    packet: { src: ctx.addresses, srcText: fnText, srcCidr: cidrOf(ctx.addresses), dst: place.addresses, dstText: `${id} in ${placeText(place)}`, dstCidr: cidrOf(place.addresses), ports: HTTPS },
    checkSourceAcl: true,
    checkDestinationAcl: true,
  });
  const ways = forward.map((branch) => {
    const toEndpoint: Peer = { kind: "subnet", subnetId: place.subnetId, addresses: place.addresses, groupIds: branch.referencing ? groupIds : NO_GROUPS };
    const fromFunction: Peer = { kind: "subnet", subnetId: ctx.subnetId, addresses: ctx.addresses, groupIds: branch.referencing ? ctx.groupIds : NO_GROUPS };
    const out = securityGroupHop(ctx.index, ctx.groupIds, "egress", 443, toEndpoint, "the function");
    const into = branch.arrived === undefined || groupIds.length === 0 ? [] : [ownedBy(securityGroupHop(target.home, groupIds, "ingress", 443, fromFunction, `endpoint ${id}`), target.home.account, ctx.account)];
    return [out, ...branch.hops, ...into];
  });
  const back = followLeg({
    network: ctx.network,
    pathAccount: ctx.account,
    service: ctx.service,
    from: place,
    dest: { kind: "subnet", place: fn },
    packet: { src: place.addresses, srcText: `${id} in ${placeText(place)}`, srcCidr: cidrOf(place.addresses), dst: ctx.addresses, dstText: fnText, dstCidr: cidrOf(ctx.addresses), ports: EPHEMERAL },
    checkSourceAcl: true,
    checkDestinationAcl: true,
  });
  return [...mergeWays(ways, onlySomeFlows), ...mergeWays(back.map((b) => b.hops), onlySomeFlows)];
}

/**
 * The path to an interface endpoint in another VPC (a landing zone's central endpoint) that a private hosted zone
 * sends the service's name to: every interface the name resolves to must be reachable (a zonal name: that AZ's only),
 * then the endpoint's state and its policy. Its outcome is the path's own.
 */
export function evaluateRemoteEndpointPath(ctx: PathContext, target: EndpointTarget, dnsHops: readonly Hop[]): PathAttempt {
  const legs = memoised(ctx.index, ["remote-endpoint-legs", target.endpoint, ctx.addresses, ctx.subnetId, ctx.groupIds, target.zonal ?? ""], () => remoteLegs(ctx, target));
  const hops = [legs.found, ...dnsHops, ...legs.hops, ownedBy(endpointPolicyHop(ctx, target.endpoint), target.home.account, ctx.account)];
  return { kind: "interface-endpoint", via: legs.component, outcome: outcomeOf(hops), hops };
}

function remoteLegs(ctx: PathContext, target: EndpointTarget) {
  const { endpoint, home } = target;
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  const component = inAccount({ type: "vpc-endpoint" as const, id }, home.account, ctx.account);
  const found = hop(component, "pass", "ENDPOINT_FOUND", `${id} (${endpoint.ServiceName}) is an interface endpoint in ${endpoint.VpcId}${accountText(home.account, ctx.account)}.`);
  const state = isAvailable(endpoint.State)
    ? hop(component, "pass", "COMPONENT_AVAILABLE", `${id} is available.`)
    : hop(component, "fail", "ENDPOINT_STATE", `${id} is ${endpoint.State ?? "in an unknown state"}, not available.`, { setting: `bring ${id} to available: accept it, or delete and re-create it` });
  const groupIds = memoised(home, ["endpoint-group-ids", endpoint], () => endpointGroupIds(home, endpoint));
  const subnetIds = (endpoint.SubnetIds ?? []).filter((s) => target.zonal === undefined || home.subnets.get(s)?.AvailabilityZone === target.zonal);
  const hops: Hop[] = [];
  if (subnetIds.length === 0) {
    hops.push(hop(component, "fail", "VPCE_SERVICE_NOT_INSTALLED_IN_AZ", `${id} has no network interface${target.zonal === undefined ? "" : ` in ${target.zonal}`} to connect to.`, { setting: `${id}: add a subnet${target.zonal === undefined ? " per AZ" : ` in ${target.zonal}`}` }));
  }
  if (groupIds.length === 0) hops.push(ownedBy(missingHop(home, "DescribeSecurityGroups", { type: "security-group", id: `default-sg-of-${endpoint.VpcId}` }, `the security groups of ${id}`), home.account, ctx.account));
  const legs = subnetIds.map((subnetId) => {
    const place = placeOf(home, subnetId, "eni");
    return place === undefined ? [ownedBy(missingHop(home, "DescribeSubnets", { type: "subnet", id: subnetId }, `the endpoint interface subnet ${subnetId}`), home.account, ctx.account)] : interfaceLeg(ctx, target, place, groupIds);
  });
  // The name resolves to every interface: while one is reachable, a broken one fails only the calls sent to it.
  hops.push(...mergeWays(legs.length === 0 ? [[]] : legs, onlySomeFlows), state);
  return { component, found, hops };
}
