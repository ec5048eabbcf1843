import type { DhcpConfiguration, Route } from "@aws-sdk/client-ec2";
import { unknownValue } from "../../model/unknown.js";
import { lambdaArn, syntheticId } from "../ids.js";
import { addNewVpc, lambdaFunction, permission, type EnvInput } from "../parts.js";
import { fieldBoolean, fieldList, fieldNumber, fieldText, Unknown } from "./intrinsics.js";
import { LANDING_HANDLERS } from "./landing-resources.js";
import type { LogicalResource, StackContext } from "./stack.js";

type Props = Record<string, unknown>;
export type Handler = (ctx: StackContext, resource: LogicalResource, props: Props) => void;

const text = (value: unknown) => fieldText(value);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Unknown);
}

/** A CloudFormation security group rule (inline or its own resource) as an IpPermission. */
function rule(props: Props, direction: "ingress" | "egress") {
  const peerGroup = direction === "ingress" ? props.SourceSecurityGroupId : props.DestinationSecurityGroupId;
  const peerList = direction === "ingress" ? props.SourcePrefixListId : props.DestinationPrefixListId;
  return permission({
    protocol: text(props.IpProtocol),
    from: fieldNumber(props.FromPort),
    to: fieldNumber(props.ToPort),
    cidr: text(props.CidrIp),
    ipv6Cidr: text(props.CidrIpv6),
    groupId: text(peerGroup),
    prefixListId: text(peerList),
  });
}

const ROUTE_TARGETS: readonly [string, keyof Route][] = [
  ["GatewayId", "GatewayId"],
  ["NatGatewayId", "NatGatewayId"],
  ["TransitGatewayId", "TransitGatewayId"],
  ["VpcPeeringConnectionId", "VpcPeeringConnectionId"],
  ["NetworkInterfaceId", "NetworkInterfaceId"],
  ["InstanceId", "InstanceId"],
  ["EgressOnlyInternetGatewayId", "EgressOnlyInternetGatewayId"],
  ["CarrierGatewayId", "CarrierGatewayId"],
  ["LocalGatewayId", "LocalGatewayId"],
  ["CoreNetworkArn", "CoreNetworkArn"],
  ["VpcEndpointId", "GatewayId"],
];

function environment(ctx: StackContext, resource: LogicalResource, props: Props): Record<string, EnvInput> | undefined {
  const variables = (props.Environment as Props | undefined)?.Variables;
  if (!isRecord(variables)) return undefined;
  const raw = (((resource.properties.Environment as Props | undefined)?.Variables ?? {}) as Props) ?? {};
  const result: Record<string, EnvInput> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (refersToKmsKey(ctx, raw[name])) result[name] = { kmsKey: true };
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") result[name] = { value: String(value) };
    else result[name] = { unknown: true };
  }
  return result;
}

/** `!Ref Key`, `!GetAtt Key.Arn` or `!Ref Alias` of a KMS key in the template: a key reference whatever its ARN will be. */
function refersToKmsKey(ctx: StackContext, raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  const target = typeof raw.Ref === "string" ? raw.Ref : Array.isArray(raw["Fn::GetAtt"]) ? String(raw["Fn::GetAtt"][0]) : undefined;
  const type = target === undefined ? undefined : ctx.typeOf(target);
  return type === "AWS::KMS::Key" || type === "AWS::KMS::Alias";
}

function tags(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.flatMap((tag) => (isRecord(tag) && typeof tag.Key === "string" && typeof tag.Value === "string" ? [[tag.Key, tag.Value]] : [])));
  }
  return isRecord(value) ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))) : {};
}

const addFunction: Handler = (ctx, resource, props) => {
  const name = ctx.functionName(resource);
  const vpc = isRecord(props.VpcConfig) ? props.VpcConfig : {};
  const env = environment(ctx, resource, props);
  const fn = lambdaFunction({
    name,
    arn: lambdaArn(ctx.region, ctx.account, name),
    subnetIds: fieldList(vpc.SubnetIds) ?? [],
    groupIds: fieldList(vpc.SecurityGroupIds) ?? [],
    ...(env === undefined ? {} : { environment: env }),
    kmsKeyArn: text(props.KmsKeyArn),
    role: text(props.Role),
    runtime: text(props.Runtime),
    tags: tags(props.Tags),
    ipv6: vpc.Ipv6AllowedForDualStack === true,
  });
  ctx.network.functions.set(fn.FunctionArn, fn);
  ctx.network.locate(fn.FunctionArn, resource.location);
};

