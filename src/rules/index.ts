import type { Rule } from "./types.js";
import endpointAzGap from "./endpoint-az-gap.js";
import endpointNotAvailable from "./endpoint-not-available.js";
import endpointPolicyDenies from "./endpoint-policy-denies.js";
import endpointPrivateDnsOff from "./endpoint-private-dns-off.js";
import endpointSgNoHttps from "./endpoint-sg-no-https.js";
import eipQuotaPressure from "./eip-quota-pressure.js";
import eipUnassociated from "./eip-unassociated.js";
import lambdaNoKmsPath from "./lambda-no-kms-path.js";
import lambdaNoServicePath from "./lambda-no-service-path.js";
import lambdaPublicSubnet from "./lambda-public-subnet.js";
import lambdaSgEgressBlocked from "./lambda-sg-egress-blocked.js";
import lambdaVpcConfigStale from "./lambda-vpc-config-stale.js";
import landingRouteMissing from "./landing-route-missing.js";
import naclBlocksPath from "./nacl-blocks-path.js";
import natCrossAz from "./nat-cross-az.js";
import natPathBroken from "./nat-path-broken.js";
import natWherePrivatelink from "./nat-where-privatelink.js";
import pathUnverifiable from "./path-unverifiable.js";
import peeringPathBroken from "./peering-path-broken.js";
import routeBlackhole from "./route-blackhole.js";
import serviceZoneBroken from "./service-zone-broken.js";
import serviceZoneNotAssociated from "./service-zone-not-associated.js";
import snapshotInconsistent from "./snapshot-inconsistent.js";
import subnetAddressesLow from "./subnet-addresses-low.js";
import transitGatewayAzGap from "./transit-gateway-az-gap.js";
import transitGatewayRouteMissing from "./transit-gateway-route-missing.js";

/** Every rule, sorted by id (a test checks this list against the folder). */
export const rules: readonly Rule[] = [
  eipQuotaPressure,
  eipUnassociated,
  endpointAzGap,
  endpointNotAvailable,
  endpointPolicyDenies,
  endpointPrivateDnsOff,
  endpointSgNoHttps,
  lambdaNoKmsPath,
  lambdaNoServicePath,
  lambdaPublicSubnet,
  lambdaSgEgressBlocked,
  lambdaVpcConfigStale,
  landingRouteMissing,
  naclBlocksPath,
  natCrossAz,
  natPathBroken,
  natWherePrivatelink,
  pathUnverifiable,
  peeringPathBroken,
  routeBlackhole,
  serviceZoneBroken,
  serviceZoneNotAssociated,
  snapshotInconsistent,
  subnetAddressesLow,
  transitGatewayAzGap,
  transitGatewayRouteMissing,
] as readonly Rule[];

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
