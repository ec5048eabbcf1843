import type { SecurityGroup, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../../model/model.js";

export function isInterfaceEndpoint(endpoint: VpcEndpoint): boolean {
  return (endpoint.VpcEndpointType ?? "").toLowerCase() === "interface";
}

/** S3 and DynamoDB gateway endpoints: a route-table target, with no subnets, network interfaces or security groups. */
export function isGatewayEndpoint(endpoint: VpcEndpoint): boolean {
  return (endpoint.VpcEndpointType ?? "").toLowerCase() === "gateway";
}

/** Endpoint states compare case-insensitively: the wire sends "available", the SDK enum says "Available" (§2.6). */
export function endpointState(endpoint: VpcEndpoint): string {
  return String(endpoint.State ?? "unknown").toLowerCase();
}

/** The service part after com.amazonaws.<region>., e.g. "kms" or "kms-fips". */
export function serviceSuffix(serviceName: string, region: string): string {
  const prefix = `com.amazonaws.${region}.`;
  return serviceName.startsWith(prefix) ? serviceName.slice(prefix.length) : serviceName;
}

export interface EndpointGroups {
  readonly ids: readonly string[];
  /** The groups, or undefined when one of them is missing from the snapshot. */
  readonly groups: readonly SecurityGroup[] | undefined;
  readonly usesDefault: boolean;
}

/** The endpoint's security groups; an endpoint created without any uses the VPC default group (§2.3). */
export function endpointGroups(region: RegionIndex, endpoint: VpcEndpoint): EndpointGroups {
  const given = (endpoint.Groups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []));
  if (given.length > 0) {
    const groups = given.map((id) => region.securityGroups.get(id));
    return { ids: given, groups: groups.every((g) => g !== undefined) ? (groups as SecurityGroup[]) : undefined, usesDefault: false };
  }
  const fallback = endpoint.VpcId ? region.defaultSecurityGroup(endpoint.VpcId) : undefined;
  return { ids: fallback?.GroupId ? [fallback.GroupId] : [], groups: fallback ? [fallback] : undefined, usesDefault: true };
}

export function describeGroups(groups: EndpointGroups): string {
  if (groups.usesDefault) return `none given, so the VPC default security group ${groups.ids[0] ?? "(not in the snapshot)"}`;
  return groups.ids.join(", ");
}
