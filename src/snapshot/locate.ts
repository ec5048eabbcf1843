import { indexIdOffsets } from "./id-index.js";
import { LineIndex } from "./json-scan.js";
import { outlineSnapshot, regionKey } from "./snapshot-outline.js";
import type { RegionOutline } from "./snapshot-outline.js";
import type { CallName, ResourceRef, ResourceType } from "./types.js";

export interface TextLocation {
  readonly line: number;
  readonly column: number;
}

/** The call that declares each resource type, and the id fields that name a resource in it (most specific first). */
const DECLARED_BY: Readonly<Partial<Record<Exclude<ResourceType, "region">, { readonly call: CallName; readonly keys: readonly string[] }>>> = {
  "lambda-function": { call: "ListFunctions", keys: ["FunctionArn", "FunctionName"] },
  vpc: { call: "DescribeVpcs", keys: ["VpcId"] },
  subnet: { call: "DescribeSubnets", keys: ["SubnetId"] },
  "route-table": { call: "DescribeRouteTables", keys: ["RouteTableId"] },
  "internet-gateway": { call: "DescribeInternetGateways", keys: ["InternetGatewayId"] },
  "nat-gateway": { call: "DescribeNatGateways", keys: ["NatGatewayId"] },
  "vpc-endpoint": { call: "DescribeVpcEndpoints", keys: ["VpcEndpointId"] },
  "security-group": { call: "DescribeSecurityGroups", keys: ["GroupId"] },
  "network-acl": { call: "DescribeNetworkAcls", keys: ["NetworkAclId"] },
  "prefix-list": { call: "DescribeManagedPrefixLists", keys: ["PrefixListId"] },
  "dhcp-options": { call: "DescribeDhcpOptions", keys: ["DhcpOptionsId"] },
  "elastic-ip": { call: "DescribeAddresses", keys: ["AllocationId", "PublicIp"] },
  "transit-gateway-attachment": { call: "DescribeTransitGatewayVpcAttachments", keys: ["TransitGatewayAttachmentId"] },
  "transit-gateway-route-table": { call: "DescribeTransitGatewayRouteTables", keys: ["TransitGatewayRouteTableId"] },
  "vpc-peering-connection": { call: "DescribeVpcPeeringConnections", keys: ["VpcPeeringConnectionId"] },
  "hosted-zone": { call: "ListResourceRecordSets", keys: ["HostedZoneId"] },
};

const FIRST_LINE: TextLocation = { line: 1, column: 1 };

/** Locates resources in one snapshot text; every index is built once, on first need. */
export class SnapshotLocator {
  private readonly lines: LineIndex;
  private readonly regions: Map<string, RegionOutline>;
  private readonly ids = new Map<string, Map<string, Map<string, number>>>();

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
    this.regions = outlineSnapshot(text);
  }

  locate(ref: ResourceRef): TextLocation {
    const region = this.regions.get(regionKey(ref.account, ref.region));
    if (!region) return FIRST_LINE;
    const declared = ref.type === "region" ? undefined : DECLARED_BY[ref.type];
    const offset = declared === undefined ? undefined : this.findId(region, ref, declared);
    return this.lines.at(offset ?? region.keyOffset);
  }

  private findId(region: RegionOutline, ref: ResourceRef, declared: { call: CallName; keys: readonly string[] }): number | undefined {
    const range = region.calls.get(declared.call);
    if (!range) return undefined;
    const cacheKey = `${regionKey(ref.account, ref.region)}\u0000${declared.call}`;
    let index = this.ids.get(cacheKey);
    if (!index) {
      index = indexIdOffsets(this.text, range, declared.keys);
      this.ids.set(cacheKey, index);
    }
    const names = [ref.arn, ref.id].filter((n): n is string => n !== undefined);
    for (const key of declared.keys) {
      for (const name of names) {
        const offset = index.get(key)?.get(name);
        if (offset !== undefined) return offset;
      }
    }
    return undefined;
  }
}

let lastLocator: { readonly text: string; readonly locator: SnapshotLocator } | undefined;

/**
 * The 1-based line/column where a resource appears in a snapshot's text: its id field inside the call that declares
 * it, scoped to its account and region; else (or for a resource no call declares, such as a transit gateway a route
 * leads to) the region key; else line 1. Reuses the indexes of the last text seen.
 */
export function locateResource(text: string, ref: ResourceRef): TextLocation {
  if (lastLocator?.text !== text) lastLocator = { text, locator: new SnapshotLocator(text) };
  return lastLocator.locator.locate(ref);
}
