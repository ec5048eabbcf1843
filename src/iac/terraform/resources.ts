import type { IpPermission, NetworkAclEntry, Route } from "@aws-sdk/client-ec2";
import { unknownValue } from "../../model/unknown.js";
import { lambdaArn } from "../ids.js";
import { addNewVpc, lambdaFunction, permission, type EnvInput } from "../parts.js";
import type { PlannedNetwork, SourceLocation } from "../planned.js";
import { AfterApply, type Instance } from "./plan.js";
import { LANDING_HANDLERS } from "./landing-resources.js";
import { defaultsOfVpcId, type Resolver } from "./resolve.js";

export interface TerraformContext {
  readonly network: PlannedNetwork;
  readonly resolve: Resolver;
  readonly region: string;
  readonly account: string;
  locationOf(instance: Instance): SourceLocation | undefined;
}

type Handler = (ctx: TerraformContext, instance: Instance, id: string) => void;
type Path = readonly (string | number)[];

function blocks(instance: Instance, name: string): number[] {
  const value = instance.values[name];
  return Array.isArray(value) ? value.map((_, i) => i) : [];
}

function number(ctx: TerraformContext, instance: Instance, path: Path): number | undefined {
  const text = ctx.resolve.text(instance, path);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : (text as unknown as number);
}

/** A boolean the configuration may leave unset: Terraform shows AWS's default as "known after apply". */
function flag(ctx: TerraformContext, instance: Instance, path: Path, awsDefault: boolean): boolean {
  const value = instance.values[path[0] as string];
  if (value instanceof AfterApply && !configured(ctx, instance, path[0] as string)) return awsDefault;
  const text = ctx.resolve.text(instance, path);
  if (text === undefined) return awsDefault;
  return text === "true" ? true : text === "false" ? false : (text as unknown as boolean);
}

function configured(ctx: TerraformContext, instance: Instance, attribute: string): boolean {
  return ctx.resolve.isConfigured(instance, attribute);
}

const ROUTE_FIELDS: readonly [string, keyof Route][] = [
  ["cidr_block", "DestinationCidrBlock"],
  ["destination_cidr_block", "DestinationCidrBlock"],
  ["ipv6_cidr_block", "DestinationIpv6CidrBlock"],
  ["destination_ipv6_cidr_block", "DestinationIpv6CidrBlock"],
  ["destination_prefix_list_id", "DestinationPrefixListId"],
  ["gateway_id", "GatewayId"],
  ["vpc_endpoint_id", "GatewayId"],
  ["nat_gateway_id", "NatGatewayId"],
  ["transit_gateway_id", "TransitGatewayId"],
  ["vpc_peering_connection_id", "VpcPeeringConnectionId"],
  ["network_interface_id", "NetworkInterfaceId"],
  ["egress_only_gateway_id", "EgressOnlyInternetGatewayId"],
  ["carrier_gateway_id", "CarrierGatewayId"],
  ["local_gateway_id", "LocalGatewayId"],
  ["core_network_arn", "CoreNetworkArn"],
];

function route(ctx: TerraformContext, instance: Instance, base: Path): Route {
  const result: Record<string, string> = { State: "active" };
  for (const [attribute, field] of ROUTE_FIELDS) {
    const value = ctx.resolve.text(instance, [...base, attribute]);
    if (value !== undefined && value !== "") result[field] = value;
  }
  return result as Route;
}

/** An inline security group rule block (ingress/egress of aws_security_group and its default): one permission per peer. */
function inlineRules(ctx: TerraformContext, instance: Instance, name: "ingress" | "egress", groupId: string): IpPermission[] {
  return blocks(instance, name).flatMap((i) => {
    const base = [name, i];
    const fields = { protocol: ctx.resolve.text(instance, [...base, "protocol"]), from: number(ctx, instance, [...base, "from_port"]), to: number(ctx, instance, [...base, "to_port"]) };
    const peers = [
      ...(ctx.resolve.list(instance, [...base, "cidr_blocks"]) ?? []).map((cidr) => ({ cidr })),
      ...(ctx.resolve.list(instance, [...base, "ipv6_cidr_blocks"]) ?? []).map((ipv6Cidr) => ({ ipv6Cidr })),
      ...(ctx.resolve.list(instance, [...base, "prefix_list_ids"]) ?? []).map((prefixListId) => ({ prefixListId })),
      ...(ctx.resolve.list(instance, [...base, "security_groups"]) ?? []).map((groupId) => ({ groupId })),
      ...(ctx.resolve.text(instance, [...base, "self"]) === "true" ? [{ groupId }] : []),
    ];
    return peers.map((peer) => permission({ ...fields, ...peer }));
  });
}

