import type { Subnet } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model.js";
import type { AddressSet } from "../cidr.js";
import type { ComponentRef, Hop } from "../types.js";
import type { PortRange } from "../network-acls.js";
import { subnetAddresses } from "../region-index.js";
import { cidrOf } from "../traffic.js";

/**
 * A subnet a packet is in on its way across VPCs: sent from a network interface of it (a function, an endpoint, a NAT
 * gateway), or handed to it by a transit gateway attachment's interface ("tgw-entry"), which network ACLs treat
 * differently (docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html).
 */
export interface Place {
  /** The index holding the subnet's VPC's data (its owner account's). */
  readonly home: RegionIndex;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly subnet: Subnet;
  readonly addresses: AddressSet;
  readonly kind: "eni" | "tgw-entry";
}

/** The packet as filters see it: its source and destination addresses (as ACL legs name them) and ports. */
export interface Packet {
  readonly src: AddressSet;
  readonly srcText: string;
  readonly srcCidr: string;
  readonly dst: AddressSet;
  readonly dstText: string;
  readonly dstCidr: string;
  readonly ports: PortRange;
}

/** A subnet of the index as a place, or undefined when the subnet or its CIDR is not in the data. */
export function placeOf(home: RegionIndex, subnetId: string, kind: Place["kind"] = "eni"): Place | undefined {
  const subnet = home.subnets.get(subnetId);
  const addresses = subnetAddresses(home, subnetId);
  if (subnet === undefined || addresses === undefined) return undefined;
  return { home, vpcId: subnet.VpcId ?? "", subnetId, subnet, addresses, kind };
}

export function asKind(place: Place, kind: Place["kind"]): Place {
  return place.kind === kind ? place : { ...place, kind };
}

/** "subnet-0abc (10.1.1.0/24)". */
export function placeText(place: Place): string {
  return `${place.subnetId} (${cidrOf(place.addresses)})`;
}

/** The Availability Zone a subnet is in, comparable across accounts: AZ names are mapped per account, AZ ids are not. */
export function zoneKey(subnet: Subnet | undefined): string | undefined {
  return subnet?.AvailabilityZoneId ?? subnet?.AvailabilityZone;
}

/** The component as a hop of a path in `pathAccount` names it: with its account when that is another one. */
export function inAccount(component: ComponentRef, account: string, pathAccount: string): ComponentRef {
  return account === pathAccount ? component : { ...component, account };
}

/** "in account 111111111111" when the place is in another account than the path's, else "". */
export function accountText(account: string, pathAccount: string): string {
  return account === pathAccount ? "" : ` (account ${account})`;
}

/** A hop about a component of `account`, as a path of `pathAccount` carries it (the account named when it differs). */
export function ownedBy(h: Hop, account: string, pathAccount: string): Hop {
  if (account === pathAccount || h.component.account !== undefined) return h;
  return { ...h, component: { ...h.component, account } };
}
