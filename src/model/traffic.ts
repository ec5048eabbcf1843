import type { RegionIndex } from "./model.js";
import type { ServiceSpec } from "./types.js";
import { coverage, intervalCoverage, formatAddress, parseIpv4Cidr, PUBLIC_SPACE, type AddressSet } from "./cidr.js";
import { awsServiceOfPrefixList } from "./lookups.js";
import { prefixListSet } from "./prefix-lists.js";
import type { Tri } from "./tri.js";

/**
 * The other end of the traffic a filter is checked for.
 * service: some public IP of the service, unknown exactly (gatewayPrefixListId when it goes through a gateway endpoint).
 * subnet: some IP of that subnet (a Lambda or endpoint ENI), carrying `groupIds`.
 */
export type Peer =
  | { readonly kind: "service"; readonly service: ServiceSpec; readonly gatewayPrefixListId?: string }
  | { readonly kind: "subnet"; readonly subnetId: string; readonly addresses: AddressSet; readonly groupIds: readonly string[] };

export function peerAddresses(peer: Peer): AddressSet {
  return peer.kind === "service" ? PUBLIC_SPACE : peer.addresses;
}

export function describeAddresses(set: AddressSet): string {
  return set.map((i) => `${formatAddress(i.start)}-${formatAddress(i.end)}`).join(", ");
}

export function describePeer(peer: Peer): string {
  if (peer.kind === "service") return `${peer.service.id}'s public IPs`;
  const cidr = peer.addresses.length === 1 ? cidrOf(peer.addresses) : describeAddresses(peer.addresses);
  return `${peer.subnetId} (${cidr})`;
}

/** The CIDR text of a single-interval set that is a CIDR block, for messages. */
export function cidrOf(set: AddressSet): string {
  const only = set[0];
  if (set.length !== 1 || only === undefined) return describeAddresses(set);
  const bits = 32 - Math.log2(only.end - only.start + 1);
  return Number.isInteger(bits) ? `${formatAddress(only.start)}/${bits}` : describeAddresses(set);
}

/** Whether a CIDR (text) holds the whole peer, part of it, or none. Non-IPv4 text never matches IPv4 traffic. */
export function cidrCovers(cidr: string | undefined, peer: Peer): Tri {
  const interval = cidr === undefined ? undefined : parseIpv4Cidr(cidr);
  return interval === undefined ? "no" : intervalCoverage(interval, peerAddresses(peer));
}

/**
 * Whether a prefix list holds the peer. An AWS-managed service list (com.amazonaws.<region>.<svc>) holds exactly that
 * service's public ranges: the service's own list covers it, another service's list never does, nor any subnet.
 * Other lists are judged by their entries (unresolved: maybe).
 */
export function prefixListCovers(index: RegionIndex, prefixListId: string, peer: Peer): Tri {
  if (peer.kind === "service" && peer.gatewayPrefixListId === prefixListId) return "yes";
  const awsService = awsServiceOfPrefixList(index.prefixLists.get(prefixListId), index.region);
  if (awsService !== undefined) return peer.kind === "service" && awsService === peer.service.endpointServiceSuffixes[0] ? "yes" : "no";
  const cidrs = index.prefixListCidrs.get(prefixListId);
  if (cidrs === undefined) return "maybe";
  return coverage(prefixListSet(index, prefixListId), peerAddresses(peer));
}

/** The AWS-managed prefix list id of a gateway service in the region (com.amazonaws.<region>.s3), if in the data. */
export function gatewayPrefixListId(index: RegionIndex, service: ServiceSpec): string | undefined {
  if (!service.hasGatewayEndpoint) return undefined;
  for (const list of index.prefixLists.values()) {
    if (awsServiceOfPrefixList(list, index.region) === service.endpointServiceSuffixes[0]) return list.PrefixListId;
  }
  return undefined;
}