function aclEntries(ctx: TerraformContext, instance: Instance): NetworkAclEntry[] {
  return (["ingress", "egress"] as const).flatMap((name) =>
    blocks(instance, name).map((i) => aclEntry(ctx, instance, [name, i], name === "egress", { number: "rule_no", action: "action" })),
  );
}

function aclEntry(ctx: TerraformContext, instance: Instance, base: Path, egress: boolean | undefined, names: { number: string; action: string }): NetworkAclEntry {
  const from = number(ctx, instance, [...base, "from_port"]);
  const to = number(ctx, instance, [...base, "to_port"]);
  const protocol = ctx.resolve.text(instance, [...base, "protocol"]);
  return {
    RuleNumber: number(ctx, instance, [...base, names.number]),
    Protocol: protocol === "tcp" ? "6" : protocol === "udp" ? "17" : protocol === "all" ? "-1" : protocol,
    RuleAction: ctx.resolve.text(instance, [...base, names.action]) as "allow",
    Egress: egress ?? flag(ctx, instance, [...base, "egress"], false),
    ...(ctx.resolve.text(instance, [...base, "cidr_block"]) === undefined ? {} : { CidrBlock: ctx.resolve.text(instance, [...base, "cidr_block"]) }),
    ...(from === undefined || to === undefined || (from === 0 && to === 0) ? {} : { PortRange: { From: from, To: to } }),
  };
}

const group = (ctx: TerraformContext, instance: Instance, id: string) => {
  ctx.network.securityGroups.set(id, {
    GroupId: id,
    GroupName: instance.type === "aws_default_security_group" ? "default" : (ctx.resolve.text(instance, ["name"]) ?? instance.address),
    VpcId: ctx.resolve.text(instance, ["vpc_id"]),
    IpPermissions: inlineRules(ctx, instance, "ingress", id),
    // Terraform removes the rule AWS creates that allows all outbound traffic: no egress block, no egress.
    IpPermissionsEgress: inlineRules(ctx, instance, "egress", id),
  });
};

function separateRule(ctx: TerraformContext, instance: Instance, direction: "ingress" | "egress", fields: Parameters<typeof permission>[0]): void {
  ctx.network.groupRules.push({ groupId: ctx.resolve.text(instance, ["security_group_id"]) ?? "", direction, permission: permission(fields) });
}

