import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { InputError } from "../errors.js";
import type { CallName, LambdaFunction } from "../snapshot/types.js";
import { functionState, withoutEnvironmentValues } from "./function-environment.js";
import { tagRecord } from "./function-tags.js";

/**
 * The files of an --aws-cli-dir region directory: `<service>-<command>.json`, exactly what
 * `aws <service> <command> --output json` prints. Per-resource commands hold a JSON array of those outputs, each
 * carrying its resource id (the request parameter's name): describe-vpc-attribute (VpcId), get-managed-prefix-list-entries
 * (PrefixListId), the transit gateway route table calls (TransitGatewayRouteTableId), list-hosted-zones-by-vpc (VPCId
 * and VPCRegion), list-resource-record-sets (HostedZoneId), list-profile-resource-associations (ProfileId); get-function-configuration outputs carry FunctionArn themselves.
 */
export interface CommandFile {
  readonly file: string;
  readonly call: CallName;
  readonly command: string;
  read(json: unknown, file: string): unknown;
}

function list(file: string, call: CallName, key: string): CommandFile {
  const command = commandOf(file);
  return {
    file,
    call,
    command,
    read(json, path) {
      const output = object(json, path, "$", `the output of \`aws ${command} --output json\``);
      return { [key]: objects(output[key], path, `$.${key}`) };
    },
  };
}

const CLI_SERVICES = ["service-quotas", "ec2", "lambda", "sts", "route53resolver", "route53profiles", "route53"];

/** "service-quotas-get-service-quota.json" → "service-quotas get-service-quota". */
function commandOf(file: string): string {
  const name = file.replace(/\.json$/, "");
  const service = CLI_SERVICES.find((s) => name.startsWith(`${s}-`)) ?? "";
  return `${service} ${name.slice(service.length + 1)}`;
}

