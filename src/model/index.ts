/** The path model: snapshot in, per (function, subnet, service) verdicts out; plus the decisions rules reuse. */
export { buildModel, servicesFor, functionVpcId, functionOfPath } from "./build-model.js";
export type { RegionNetwork, TgwRouteTableData } from "./network/region-network.js";
export { buildRegionIndex, subnetAddresses, vpcAddresses } from "./region-index.js";
export { SERVICES, serviceSpec, isKnownService, endpointServiceName, USES_TAG } from "./services.js";
export { functionUses, servicesFromTag, serviceOfEnvClass, configEvidence, USES_KMS_TAG, type ServiceUse, type UseEvidence } from "./uses.js";
export { securityGroupAdmits, securityGroupHop, permissionAdmitsTcpPort, type SecurityGroupDecision, type Direction } from "./security-groups.js";
export { networkAclAdmits, networkAclHop, HTTPS, EPHEMERAL, type AclDecision, type AclPortOutcome, type PortRange } from "./network-acls.js";
export { matchServiceRoute, matchSubnetRoute, routeTarget, routeDestination, describeRoute, isBlackhole, blackholeReason, type RouteTarget, type ServiceRoute } from "./routes.js";
export { privateDnsCapture, usesAmazonDns, type DnsCapture } from "./dns.js";
export { evaluateEndpointPolicy, policyRequest, type PolicyDecision, type PolicyRequest } from "./endpoint-policy.js";
export { internetGatewaysAttachedTo, isInternetGatewayAttachedTo, vpcEndpointsIn, awsServiceOfPrefixList, isAvailable } from "./lookups.js";
export { gatewayPrefixListId, type Peer } from "./traffic.js";
export { parseIpv4Cidr, PUBLIC_SPACE, NON_PUBLIC_SPACE, type AddressSet, type Interval } from "./cidr.js";
export type { Tri } from "./tri.js";
export { subnetIsPublic, callGap, interfaceEndpointsFor, regionOffersEndpoint, natGatewayIsUsable, endpointGroupIds } from "./facts.js";
export type * from "./types.js";
export type * from "./model.js";