function envOf(instance: Instance): Record<string, EnvInput> | undefined {
  const environment = instance.values.environment;
  const variables = Array.isArray(environment) && environment[0] !== null && typeof environment[0] === "object" ? (environment[0] as Record<string, unknown>).variables : undefined;
  if (variables === undefined || variables === null) return undefined;
  if (variables instanceof AfterApply) return {};
  const result: Record<string, EnvInput> = {};
  for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
    result[name] = typeof value === "string" ? { value } : { unknown: true };
  }
  return result;
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  aws_vpc: (ctx, instance, id) => {
    const dns = { support: flag(ctx, instance, ["enable_dns_support"], true), hostnames: flag(ctx, instance, ["enable_dns_hostnames"], false) };
    const cidr = ctx.resolve.text(instance, ["cidr_block"]);
    if (defaultsOfVpcId(id) !== undefined) {
      addNewVpc(ctx.network, id, instance.address, cidr, dns, ctx.locationOf(instance));
      return;
    }
    ctx.network.vpcs.set(id, { VpcId: id, ...(cidr === undefined ? {} : { CidrBlock: cidr }), State: "available", ...(ctx.resolve.text(instance, ["dhcp_options_id"]) === undefined ? {} : { DhcpOptionsId: ctx.resolve.text(instance, ["dhcp_options_id"]) }) });
    ctx.network.vpcDns.set(id, dns);
  },
  aws_subnet: (ctx, instance, id) => {
    const zone = ctx.resolve.text(instance, ["availability_zone"]);
    const cidr = ctx.resolve.text(instance, ["cidr_block"]);
    ctx.network.subnets.set(id, { SubnetId: id, VpcId: ctx.resolve.text(instance, ["vpc_id"]), ...(cidr === undefined ? {} : { CidrBlock: cidr }), ...(zone === undefined || zone.startsWith("(unknown") ? {} : { AvailabilityZone: zone }), MapPublicIpOnLaunch: flag(ctx, instance, ["map_public_ip_on_launch"], false), State: "available" });
  },
  aws_route_table: (ctx, instance, id) => {
    ctx.network.routeTables.set(id, { RouteTableId: id, VpcId: ctx.resolve.text(instance, ["vpc_id"]), Routes: blocks(instance, "route").map((i) => route(ctx, instance, ["route", i])), Associations: [] });
  },
  aws_default_route_table: (ctx, instance, id) => {
    ctx.network.routeTables.set(id, { RouteTableId: id, VpcId: ctx.resolve.text(instance, ["vpc_id"]), Routes: blocks(instance, "route").map((i) => route(ctx, instance, ["route", i])), Associations: [{ RouteTableId: id, Main: true, AssociationState: { State: "associated" } }] });
  },
  aws_route: (ctx, instance) => {
    const tableId = ctx.resolve.text(instance, ["route_table_id"]) ?? "";
    ctx.network.routes.push({ tableId, route: route(ctx, instance, []) });
  },
  aws_route_table_association: (ctx, instance) => {
    const subnetId = ctx.resolve.text(instance, ["subnet_id"]);
    if (subnetId !== undefined) ctx.network.tableAssociations.push({ tableId: ctx.resolve.text(instance, ["route_table_id"]) ?? "", subnetId });
  },
  aws_main_route_table_association: (ctx, instance) => {
    ctx.network.tableAssociations.push({ tableId: ctx.resolve.text(instance, ["route_table_id"]) ?? "", mainOf: ctx.resolve.text(instance, ["vpc_id"]) ?? "" });
  },
  aws_internet_gateway: (ctx, instance, id) => {
    ctx.network.internetGateways.set(id, { InternetGatewayId: id, Attachments: [] });
    const vpcId = ctx.resolve.text(instance, ["vpc_id"]);
    if (vpcId !== undefined) ctx.network.gatewayAttachments.push({ gatewayId: id, vpcId });
  },
  aws_internet_gateway_attachment: (ctx, instance) => {
    ctx.network.gatewayAttachments.push({ gatewayId: ctx.resolve.text(instance, ["internet_gateway_id"]) ?? "", vpcId: ctx.resolve.text(instance, ["vpc_id"]) ?? "" });
  },
  aws_eip: (ctx, instance, id) => {
    ctx.network.addresses.set(id, { AllocationId: id, PublicIp: ctx.resolve.text(instance, ["public_ip"]) ?? unknownValue(`${instance.address}.public_ip (known after apply)`), Domain: "vpc" });
  },
  aws_nat_gateway: (ctx, instance, id) => {
    const connectivity = ctx.resolve.text(instance, ["connectivity_type"]) ?? "public";
    const allocation = ctx.resolve.text(instance, ["allocation_id"]);
    const publicIp = ctx.resolve.text(instance, ["public_ip"]) ?? (allocation === undefined ? undefined : ctx.network.addresses.get(allocation)?.PublicIp);
    ctx.network.natGateways.set(id, {
      NatGatewayId: id,
      SubnetId: ctx.resolve.text(instance, ["subnet_id"]),
      State: "available",
      ConnectivityType: connectivity as "public",
      NatGatewayAddresses: allocation === undefined ? [] : [{ AllocationId: allocation, ...(connectivity === "private" ? {} : { PublicIp: publicIp ?? unknownValue(`${instance.address}.public_ip (known after apply)`) }), IsPrimary: true, Status: "succeeded" }],
    });
  },
  aws_vpc_endpoint: (ctx, instance, id) => {
    const policy = ctx.resolve.text(instance, ["policy"]);
    ctx.network.endpoints.set(id, {
      VpcEndpointId: id,
      VpcEndpointType: (ctx.resolve.text(instance, ["vpc_endpoint_type"]) ?? "Gateway") as "Interface",
      VpcId: ctx.resolve.text(instance, ["vpc_id"]),
      ServiceName: ctx.resolve.text(instance, ["service_name"]),
      State: "available" as never,
      PrivateDnsEnabled: flag(ctx, instance, ["private_dns_enabled"], false),
      SubnetIds: ctx.resolve.list(instance, ["subnet_ids"]) ?? [],
      Groups: (ctx.resolve.list(instance, ["security_group_ids"]) ?? []).map((GroupId) => ({ GroupId })),
      RouteTableIds: ctx.resolve.list(instance, ["route_table_ids"]) ?? [],
      // Unset, AWS attaches the default policy (full access): "known after apply" is that default, not an unknown.
      ...(policy === undefined || (policy.startsWith("(unknown") && !configured(ctx, instance, "policy")) ? {} : { PolicyDocument: policy }),
    });
  },
  aws_vpc_endpoint_subnet_association: (ctx, instance) => {
    ctx.network.endpointLinks.push({ endpointId: ctx.resolve.text(instance, ["vpc_endpoint_id"]) ?? "", subnetId: ctx.resolve.text(instance, ["subnet_id"]) ?? "" });
  },
  aws_vpc_endpoint_security_group_association: (ctx, instance) => {
    ctx.network.endpointLinks.push({ endpointId: ctx.resolve.text(instance, ["vpc_endpoint_id"]) ?? "", groupId: ctx.resolve.text(instance, ["security_group_id"]) ?? "" });
  },
  aws_vpc_endpoint_route_table_association: (ctx, instance) => {
    ctx.network.endpointLinks.push({ endpointId: ctx.resolve.text(instance, ["vpc_endpoint_id"]) ?? "", routeTableId: ctx.resolve.text(instance, ["route_table_id"]) ?? "" });
  },
  aws_vpc_endpoint_policy: (ctx, instance) => {
    const policy = ctx.resolve.text(instance, ["policy"]);
    if (policy !== undefined) ctx.network.endpointLinks.push({ endpointId: ctx.resolve.text(instance, ["vpc_endpoint_id"]) ?? "", policy });
  },
  aws_security_group: group,
  aws_default_security_group: group,
  aws_security_group_rule: (ctx, instance) => {
    const direction = ctx.resolve.text(instance, ["type"]) === "egress" ? "egress" : "ingress";
    const fields = { protocol: ctx.resolve.text(instance, ["protocol"]), from: number(ctx, instance, ["from_port"]), to: number(ctx, instance, ["to_port"]) };
    const own = ctx.resolve.text(instance, ["security_group_id"]);
    const peers = [
      ...(ctx.resolve.list(instance, ["cidr_blocks"]) ?? []).map((cidr) => ({ cidr })),
      ...(ctx.resolve.list(instance, ["prefix_list_ids"]) ?? []).map((prefixListId) => ({ prefixListId })),
      ...(ctx.resolve.text(instance, ["source_security_group_id"]) === undefined ? [] : [{ groupId: ctx.resolve.text(instance, ["source_security_group_id"]) }]),
      ...(ctx.resolve.text(instance, ["self"]) === "true" && own !== undefined ? [{ groupId: own }] : []),
    ];
    for (const peer of peers) separateRule(ctx, instance, direction, { ...fields, ...peer });
  },
  aws_vpc_security_group_ingress_rule: (ctx, instance) => separateRule(ctx, instance, "ingress", vpcRule(ctx, instance)),
  aws_vpc_security_group_egress_rule: (ctx, instance) => separateRule(ctx, instance, "egress", vpcRule(ctx, instance)),
  aws_network_acl: (ctx, instance, id) => {
    ctx.network.networkAcls.set(id, { NetworkAclId: id, VpcId: ctx.resolve.text(instance, ["vpc_id"]), IsDefault: false, Associations: [], Entries: aclEntries(ctx, instance) });
    for (const subnetId of ctx.resolve.list(instance, ["subnet_ids"]) ?? []) ctx.network.aclAssociations.push({ aclId: id, subnetId });
  },
  aws_default_network_acl: (ctx, instance, id) => {
    ctx.network.networkAcls.set(id, { NetworkAclId: id, VpcId: ctx.resolve.text(instance, ["vpc_id"]), IsDefault: true, Associations: [], Entries: aclEntries(ctx, instance) });
    for (const subnetId of ctx.resolve.list(instance, ["subnet_ids"]) ?? []) ctx.network.aclAssociations.push({ aclId: id, subnetId });
  },
  aws_network_acl_rule: (ctx, instance) => {
    ctx.network.aclEntries.push({ aclId: ctx.resolve.text(instance, ["network_acl_id"]) ?? "", entry: aclEntry(ctx, instance, [], undefined, { number: "rule_number", action: "rule_action" }) });
  },
  aws_network_acl_association: (ctx, instance) => {
    ctx.network.aclAssociations.push({ aclId: ctx.resolve.text(instance, ["network_acl_id"]) ?? "", subnetId: ctx.resolve.text(instance, ["subnet_id"]) ?? "" });
  },
  aws_vpc_dhcp_options: (ctx, instance, id) => {
    const servers = ctx.resolve.list(instance, ["domain_name_servers"]);
    const domain = ctx.resolve.text(instance, ["domain_name"]);
    ctx.network.dhcpOptions.set(id, {
      DhcpOptionsId: id,
      DhcpConfigurations: [
        ...(servers === undefined || servers.length === 0 ? [] : [{ Key: "domain-name-servers", Values: servers.map((Value) => ({ Value })) }]),
        ...(domain === undefined || domain === "" ? [] : [{ Key: "domain-name", Values: [{ Value: domain }] }]),
      ],
    });
  },
  aws_vpc_dhcp_options_association: (ctx, instance) => {
    ctx.network.dhcpAssociations.push({ vpcId: ctx.resolve.text(instance, ["vpc_id"]) ?? "", dhcpOptionsId: ctx.resolve.text(instance, ["dhcp_options_id"]) ?? "" });
  },
  aws_lambda_function: (ctx, instance) => {
    const name = ctx.resolve.text(instance, ["function_name"]) ?? instance.address;
    const arn = instance.values.arn;
    const env = envOf(instance);
    const tags = instance.values.tags;
    const fn = lambdaFunction({
      name,
      arn: typeof arn === "string" ? arn : lambdaArn(ctx.region, ctx.account, name),
      subnetIds: ctx.resolve.list(instance, ["vpc_config", 0, "subnet_ids"]) ?? [],
      groupIds: ctx.resolve.list(instance, ["vpc_config", 0, "security_group_ids"]) ?? [],
      ...(env === undefined ? {} : { environment: env }),
      kmsKeyArn: ctx.resolve.text(instance, ["kms_key_arn"]),
      role: ctx.resolve.text(instance, ["role"]),
      runtime: ctx.resolve.text(instance, ["runtime"]),
      tags: tags !== null && typeof tags === "object" && !(tags instanceof AfterApply) ? Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === "string")) : {},
      ipv6: ctx.resolve.text(instance, ["vpc_config", 0, "ipv6_allowed_for_dual_stack"]) === "true",
    });
    ctx.network.functions.set(fn.FunctionArn, fn);
    ctx.network.locate(fn.FunctionArn, ctx.locationOf(instance));
  },
  ...LANDING_HANDLERS,
};