export const COMMAND_FILES: readonly CommandFile[] = [
  list("ec2-describe-vpcs.json", "DescribeVpcs", "Vpcs"),
  perResource("ec2-describe-vpc-attribute.json", "DescribeVpcAttribute", "VpcId"),
  list("ec2-describe-subnets.json", "DescribeSubnets", "Subnets"),
  list("ec2-describe-route-tables.json", "DescribeRouteTables", "RouteTables"),
  list("ec2-describe-internet-gateways.json", "DescribeInternetGateways", "InternetGateways"),
  list("ec2-describe-egress-only-internet-gateways.json", "DescribeEgressOnlyInternetGateways", "EgressOnlyInternetGateways"),
  list("ec2-describe-nat-gateways.json", "DescribeNatGateways", "NatGateways"),
  list("ec2-describe-vpc-endpoints.json", "DescribeVpcEndpoints", "VpcEndpoints"),
  {
    file: "ec2-describe-vpc-endpoint-services.json",
    call: "DescribeVpcEndpointServices",
    command: "ec2 describe-vpc-endpoint-services",
    read(json, path) {
      const output = object(json, path, "$", "the output of `aws ec2 describe-vpc-endpoint-services --output json`");
      const ServiceNames = strings(output.ServiceNames, path, "$.ServiceNames");
      return output.ServiceDetails === undefined
        ? { ServiceNames }
        : { ServiceNames, ServiceDetails: objects(output.ServiceDetails, path, "$.ServiceDetails") };
    },
  },
  list("ec2-describe-security-groups.json", "DescribeSecurityGroups", "SecurityGroups"),
  list("ec2-describe-network-acls.json", "DescribeNetworkAcls", "NetworkAcls"),
  list("ec2-describe-managed-prefix-lists.json", "DescribeManagedPrefixLists", "PrefixLists"),
  perResource("ec2-get-managed-prefix-list-entries.json", "GetManagedPrefixListEntries", "PrefixListId", (item, path, place) => {
    objects(item.Entries, path, `${place}.Entries`);
  }),
  list("ec2-describe-dhcp-options.json", "DescribeDhcpOptions", "DhcpOptions"),
  list("ec2-describe-addresses.json", "DescribeAddresses", "Addresses"),
  list("ec2-describe-account-attributes.json", "DescribeAccountAttributes", "AccountAttributes"),
  quota("service-quotas-get-service-quota.json", "GetServiceQuota"),
  quota("service-quotas-get-aws-default-service-quota.json", "GetAWSDefaultServiceQuota"),
  list("ec2-describe-transit-gateways.json", "DescribeTransitGateways", "TransitGateways"),
  list("ec2-describe-transit-gateway-attachments.json", "DescribeTransitGatewayAttachments", "TransitGatewayAttachments"),
  list("ec2-describe-transit-gateway-vpc-attachments.json", "DescribeTransitGatewayVpcAttachments", "TransitGatewayVpcAttachments"),
  list("ec2-describe-transit-gateway-route-tables.json", "DescribeTransitGatewayRouteTables", "TransitGatewayRouteTables"),
  perResource("ec2-get-transit-gateway-route-table-associations.json", "GetTransitGatewayRouteTableAssociations", "TransitGatewayRouteTableId", listIn("Associations")),
  perResource(
    "ec2-get-transit-gateway-route-table-propagations.json",
    "GetTransitGatewayRouteTablePropagations",
    "TransitGatewayRouteTableId",
    listIn("TransitGatewayRouteTablePropagations"),
  ),
  perResource("ec2-search-transit-gateway-routes.json", "SearchTransitGatewayRoutes", "TransitGatewayRouteTableId", (item, path, place) => {
    objects(item.Routes, path, `${place}.Routes`);
    if (typeof item.AdditionalRoutesAvailable !== "boolean") throw new InputError(path, `${place}.AdditionalRoutesAvailable`, "true or false");
  }),
  list("ec2-describe-vpc-peering-connections.json", "DescribeVpcPeeringConnections", "VpcPeeringConnections"),
  perResource("route53-list-hosted-zones-by-vpc.json", "ListHostedZonesByVPC", "VPCId", (item, path, place) => {
    string(item.VPCRegion, path, `${place}.VPCRegion`);
    objects(item.HostedZoneSummaries, path, `${place}.HostedZoneSummaries`);
  }),
  list("route53-list-hosted-zones.json", "ListHostedZones", "HostedZones"),
  perResource("route53-list-resource-record-sets.json", "ListResourceRecordSets", "HostedZoneId", listIn("ResourceRecordSets")),
  list("route53resolver-list-resolver-rules.json", "ListResolverRules", "ResolverRules"),
  list("route53resolver-list-resolver-rule-associations.json", "ListResolverRuleAssociations", "ResolverRuleAssociations"),
  list("route53profiles-list-profiles.json", "ListProfiles", "ProfileSummaries"),
  list("route53profiles-list-profile-associations.json", "ListProfileAssociations", "ProfileAssociations"),
  perResource("route53profiles-list-profile-resource-associations.json", "ListProfileResourceAssociations", "ProfileId", listIn("ProfileResourceAssociations")),
  {
    file: "lambda-list-functions.json",
    call: "ListFunctions",
    command: "lambda list-functions",
    read(json, path) {
      const output = object(json, path, "$", "the output of `aws lambda list-functions --output json`");
      const functions = objects(output.Functions, path, "$.Functions");
      return { Functions: functions.map((fn, i) => lambdaFunction(fn, path, `$.Functions[${i}]`)) };
    },
  },
  {
    file: "lambda-get-function-configuration.json",
    call: "GetFunctionConfiguration",
    command: "lambda get-function-configuration",
    read(json, path) {
      if (!Array.isArray(json)) {
        throw new InputError(path, "$", "a JSON array of `aws lambda get-function-configuration --output json` outputs, one per VPC function");
      }
      // Only the state fields are kept: the environment values these outputs carry are dropped right here.
      return json.map((item, i) => {
        const output = object(item, path, `$[${i}]`, "an `aws lambda get-function-configuration` output");
        string(output.FunctionArn, path, `$[${i}].FunctionArn`);
        return functionState(output as FunctionConfiguration);
      });
    },
  },
];

/**
 * resourcegroupstaggingapi-get-resources.json: what `aws resourcegroupstaggingapi get-resources --resource-type-filters
 * lambda:function --output json` prints, the tags of every tagged function of the region.
 */
export const GET_RESOURCES_FILE = "resourcegroupstaggingapi-get-resources.json";
/** The older per-function layout, still read: [{ "Resource": FunctionArn, "Tags": {...} }] (lambda list-tags outputs). */
export const LIST_TAGS_FILE = "lambda-list-tags.json";

