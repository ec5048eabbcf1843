import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { ComponentRef, Hop, PathAttempt } from "../types.js";
import { hop, missingHop, outcomeOf } from "../hops.js";
import { endpointGroupIds } from "../facts.js";
import { isAvailable } from "../lookups.js";
import { subnetAddresses } from "../region-index.js";
import { securityGroupHop } from "../security-groups.js";
import { memoised } from "../memo.js";
import type { Peer } from "../traffic.js";
import { functionPeer, type PathContext } from "./context.js";
import { endpointPolicyHop } from "./policy-hop.js";
import { crossSubnetAclHops, localRouteHops, type SubnetEnd } from "./subnet-links.js";

/** The endpoint's security groups; an endpoint created without any gets the VPC default SG. */
function endpointGroups(ctx: PathContext, endpoint: VpcEndpoint): { ids: readonly string[]; hops: Hop[] } {
  // One array per endpoint: security-group decisions are memoised on the group list's identity.
  const ids = memoised(ctx.index, ["endpoint-group-ids", endpoint], () => endpointGroupIds(ctx.index, endpoint));
  if ((endpoint.Groups ?? []).some((g) => g.GroupId !== undefined)) return { ids, hops: [] };
  const vpcId = endpoint.VpcId ?? ctx.vpcId;
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  if (ids.length === 0) {
    return { ids, hops: [missingHop(ctx.index, "DescribeSecurityGroups", { type: "security-group", id: `default-sg-of-${vpcId}` }, `the default security group of ${vpcId} (used by ${id}, which lists none)`)] };
  }
  return { ids, hops: [hop({ type: "vpc-endpoint", id }, "info", "SG_ADMITS", `${id} lists no security groups, so the VPC default security group ${ids[0]} applies.`)] };
}

/** The AZ notes: none of the endpoint's subnets in the function's AZ means every call crosses AZs. */
function azNotes(ctx: PathContext, endpoint: VpcEndpoint): Hop[] {
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  const zones = (endpoint.SubnetIds ?? []).flatMap((s) => ctx.index.subnets.get(s)?.AvailabilityZone ?? []);
  const az = ctx.subnet.AvailabilityZone;
  if (az === undefined || zones.length === 0 || zones.includes(az)) return [];
  return [
    hop({ type: "vpc-endpoint", id }, "info", "VPCE_SERVICE_NOT_INSTALLED_IN_AZ", `${id} has no ENI in ${az} (only ${[...new Set(zones)].join(", ")}): calls from ${ctx.subnetId} cross AZs.`),
    hop({ type: "vpc-endpoint", id }, "info", "AVAILABILITY_ZONE_CROSSED", `traffic from ${ctx.subnetId} (${az}) to ${id} crosses into ${[...new Set(zones)].join(", ")}.`),
  ];
}

/** An endpoint subnet as the function reaches it: missing from the data, or its peer and the routes and ACLs between. */
type EndpointLeg = { readonly missing: Hop } | { readonly peer: Peer; readonly links: readonly Hop[] };

/** Everything of an endpoint path that depends neither on the function's security groups nor on its role. */
interface EndpointLinks {
  readonly component: ComponentRef;
  readonly found: Hop;
  /** Available, or ENDPOINT_STATE. */
  readonly state: Hop;
  /** What says which security groups the endpoint has (the VPC default group when it lists none). */
  readonly groupHops: readonly Hop[];
  readonly groupIds: readonly string[];
  readonly noSubnets: readonly Hop[];
  readonly legs: readonly EndpointLeg[];
  readonly notes: readonly Hop[];
}

function endpointLinks(ctx: PathContext, endpoint: VpcEndpoint): EndpointLinks {
  return memoised(ctx.index, ["endpoint-links", endpoint, ctx.addresses, ctx.subnetId, ctx.vpcId, ctx.subnet.AvailabilityZone ?? ""], () => endpointLinksOnce(ctx, endpoint));
}