function vpcRule(ctx: TerraformContext, instance: Instance): Parameters<typeof permission>[0] {
  return {
    protocol: ctx.resolve.text(instance, ["ip_protocol"]),
    from: number(ctx, instance, ["from_port"]),
    to: number(ctx, instance, ["to_port"]),
    cidr: ctx.resolve.text(instance, ["cidr_ipv4"]),
    ipv6Cidr: ctx.resolve.text(instance, ["cidr_ipv6"]),
    prefixListId: ctx.resolve.text(instance, ["prefix_list_id"]),
    groupId: ctx.resolve.text(instance, ["referenced_security_group_id"]),
  };
}

/** Where an attached part lands: the location of the resource it is attached to, when that comes from elsewhere. */
const ATTACHED_TO: Readonly<Record<string, string>> = {
  aws_route: "route_table_id",
  aws_security_group_rule: "security_group_id",
  aws_vpc_security_group_ingress_rule: "security_group_id",
  aws_vpc_security_group_egress_rule: "security_group_id",
  aws_network_acl_rule: "network_acl_id",
  aws_vpc_endpoint_subnet_association: "vpc_endpoint_id",
  aws_vpc_endpoint_security_group_association: "vpc_endpoint_id",
  aws_vpc_endpoint_policy: "vpc_endpoint_id",
  aws_ec2_transit_gateway_route: "transit_gateway_route_table_id",
  aws_route53_record: "zone_id",
};

/** Reads one planned instance (managed or data source) into the network; other types are left out. */
export function addInstance(ctx: TerraformContext, instance: Instance): void {
  const handler = HANDLERS[instance.type];
  if (handler === undefined) return;
  const id = ctx.resolve.idOf(instance);
  handler(ctx, instance, id);
  const attached = ATTACHED_TO[instance.type];
  const owner = attached === undefined ? id : ctx.resolve.text(instance, [attached]);
  if (instance.mode === "managed" && owner !== undefined) ctx.network.locate(owner, ctx.locationOf(instance));
}
