import type { InternetGateway, ManagedPrefixList, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "./model.js";

interface Lookups {
  readonly attachedGateways: ReadonlyMap<string, readonly InternetGateway[]>;
  readonly endpointsByVpc: ReadonlyMap<string, readonly VpcEndpoint[]>;
}

const cache = new WeakMap<RegionIndex, Lookups>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** IGW attachment state is "available" on the wire when attached (aws-semantics §3.5); "attached" is the SDK enum. */
export function isAttachedState(state: string | undefined): boolean {
  const value = (state ?? "").toLowerCase();
  return value === "available" || value === "attached";
}

function lookups(index: RegionIndex): Lookups {
  const cached = cache.get(index);
  if (cached !== undefined) return cached;
  const attachedGateways = new Map<string, InternetGateway[]>();
  for (const gateway of index.internetGateways.values()) {
    for (const attachment of gateway.Attachments ?? []) {
      if (attachment.VpcId !== undefined && isAttachedState(attachment.State)) push(attachedGateways, attachment.VpcId, gateway);
    }
  }
  const endpointsByVpc = new Map<string, VpcEndpoint[]>();
  for (const endpoint of index.vpcEndpoints.values()) {
    if (endpoint.VpcId !== undefined) push(endpointsByVpc, endpoint.VpcId, endpoint);
  }
  const built = { attachedGateways, endpointsByVpc };
  cache.set(index, built);
  return built;
}

/** Internet gateways attached (state available) to the VPC. */
export function internetGatewaysAttachedTo(index: RegionIndex, vpcId: string): readonly InternetGateway[] {
  return lookups(index).attachedGateways.get(vpcId) ?? [];
}

export function isInternetGatewayAttachedTo(gateway: InternetGateway, vpcId: string): boolean {
  return (gateway.Attachments ?? []).some((a) => a.VpcId === vpcId && isAttachedState(a.State));
}

export function vpcEndpointsIn(index: RegionIndex, vpcId: string): readonly VpcEndpoint[] {
  return lookups(index).endpointsByVpc.get(vpcId) ?? [];
}

/** The service suffix of an AWS-managed prefix list named com.amazonaws.<region>.<suffix>, else undefined. */
export function awsServiceOfPrefixList(list: ManagedPrefixList | undefined, region: string): string | undefined {
  if (list === undefined || list.OwnerId !== "AWS") return undefined;
  const prefix = `com.amazonaws.${region}.`;
  const name = list.PrefixListName ?? "";
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

/** VPC endpoint states arrive in varying case (aws-semantics §2.6). */
export function isAvailable(state: string | undefined): boolean {
  return (state ?? "").toLowerCase() === "available";
}
