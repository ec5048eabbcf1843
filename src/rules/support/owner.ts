import type { Hop } from "../../model/types.js";

/**
 * Which rule explains a hop. Each kind of hop belongs to exactly one rule, so a broken component is reported once;
 * lambda-no-kms-path, the function-level summary, points at these owners instead of repeating them.
 */
export function ownerOf(hop: Hop): string | undefined {
  const type = hop.component.type;
  switch (hop.code) {
    case "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS":
      return "lambda-public-subnet";
    case "BAD_STATE_ROUTE":
      return "route-blackhole";
    case "NAT_PRIVATE_CONNECTIVITY":
    case "NAT_NOT_IN_PUBLIC_SUBNET":
    case "NAT_NO_PUBLIC_IP":
    case "IGW_NOT_ATTACHED":
      return "nat-path-broken";
    case "ENDPOINT_STATE":
      return "endpoint-not-available";
    case "BAD_STATE":
      if (type === "vpc-endpoint") return "endpoint-not-available";
      if (type === "nat-gateway" || type === "internet-gateway") return "nat-path-broken";
      if (type === "transit-gateway-attachment") return "transit-gateway-route-missing";
      if (type === "vpc-peering-connection") return "peering-path-broken";
      return undefined;
    case "TGW_ATTACH_VPC_AZ_RESTRICTION":
      return "transit-gateway-az-gap";
    case "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION":
    case "TGW_RTB_CANNOT_ROUTE":
    case "TGW_RTB_BAD_STATE_ROUTE":
      return "transit-gateway-route-missing";
    case "NO_ROUTE_ACROSS_VPCS":
      return "landing-route-missing";
    case "PCX_EDGE_TO_EDGE":
    case "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR":
      return "peering-path-broken";
    case "DNS_ZONE_NOT_ASSOCIATED":
      return "service-zone-not-associated";
    case "DNS_NO_RECORD":
    case "DNS_TARGET_GONE":
      return "service-zone-broken";
    case "PRIVATE_DNS_DISABLED":
    case "VPC_DNS_SUPPORT_DISABLED":
    case "VPC_DNS_HOSTNAMES_DISABLED":
      return "endpoint-private-dns-off";
    case "ENI_SG_RULES_MISMATCH":
    case "SG_HAS_NO_RULES":
      return hop.direction === "ingress" ? "endpoint-sg-no-https" : "lambda-sg-egress-blocked";
    case "SUBNET_ACL_RESTRICTION":
      return "nacl-blocks-path";
    case "VPCE_SERVICE_NOT_INSTALLED_IN_AZ":
      return "endpoint-az-gap";
    case "AVAILABILITY_ZONE_CROSSED":
      return type === "nat-gateway" ? "nat-cross-az" : "endpoint-az-gap";
    case "ENDPOINT_POLICY_DENIES":
      return "endpoint-policy-denies";
    default:
      return undefined;
  }
}
