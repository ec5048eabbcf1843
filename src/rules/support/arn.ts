import type { ResourceRef, ResourceType } from "../../snapshot/types.js";
import type { RegionIndex } from "../../model/model.js";

/** The EC2 ARN resource segment for each EC2 resource type (arn:aws:ec2:<region>:<account>:<segment>/<id>). */
const EC2_ARN_SEGMENT: Partial<Record<ResourceType, string>> = {
  vpc: "vpc",
  subnet: "subnet",
  "route-table": "route-table",
  "internet-gateway": "internet-gateway",
  "nat-gateway": "natgateway",
  "vpc-endpoint": "vpc-endpoint",
  "security-group": "security-group",
  "network-acl": "network-acl",
  "prefix-list": "prefix-list",
  "dhcp-options": "dhcp-options",
  "elastic-ip": "elastic-ip",
  "transit-gateway": "transit-gateway",
  "transit-gateway-attachment": "transit-gateway-attachment",
  "transit-gateway-route-table": "transit-gateway-route-table",
  "vpc-peering-connection": "vpc-peering-connection",
  "virtual-private-gateway": "vpn-gateway",
  "network-interface": "network-interface",
  "instance": "instance",
};

/** A finding's resource reference for an EC2 resource of the region, with its ARN. */
export function ec2Ref(region: RegionIndex, type: ResourceType, id: string): ResourceRef {
  const segment = EC2_ARN_SEGMENT[type];
  const base = { type, id, account: region.account, region: region.region };
  return segment === undefined ? base : { ...base, arn: `arn:aws:ec2:${region.region}:${region.account}:${segment}/${id}` };
}

/** A private hosted zone (global; findings place it in the region whose paths it answers for). */
export function zoneRef(region: RegionIndex, zoneId: string): ResourceRef {
  return { type: "hosted-zone", id: zoneId, arn: `arn:aws:route53:::hostedzone/${zoneId}`, account: region.account, region: region.region };
}

export function regionRef(region: RegionIndex): ResourceRef {
  return { type: "region", id: region.region, account: region.account, region: region.region };
}