export function readResourceTags(json: unknown, path: string): Map<string, Record<string, string>> {
  const output = object(json, path, "$", "the output of `aws resourcegroupstaggingapi get-resources --output json`");
  const mappings = objects(output.ResourceTagMappingList, path, "$.ResourceTagMappingList");
  return new Map(
    mappings.map((mapping, i) => {
      const place = `$.ResourceTagMappingList[${i}]`;
      const tags = objects(mapping.Tags ?? [], path, `${place}.Tags`).map((tag, j) => ({
        Key: string(tag.Key, path, `${place}.Tags[${j}].Key`),
        Value: string(tag.Value, path, `${place}.Tags[${j}].Value`),
      }));
      return [string(mapping.ResourceARN, path, `${place}.ResourceARN`), tagRecord(tags)];
    }),
  );
}
export const CALLER_IDENTITY_FILE = "sts-get-caller-identity.json";

export function readTags(json: unknown, path: string): Map<string, Record<string, string>> {
  const items = objects(json, path, "$");
  return new Map(
    items.map((item, i) => [
      string(item.Resource, path, `$[${i}].Resource`),
      stringMap(item.Tags ?? {}, path, `$[${i}].Tags`),
    ]),
  );
}

export function readAccount(json: unknown, path: string): string {
  const output = object(json, path, "$", "the output of `aws sts get-caller-identity --output json`");
  const account = string(output.Account, path, "$.Account");
  if (!/^\d{12}$/.test(account)) throw new InputError(path, "$.Account", "a 12-digit AWS account id");
  return account;
}

function perResource(
  file: string,
  call: CallName,
  idKey: string,
  check: (item: Record<string, unknown>, path: string, place: string) => void = () => undefined,
): CommandFile {
  const command = commandOf(file);
  return {
    file,
    call,
    command,
    read(json, path) {
      if (!Array.isArray(json)) {
        throw new InputError(path, "$", `a JSON array of \`aws ${command} --output json\` outputs, each with its ${idKey}`);
      }
      return json.map((item, i) => {
        const place = `$[${i}]`;
        const output = object(item, path, place, `an \`aws ${command}\` output`);
        string(output[idKey], path, `${place}.${idKey}`);
        check(output, path, place);
        return output;
      });
    },
  };
}

function listIn(key: string): (item: Record<string, unknown>, path: string, place: string) => void {
  return (item, path, place) => {
    objects(item[key], path, `${place}.${key}`);
  };
}

function quota(file: string, call: CallName): CommandFile {
  const command = commandOf(file);
  return {
    file,
    call,
    command,
    read(json, path) {
      const output = object(json, path, "$", `the output of \`aws ${command} --output json\``);
      return { Quota: object(output.Quota, path, "$.Quota", "an object") };
    },
  };
}

function lambdaFunction(fn: Record<string, unknown>, path: string, place: string): LambdaFunction {
  string(fn.FunctionName, path, `${place}.FunctionName`);
  string(fn.FunctionArn, path, `${place}.FunctionArn`);
  if (fn.Environment !== undefined) {
    const environment = object(fn.Environment, path, `${place}.Environment`, "an object");
    if (environment.Variables !== undefined) stringMap(environment.Variables, path, `${place}.Environment.Variables`);
  }
  return withoutEnvironmentValues(fn as FunctionConfiguration);
}

function object(value: unknown, path: string, place: string, expected: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(path, place, expected);
  return value as Record<string, unknown>;
}

function objects(value: unknown, path: string, place: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new InputError(path, place, "an array");
  return value.map((item, i) => object(item, path, `${place}[${i}]`, "an object"));
}

function strings(value: unknown, path: string, place: string): string[] {
  if (!Array.isArray(value)) throw new InputError(path, place, "an array of strings");
  return value.map((item, i) => string(item, path, `${place}[${i}]`));
}

function string(value: unknown, path: string, place: string): string {
  if (typeof value !== "string") throw new InputError(path, place, "a string");
  return value;
}

function stringMap(value: unknown, path: string, place: string): Record<string, string> {
  const map = object(value, path, place, "an object of strings");
  for (const [key, v] of Object.entries(map)) string(v, path, `${place}.${key}`);
  return map as Record<string, string>;
}
