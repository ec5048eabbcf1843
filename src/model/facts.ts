import type { NatGateway, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { CallName } from "../snapshot/types.js";
import type { CallGap, RegionIndex } from "./model.js";
import type { ServiceSpec } from "./types.js";
import { vpcEndpointsIn } from "./lookups.js";
import { isBlackhole, routeTarget } from "./routes.js";
import { endpointServiceName } from "./services.js";

/** A public subnet routes 0.0.0.0/0 (active) to an internet gateway, through its own or the main route table. */
export function subnetIsPublic(index: RegionIndex, subnetId: string): boolean {
  const table = index.routeTableFor(subnetId);
  return (table?.Routes ?? []).some((r) => r.DestinationCidrBlock === "0.0.0.0/0" && !isBlackhole(r) && routeTarget(r).kind === "internet-gateway");
}

/** The gap for a call (not collected or failed), if any. */
export function callGap(index: RegionIndex, call: CallName): CallGap | undefined {
  return index.gaps.get(call);
}

/** Interface endpoints of the VPC for any of the service's endpoint names (kms and kms-fips), sorted by id. */
export function interfaceEndpointsFor(index: RegionIndex, vpcId: string, service: ServiceSpec): VpcEndpoint[] {
  const names = new Set(service.endpointServiceSuffixes.map((s) => endpointServiceName(index.region, s)));
  return vpcEndpointsIn(index, vpcId)
    .filter((e) => (e.VpcEndpointType ?? "Interface").toLowerCase() === "interface" && names.has(e.ServiceName ?? ""))
    .sort((a, b) => ((a.VpcEndpointId ?? "") < (b.VpcEndpointId ?? "") ? -1 : 1));
}

/** Whether DescribeVpcEndpointServices lists com.amazonaws.<region>.<suffix>; undefined when that call is a gap. */
export function regionOffersEndpoint(index: RegionIndex, service: ServiceSpec): boolean | undefined {
  if (index.endpointServiceNames === undefined) return undefined;
  return service.endpointServiceSuffixes.some((s) => index.endpointServiceNames?.has(endpointServiceName(index.region, s)));
}

/** The security groups on an endpoint's ENIs: its own, else the VPC default SG (empty when that is not in the data). */
export function endpointGroupIds(index: RegionIndex, endpoint: VpcEndpoint): string[] {
  const own = (endpoint.Groups ?? []).flatMap((g) => (g.GroupId === undefined ? [] : [g.GroupId]));
  if (own.length > 0) return own;
  const fallback = index.defaultSecurityGroup(endpoint.VpcId ?? "")?.GroupId;
  return fallback === undefined ? [] : [fallback];
}

/** A NAT gateway that can carry internet traffic by itself: available, public, with a public IP. */
export function natGatewayIsUsable(nat: NatGateway): boolean {
  return (
    (nat.State ?? "").toLowerCase() === "available" &&
    (nat.ConnectivityType ?? "public").toLowerCase() === "public" &&
    (nat.NatGatewayAddresses ?? []).some((a) => a.PublicIp !== undefined)
  );
}

