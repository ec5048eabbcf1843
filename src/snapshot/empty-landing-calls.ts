import type { RegionCalls } from "./types.js";

const ok = <T>(data: T) => ({ status: "ok" as const, data });

/** What a collection records in a region with no transit gateway, peering, zone, Resolver rule or Profile. */
export function emptyLandingCalls(): RegionCalls {
  return {
    DescribeTransitGateways: ok({ TransitGateways: [] }),
    DescribeTransitGatewayAttachments: ok({ TransitGatewayAttachments: [] }),
    DescribeTransitGatewayVpcAttachments: ok({ TransitGatewayVpcAttachments: [] }),
    DescribeTransitGatewayRouteTables: ok({ TransitGatewayRouteTables: [] }),
    GetTransitGatewayRouteTableAssociations: ok([]),
    GetTransitGatewayRouteTablePropagations: ok([]),
    SearchTransitGatewayRoutes: ok([]),
    DescribeVpcPeeringConnections: ok({ VpcPeeringConnections: [] }),
    ListHostedZonesByVPC: ok([]),
    ListHostedZones: ok({ HostedZones: [] }),
    ListResourceRecordSets: ok([]),
    ListResolverRules: ok({ ResolverRules: [] }),
    ListResolverRuleAssociations: ok({ ResolverRuleAssociations: [] }),
    ListProfiles: ok({ ProfileSummaries: [] }),
    ListProfileAssociations: ok({ ProfileAssociations: [] }),
    ListProfileResourceAssociations: ok([]),
  };
}
