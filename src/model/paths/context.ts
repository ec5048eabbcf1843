import type { Subnet } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model.js";
import type { ServiceSpec } from "../types.js";
import type { AddressSet } from "../cidr.js";
import type { Peer } from "../traffic.js";
import type { RegionNetwork } from "../network/region-network.js";

/** Everything a path evaluation needs about one (function subnet, security groups, role, service). */
export interface PathContext {
  readonly index: RegionIndex;
  /** Every account's data of the region, for paths that leave the VPC. */
  readonly network: RegionNetwork;
  readonly service: ServiceSpec;
  readonly subnetId: string;
  readonly subnet: Subnet;
  readonly addresses: AddressSet;
  readonly vpcId: string;
  readonly groupIds: readonly string[];
  readonly roleArn?: string;
  readonly account: string;
}

/** The function's ENI as the other end of traffic: some IP of its subnet, carrying its security groups. */
export function functionPeer(ctx: PathContext): Peer {
  return { kind: "subnet", subnetId: ctx.subnetId, addresses: ctx.addresses, groupIds: ctx.groupIds };
}

export function servicePeer(ctx: PathContext, gatewayPrefixListId?: string): Peer {
  return gatewayPrefixListId === undefined ? { kind: "service", service: ctx.service } : { kind: "service", service: ctx.service, gatewayPrefixListId };
}