function endpointLinksOnce(ctx: PathContext, endpoint: VpcEndpoint): EndpointLinks {
  const { index } = ctx;
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  const component = { type: "vpc-endpoint" as const, id };
  const state = isAvailable(endpoint.State)
    ? hop(component, "pass", "COMPONENT_AVAILABLE", `${id} is available.`)
    : hop(component, "fail", "ENDPOINT_STATE", `${id} is ${endpoint.State ?? "in an unknown state"}, not available.`, { setting: `bring ${id} to available: accept it, or delete and re-create it` });
  const groups = endpointGroups(ctx, endpoint);

  const subnetIds = endpoint.SubnetIds ?? [];
  const noSubnets =
    subnetIds.length === 0
      ? [hop(component, "fail", "VPCE_SERVICE_NOT_INSTALLED_IN_AZ", `${id} has no subnets, so it has no network interface to connect to.`, { setting: `${id}: add one subnet per AZ of the functions that use it` })]
      : [];
  const fnEnd: SubnetEnd = { subnetId: ctx.subnetId, addresses: ctx.addresses };
  const legs = subnetIds.map((endpointSubnetId): EndpointLeg => {
    const addresses = subnetAddresses(index, endpointSubnetId);
    if (addresses === undefined) return { missing: missingHop(index, "DescribeSubnets", { type: "subnet", id: endpointSubnetId }, `the endpoint ENI subnet ${endpointSubnetId}`) };
    const end: SubnetEnd = { subnetId: endpointSubnetId, addresses };
    const peer: Peer = { kind: "subnet", subnetId: endpointSubnetId, addresses, groupIds: groups.ids };
    return { peer, links: [...localRouteHops(index, fnEnd, end), ...localRouteHops(index, end, fnEnd), ...crossSubnetAclHops(index, fnEnd, end)] };
  });
  const found = hop(component, "pass", "ENDPOINT_FOUND", `${id} (${endpoint.ServiceName}) is an interface endpoint in ${endpoint.VpcId}.`);
  return { component, found, state, groupHops: groups.hops, groupIds: groups.ids, noSubnets, legs, notes: azNotes(ctx, endpoint) };
}

/** A failing hop on the way to one of several endpoint ENIs: the calls sent to the others don't meet it. */
function onlySome(h: Hop, endpointId: string, subnetId: string): Hop {
  if (h.status !== "fail" || h.partial === true) return h;
  return { ...h, detail: `${h.detail} Only calls sent to ${endpointId}'s network interface in ${subnetId} fail: its other interfaces are reachable.`, partial: true };
}

/**
 * The interface-endpoint path. Its outcome is the path's own (DNS hops are carried along: whether traffic takes this
 * path at all is the caller's decision). Private DNS returns the IPs of ALL endpoint ENIs, so every endpoint subnet must pass
 * (one failing subnet means intermittent timeouts).
 */
export function evaluateEndpointPath(ctx: PathContext, endpoint: VpcEndpoint, dnsHops: readonly Hop[]): { attempt: PathAttempt; notes: readonly Hop[] } {
  const { index } = ctx;
  const links = endpointLinks(ctx, endpoint);
  // In path order: the name resolved to the endpoint, the function's way out to each endpoint subnet (its security
  // groups, the routes and ACLs between), the endpoint's security groups and state, then its policy.
  const hops: Hop[] = [...links.noSubnets];
  const legs = links.legs.map((leg) => ("missing" in leg ? [leg.missing] : [securityGroupHop(index, ctx.groupIds, "egress", 443, leg.peer, "the function"), ...leg.links]));
  // Private DNS answers with every ENI's address: while one endpoint subnet works, a broken one fails only the calls sent to it.
  const oneWorks = legs.some((leg) => outcomeOf(leg) === "reachable");
  links.legs.forEach((leg, i) => {
    const legHops = legs[i]!;
    const peer = "peer" in leg ? leg.peer : undefined;
    hops.push(...(oneWorks && peer?.kind === "subnet" ? legHops.map((h) => onlySome(h, links.component.id, peer.subnetId)) : legHops));
  });
  hops.push(...links.groupHops);
  if (links.groupIds.length > 0) hops.push(securityGroupHop(index, links.groupIds, "ingress", 443, functionPeer(ctx), `endpoint ${links.component.id}`));
  hops.push(links.state, endpointPolicyHop(ctx, endpoint));
  return { attempt: { kind: "interface-endpoint", via: links.component, outcome: outcomeOf(hops), hops: [links.found, ...dnsHops, ...hops] }, notes: links.notes };
}