const HANDLERS: Readonly<Record<string, Handler>> = {
  "AWS::EC2::VPC": (ctx, resource, props) => {
    const cidr = props.Ipv4IpamPoolId !== undefined && props.CidrBlock === undefined ? unknownValue(`the CIDR IPAM pool ${text(props.Ipv4IpamPoolId)} allocates`) : text(props.CidrBlock);
    addNewVpc(ctx.network, ctx.id(resource.logicalId), ctx.name(resource.logicalId), cidr, { support: fieldBoolean(props.EnableDnsSupport, true), hostnames: fieldBoolean(props.EnableDnsHostnames, false) }, resource.location);
  },
  "AWS::EC2::Subnet": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    const cidr = props.CidrBlock === undefined && props.Ipv4IpamPoolId !== undefined ? unknownValue(`the CIDR IPAM pool ${text(props.Ipv4IpamPoolId)} allocates`) : text(props.CidrBlock);
    const zone = text(props.AvailabilityZone);
    ctx.network.subnets.set(id, {
      SubnetId: id,
      VpcId: text(props.VpcId),
      ...(cidr === undefined ? {} : { CidrBlock: cidr }),
      ...(zone === undefined ? {} : { AvailabilityZone: zone }),
      MapPublicIpOnLaunch: fieldBoolean(props.MapPublicIpOnLaunch, false),
      State: "available",
    });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::RouteTable": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    ctx.network.routeTables.set(id, { RouteTableId: id, VpcId: text(props.VpcId), Routes: [], Associations: [] });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::Route": (ctx, resource, props) => {
    const tableId = text(props.RouteTableId) ?? "";
    const route: Record<string, string> = { State: "active", Origin: "CreateRoute" };
    for (const key of ["DestinationCidrBlock", "DestinationPrefixListId", "DestinationIpv6CidrBlock"]) {
      const value = text(props[key]);
      if (value !== undefined) route[key] = value;
    }
    for (const [property, field] of ROUTE_TARGETS) {
      const value = text(props[property]);
      if (value !== undefined) route[field] = value;
    }
    ctx.network.routes.push({ tableId, route: route as Route });
    ctx.network.locate(tableId, resource.location);
  },
  "AWS::EC2::SubnetRouteTableAssociation": (ctx, _resource, props) => {
    ctx.network.tableAssociations.push({ tableId: text(props.RouteTableId) ?? "", subnetId: text(props.SubnetId) ?? "" });
  },
  "AWS::EC2::InternetGateway": (ctx, resource) => {
    const id = ctx.id(resource.logicalId);
    ctx.network.internetGateways.set(id, { InternetGatewayId: id, Attachments: [] });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::VPCGatewayAttachment": (ctx, _resource, props) => {
    const gatewayId = text(props.InternetGatewayId);
    if (gatewayId !== undefined) ctx.network.gatewayAttachments.push({ gatewayId, vpcId: text(props.VpcId) ?? "" });
  },
  "AWS::EC2::EIP": (ctx, resource) => {
    const id = syntheticId("eipalloc", ctx.name(resource.logicalId));
    ctx.network.addresses.set(id, { AllocationId: id, PublicIp: unknownValue(`the public IP of ${ctx.name(resource.logicalId)}, allocated at deploy`), Domain: "vpc" });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::NatGateway": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    const connectivity = text(props.ConnectivityType) ?? "public";
    const allocation = text(props.AllocationId);
    const subnetId = text(props.SubnetId);
    const address = allocation === undefined ? undefined : ctx.network.addresses.get(allocation);
    const publicIp = address?.PublicIp ?? (allocation === undefined ? undefined : unknownValue(`the public IP of ${allocation}`));
    ctx.network.natGateways.set(id, {
      NatGatewayId: id,
      ...(subnetId === undefined ? {} : { SubnetId: subnetId }),
      State: "available",
      ConnectivityType: connectivity as "public",
      NatGatewayAddresses: allocation === undefined ? [] : [{ AllocationId: allocation, ...(connectivity === "private" || publicIp === undefined ? {} : { PublicIp: publicIp }), IsPrimary: true, Status: "succeeded" }],
    });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::VPCEndpoint": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    const type = text(props.VpcEndpointType) ?? "Gateway";
    const policy = props.PolicyDocument;
    ctx.network.endpoints.set(id, {
      VpcEndpointId: id,
      VpcEndpointType: type as "Interface",
      VpcId: text(props.VpcId),
      ServiceName: text(props.ServiceName),
      // The wire value (aws-semantics §2.6); the SDK's enum spells it "Available".
      State: "available" as never,
      PrivateDnsEnabled: fieldBoolean(props.PrivateDnsEnabled, false),
      SubnetIds: fieldList(props.SubnetIds) ?? [],
      Groups: (fieldList(props.SecurityGroupIds) ?? []).map((GroupId) => ({ GroupId })),
      RouteTableIds: fieldList(props.RouteTableIds) ?? [],
      ...(policy === undefined ? {} : { PolicyDocument: typeof policy === "string" ? policy : JSON.stringify(policy) }),
    });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::SecurityGroup": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    const ingress = Array.isArray(props.SecurityGroupIngress) ? props.SecurityGroupIngress.filter(isRecord).map((r) => rule(r, "ingress")) : [];
    // Without SecurityGroupEgress, CloudFormation keeps the default rule that allows all outbound traffic.
    const egress = Array.isArray(props.SecurityGroupEgress)
      ? props.SecurityGroupEgress.filter(isRecord).map((r) => rule(r, "egress"))
      : [permission({ protocol: "-1", cidr: "0.0.0.0/0" })];
    ctx.network.securityGroups.set(id, { GroupId: id, GroupName: text(props.GroupName) ?? ctx.name(resource.logicalId), VpcId: text(props.VpcId), IpPermissions: ingress, IpPermissionsEgress: egress });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::SecurityGroupIngress": (ctx, _resource, props) => {
    ctx.network.groupRules.push({ groupId: text(props.GroupId) ?? "", direction: "ingress", permission: rule(props, "ingress") });
  },
  "AWS::EC2::SecurityGroupEgress": (ctx, _resource, props) => {
    ctx.network.groupRules.push({ groupId: text(props.GroupId) ?? "", direction: "egress", permission: rule(props, "egress") });
  },
  "AWS::EC2::NetworkAcl": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    ctx.network.networkAcls.set(id, { NetworkAclId: id, VpcId: text(props.VpcId), IsDefault: false, Associations: [], Entries: [] });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::NetworkAclEntry": (ctx, _resource, props) => {
    const range = isRecord(props.PortRange) ? props.PortRange : undefined;
    ctx.network.aclEntries.push({
      aclId: text(props.NetworkAclId) ?? "",
      entry: {
        RuleNumber: fieldNumber(props.RuleNumber),
        Protocol: text(props.Protocol),
        RuleAction: text(props.RuleAction) as "allow",
        Egress: fieldBoolean(props.Egress, false),
        ...(props.CidrBlock === undefined ? {} : { CidrBlock: text(props.CidrBlock) }),
        ...(props.Ipv6CidrBlock === undefined ? {} : { Ipv6CidrBlock: text(props.Ipv6CidrBlock) }),
        ...(range === undefined ? {} : { PortRange: { From: fieldNumber(range.From), To: fieldNumber(range.To) } }),
      },
    });
  },
  "AWS::EC2::SubnetNetworkAclAssociation": (ctx, _resource, props) => {
    ctx.network.aclAssociations.push({ aclId: text(props.NetworkAclId) ?? "", subnetId: text(props.SubnetId) ?? "" });
  },
  "AWS::EC2::DHCPOptions": (ctx, resource, props) => {
    const id = ctx.id(resource.logicalId);
    const configurations: DhcpConfiguration[] = [];
    const servers = fieldList(props.DomainNameServers);
    if (servers !== undefined) configurations.push({ Key: "domain-name-servers", Values: servers.map((Value) => ({ Value })) });
    const domain = text(props.DomainName);
    if (domain !== undefined) configurations.push({ Key: "domain-name", Values: [{ Value: domain }] });
    ctx.network.dhcpOptions.set(id, { DhcpOptionsId: id, DhcpConfigurations: configurations });
    ctx.network.locate(id, resource.location);
  },
  "AWS::EC2::VPCDHCPOptionsAssociation": (ctx, _resource, props) => {
    ctx.network.dhcpAssociations.push({ vpcId: text(props.VpcId) ?? "", dhcpOptionsId: text(props.DhcpOptionsId) ?? "" });
  },
  "AWS::Lambda::Function": addFunction,
  "AWS::Serverless::Function": addFunction,
  ...LANDING_HANDLERS,
};

/** Reads one resource, if it is one the path model needs; every other type is left out. */
export function addResource(ctx: StackContext, resource: LogicalResource): void {
  const handler = HANDLERS[resource.type];
  if (handler !== undefined) handler(ctx, resource, ctx.props(resource));
}
