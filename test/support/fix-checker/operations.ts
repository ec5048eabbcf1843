/**
 * The AWS CLI calls the simulator applies, with their options as the AWS CLI v2 defines them (the subset fixes may
 * use): the CLI argument parser rejects any other option, so a fix using one the CLI lacks fails the check.
 */
import type { OptionKind } from "./cli-args.js";

const O = "one" as const;
const L = "list" as const;
const F = "flag" as const;

export const ROUTE_TARGETS: Record<string, OptionKind> = {
  "--gateway-id": O,
  "--nat-gateway-id": O,
  "--transit-gateway-id": O,
  "--vpc-peering-connection-id": O,
  "--network-interface-id": O,
  "--instance-id": O,
  "--egress-only-internet-gateway-id": O,
  "--local-gateway-id": O,
  "--carrier-gateway-id": O,
  "--core-network-arn": O,
  "--vpc-endpoint-id": O,
};
const ROUTE_DESTINATIONS: Record<string, OptionKind> = { "--destination-cidr-block": O, "--destination-ipv6-cidr-block": O, "--destination-prefix-list-id": O };

/** Every operation the simulator applies, with its options as the AWS CLI v2 defines them (the subset fixes may use). */
export const OPERATIONS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, OptionKind>>>>>> = {
  ec2: {
    "create-vpc-endpoint": {
      "--vpc-id": O,
      "--vpc-endpoint-type": O,
      "--service-name": O,
      "--subnet-ids": L,
      "--security-group-ids": L,
      "--route-table-ids": L,
      "--policy-document": O,
      "--private-dns-enabled": F,
      "--no-private-dns-enabled": F,
    },
    "modify-vpc-endpoint": {
      "--vpc-endpoint-id": O,
      "--add-subnet-ids": L,
      "--remove-subnet-ids": L,
      "--add-security-group-ids": L,
      "--remove-security-group-ids": L,
      "--add-route-table-ids": L,
      "--remove-route-table-ids": L,
      "--policy-document": O,
      "--reset-policy": F,
      "--private-dns-enabled": F,
      "--no-private-dns-enabled": F,
    },
    "delete-vpc-endpoints": { "--vpc-endpoint-ids": L },
    "create-security-group": { "--vpc-id": O, "--group-name": O, "--description": O },
    "authorize-security-group-ingress": { "--group-id": O, "--protocol": O, "--port": O, "--cidr": O, "--source-group": O, "--ip-permissions": O },
    "authorize-security-group-egress": { "--group-id": O, "--ip-permissions": O },
    "create-route": { "--route-table-id": O, ...ROUTE_DESTINATIONS, ...ROUTE_TARGETS },
    "replace-route": { "--route-table-id": O, ...ROUTE_DESTINATIONS, ...ROUTE_TARGETS },
    "delete-route": { "--route-table-id": O, ...ROUTE_DESTINATIONS },
    "create-network-acl-entry": { "--network-acl-id": O, "--ingress": F, "--egress": F, "--rule-number": O, "--protocol": O, "--port-range": O, "--cidr-block": O, "--rule-action": O },
    "replace-network-acl-entry": { "--network-acl-id": O, "--ingress": F, "--egress": F, "--rule-number": O, "--protocol": O, "--port-range": O, "--cidr-block": O, "--rule-action": O },
    "modify-vpc-attribute": { "--vpc-id": O, "--enable-dns-support": O, "--enable-dns-hostnames": O },
    "create-route-table": { "--vpc-id": O },
    "associate-route-table": { "--route-table-id": O, "--subnet-id": O },
    "replace-route-table-association": { "--association-id": O, "--route-table-id": O },
    "enable-vgw-route-propagation": { "--route-table-id": O, "--gateway-id": O },
    "allocate-address": { "--domain": O },
    "release-address": { "--allocation-id": O },
    "create-nat-gateway": { "--subnet-id": O, "--connectivity-type": O, "--allocation-id": O },
    wait: { "--nat-gateway-ids": L },
    "create-internet-gateway": {},
    "attach-internet-gateway": { "--internet-gateway-id": O, "--vpc-id": O },
    "create-transit-gateway-route": { "--transit-gateway-route-table-id": O, "--destination-cidr-block": O, "--transit-gateway-attachment-id": O, "--blackhole": F },
    "replace-transit-gateway-route": { "--transit-gateway-route-table-id": O, "--destination-cidr-block": O, "--transit-gateway-attachment-id": O, "--blackhole": F },
    "modify-transit-gateway-vpc-attachment": { "--transit-gateway-attachment-id": O, "--add-subnet-ids": L, "--remove-subnet-ids": L },
    "describe-vpc-endpoints": { "--vpc-endpoint-ids": L },
    "describe-route-tables": { "--route-table-ids": L },
    "describe-network-acls": { "--network-acl-ids": L },
    "describe-security-groups": { "--group-ids": L },
  },
  route53: {
    "create-vpc-association-authorization": { "--hosted-zone-id": O, "--vpc": O },
    "associate-vpc-with-hosted-zone": { "--hosted-zone-id": O, "--vpc": O, "--comment": O },
  },
  lambda: {
    "update-function-configuration": { "--function-name": O, "--vpc-config": O },
  },
  "service-quotas": {
    "request-service-quota-increase": { "--service-code": O, "--quota-code": O, "--desired-value": O },
    "get-service-quota": { "--service-code": O, "--quota-code": O },
  },
};

export function optionsOf(service: string, operation: string): Readonly<Record<string, OptionKind>> | undefined {
  return OPERATIONS[service]?.[operation];
}

