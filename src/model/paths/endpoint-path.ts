import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { Hop, PathAttempt } from "../types.js";
import { hop, missingHop, outcomeOf } from "../hops.js";
import { endpointGroupIds } from "../facts.js";
import { isAvailable } from "../lookups.js";
import { subnetAddresses } from "../region-index.js";
import { securityGroupHop } from "../security-groups.js";
import { functionPeer, type PathContext } from "./context.js";
import { endpointPolicyHop } from "./policy-hop.js";
import { crossSubnetAclHops, localRouteHops, type SubnetEnd } from "./subnet-links.js";

/** The endpoint's security groups; an endpoint created without any gets the VPC default SG. */
function endpointGroups(ctx: PathContext, endpoint: VpcEndpoint): { ids: string[]; hops: Hop[] } {
  const ids = endpointGroupIds(ctx.index, endpoint);
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

/**
 * The interface-endpoint path. Its outcome is the path's own (DNS hops are carried along: whether traffic takes this
 * path at all is the caller's decision). Private DNS returns the IPs of ALL endpoint ENIs, so every endpoint subnet must pass
 * (one failing subnet means intermittent timeouts).
 */
export function evaluateEndpointPath(ctx: PathContext, endpoint: VpcEndpoint, dnsHops: readonly Hop[]): { attempt: PathAttempt; notes: Hop[] } {
  const { index } = ctx;
  const id = endpoint.VpcEndpointId ?? "(endpoint)";
  const component = { type: "vpc-endpoint" as const, id };
  const hops: Hop[] = [];
  if (isAvailable(endpoint.State)) hops.push(hop(component, "pass", "COMPONENT_AVAILABLE", `${id} is available.`));
  else hops.push(hop(component, "fail", "ENDPOINT_STATE", `${id} is ${endpoint.State ?? "in an unknown state"}, not available.`, { setting: `bring ${id} to available: accept it, or delete and re-create it` }));

  const groups = endpointGroups(ctx, endpoint);
  hops.push(...groups.hops);
  if (groups.ids.length > 0) hops.push(securityGroupHop(index, groups.ids, "ingress", 443, functionPeer(ctx), `endpoint ${id}`));

  const subnetIds = endpoint.SubnetIds ?? [];
  if (subnetIds.length === 0) {
    hops.push(hop(component, "fail", "VPCE_SERVICE_NOT_INSTALLED_IN_AZ", `${id} has no subnets, so it has no network interface to connect to.`, { setting: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${id} --add-subnet-ids ${ctx.subnetId}` }));
  }
  const fnEnd: SubnetEnd = { subnetId: ctx.subnetId, addresses: ctx.addresses };
  for (const endpointSubnetId of subnetIds) {
    const addresses = subnetAddresses(index, endpointSubnetId);
    if (addresses === undefined) {
      hops.push(missingHop(index, "DescribeSubnets", { type: "subnet", id: endpointSubnetId }, `the endpoint ENI subnet ${endpointSubnetId}`));
      continue;
    }
    const end: SubnetEnd = { subnetId: endpointSubnetId, addresses };
    const peer = { kind: "subnet" as const, subnetId: endpointSubnetId, addresses, groupIds: groups.ids };
    hops.push(securityGroupHop(index, ctx.groupIds, "egress", 443, peer, "the function"));
    hops.push(...localRouteHops(index, fnEnd, end), ...localRouteHops(index, end, fnEnd));
    hops.push(...crossSubnetAclHops(index, fnEnd, end));
  }
  hops.push(endpointPolicyHop(ctx, endpoint));
  const found = hop(component, "pass", "ENDPOINT_FOUND", `${id} (${endpoint.ServiceName}) is an interface endpoint in ${endpoint.VpcId}.`);
  return { attempt: { kind: "interface-endpoint", via: component, outcome: outcomeOf(hops), hops: [found, ...dnsHops, ...hops] }, notes: azNotes(ctx, endpoint) };
}
