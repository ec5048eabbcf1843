import { CALL_NAMES, ENV_VALUE_CLASSES, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./types.js";
import type { CallName } from "./types.js";

/**
 * JSON Schema of a snapshot, limited to what the model and the rules read: the types of those fields, and the ids
 * AWS always returns. Every AWS object allows additional properties, so real `aws ... --output json` output passes.
 */

/** The snapshot versions this build reads. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [SNAPSHOT_VERSION];

type JsonSchema = Readonly<Record<string, unknown>>;

const str: JsonSchema = { type: "string" };
const bool: JsonSchema = { type: "boolean" };
const int: JsonSchema = { type: "integer" };
const num: JsonSchema = { type: "number" };
const strings: JsonSchema = { type: "array", items: str };
const stringMap: JsonSchema = { type: "object", additionalProperties: str };

function obj(properties: Readonly<Record<string, JsonSchema | boolean>>, required: readonly string[] = []): JsonSchema {
  return required.length === 0 ? { type: "object", properties } : { type: "object", properties, required };
}

function arr(items: JsonSchema): JsonSchema {
  return { type: "array", items };
}

const tags = arr(obj({ Key: str, Value: str }));

const vpc = obj(
  { VpcId: str, CidrBlock: str, State: str, DhcpOptionsId: str, IsDefault: bool, OwnerId: str, CidrBlockAssociationSet: arr(obj({ CidrBlock: str })), Tags: tags },
  ["VpcId"],
);

const vpcAttribute = obj(
  { VpcId: str, EnableDnsSupport: obj({ Value: bool }), EnableDnsHostnames: obj({ Value: bool }) },
  ["VpcId"],
);

const subnet = obj(
  { SubnetId: str, VpcId: str, CidrBlock: str, AvailabilityZone: str, AvailabilityZoneId: str, AvailableIpAddressCount: int, State: str, MapPublicIpOnLaunch: bool, Ipv6CidrBlockAssociationSet: arr(obj({ Ipv6CidrBlock: str })), Tags: tags },
  ["SubnetId", "VpcId"],
);

const route = obj({
  DestinationCidrBlock: str,
  DestinationIpv6CidrBlock: str,
  DestinationPrefixListId: str,
  GatewayId: str,
  NatGatewayId: str,
  TransitGatewayId: str,
  VpcPeeringConnectionId: str,
  NetworkInterfaceId: str,
  InstanceId: str,
  EgressOnlyInternetGatewayId: str,
  LocalGatewayId: str,
  CarrierGatewayId: str,
  CoreNetworkArn: str,
  State: { enum: ["active", "blackhole", "filtered"] },
  Origin: str,
});

const routeTable = obj(
  {
    RouteTableId: str,
    VpcId: str,
    Routes: arr(route),
    Associations: arr(obj({ Main: bool, SubnetId: str, GatewayId: str, RouteTableId: str, AssociationState: obj({ State: str }) })),
    Tags: tags,
  },
  ["RouteTableId", "VpcId"],
);

const gatewayAttachments = arr(obj({ VpcId: str, State: str }));

const internetGateway = obj({ InternetGatewayId: str, Attachments: gatewayAttachments, Tags: tags }, ["InternetGatewayId"]);

const egressOnlyInternetGateway = obj(
  { EgressOnlyInternetGatewayId: str, Attachments: gatewayAttachments, Tags: tags },
  ["EgressOnlyInternetGatewayId"],
);

const natGateway = obj(
  {
    NatGatewayId: str,
    VpcId: str,
    SubnetId: str,
    State: { enum: ["pending", "failed", "available", "deleting", "deleted"] },
    ConnectivityType: { enum: ["public", "private"] },
    AvailabilityMode: str,
    NatGatewayAddresses: arr(obj({ AllocationId: str, NetworkInterfaceId: str, PrivateIp: str, PublicIp: str, Status: str, IsPrimary: bool })),
    Tags: tags,
  },
  ["NatGatewayId"],
);

const vpcEndpoint = obj(
  {
    VpcEndpointId: str,
    VpcEndpointType: str,
    VpcId: str,
    ServiceName: str,
    State: str,
    PolicyDocument: str,
    RouteTableIds: strings,
    SubnetIds: strings,
    Groups: arr(obj({ GroupId: str, GroupName: str })),
    PrivateDnsEnabled: bool,
    NetworkInterfaceIds: strings,
    DnsOptions: obj({ DnsRecordIpType: str, PrivateDnsOnlyForInboundResolverEndpoint: bool }),
    IpAddressType: str,
    Tags: tags,
  },
  ["VpcEndpointId"],
);

const endpointServices = obj(
  {
    ServiceNames: strings,
    ServiceDetails: arr(obj({ ServiceName: str, ServiceType: arr(obj({ ServiceType: str })), AvailabilityZones: strings, PrivateDnsName: str })),
  },
  ["ServiceNames"],
);

const ipPermission = obj(
  {
    IpProtocol: str,
    FromPort: int,
    ToPort: int,
    IpRanges: arr(obj({ CidrIp: str })),
    Ipv6Ranges: arr(obj({ CidrIpv6: str })),
    PrefixListIds: arr(obj({ PrefixListId: str })),
    UserIdGroupPairs: arr(obj({ GroupId: str, UserId: str, VpcId: str })),
  },
  ["IpProtocol"],
);

const securityGroup = obj(
  { GroupId: str, GroupName: str, VpcId: str, IpPermissions: arr(ipPermission), IpPermissionsEgress: arr(ipPermission), Tags: tags },
  ["GroupId"],
);

const networkAclEntry = obj(
  {
    RuleNumber: int,
    Protocol: str,
    RuleAction: { enum: ["allow", "deny"] },
    Egress: bool,
    CidrBlock: str,
    Ipv6CidrBlock: str,
    PortRange: obj({ From: int, To: int }),
    IcmpTypeCode: obj({ Code: int, Type: int }),
  },
  ["RuleNumber", "Protocol", "RuleAction", "Egress"],
);

const networkAcl = obj(
  {
    NetworkAclId: str,
    VpcId: str,
    IsDefault: bool,
    Entries: arr(networkAclEntry),
    Associations: arr(obj({ NetworkAclAssociationId: str, NetworkAclId: str, SubnetId: str })),
    Tags: tags,
  },
  ["NetworkAclId"],
);

const prefixList = obj({ PrefixListId: str, PrefixListName: str, AddressFamily: str, State: str, MaxEntries: int }, ["PrefixListId"]);

const prefixListEntries = obj({ PrefixListId: str, Entries: arr(obj({ Cidr: str, Description: str }, ["Cidr"])) }, ["PrefixListId", "Entries"]);

const dhcpOptions = obj(
  { DhcpOptionsId: str, DhcpConfigurations: arr(obj({ Key: str, Values: arr(obj({ Value: str })) })), Tags: tags },
  ["DhcpOptionsId"],
);

const address = obj(
  { AllocationId: str, PublicIp: str, AssociationId: str, Domain: str, NetworkInterfaceId: str, InstanceId: str, PrivateIpAddress: str, Tags: tags },
  ["AllocationId"],
);

const accountAttribute = obj({ AttributeName: str, AttributeValues: arr(obj({ AttributeValue: str })) });

const serviceQuota = obj({ Quota: obj({ ServiceCode: str, QuotaCode: str, Value: num }) }, ["Quota"]);

/** Variables is `false`: secrets never enter a snapshot. validate.ts turns that error into its own message. */
const lambdaFunction = obj(
  {
    FunctionName: str,
    FunctionArn: str,
    VpcConfig: obj({ SubnetIds: strings, SecurityGroupIds: strings, VpcId: str, Ipv6AllowedForDualStack: bool }),
    Environment: obj({
      Variables: false,
      VariableClasses: { type: "object", additionalProperties: { enum: [...ENV_VALUE_CLASSES] } },
      VariableRegions: { type: "object", additionalProperties: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$" } },
      Error: obj({ ErrorCode: str, Message: str }),
    }),
    Layers: arr(obj({ Arn: str })),
    KMSKeyArn: str,
    Role: str,
    Runtime: str,
    State: str,
    Tags: stringMap,
  },
  ["FunctionName", "FunctionArn"],
);

const functionState = obj(
  {
    FunctionName: str,
    FunctionArn: str,
    State: str,
    StateReason: str,
    StateReasonCode: str,
    LastUpdateStatus: str,
    LastUpdateStatusReason: str,
    LastUpdateStatusReasonCode: str,
    Environment: obj({ Variables: false }),
  },
  ["FunctionArn"],
);

const natGatewayTraffic = obj(
  { NatGatewayId: str, BytesOutToDestination: num, BytesInFromDestination: num, Days: num },
  ["NatGatewayId", "BytesOutToDestination", "BytesInFromDestination", "Days"],
);

const transitGateway = obj(
  {
    TransitGatewayId: str,
    TransitGatewayArn: str,
    State: str,
    OwnerId: str,
    Options: obj({
      DefaultRouteTableAssociation: str,
      AssociationDefaultRouteTableId: str,
      DefaultRouteTablePropagation: str,
      PropagationDefaultRouteTableId: str,
      DnsSupport: str,
      SecurityGroupReferencingSupport: str,
      TransitGatewayCidrBlocks: strings,
    }),
    Tags: tags,
  },
  ["TransitGatewayId"],
);

const transitGatewayAttachment = obj(
  {
    TransitGatewayAttachmentId: str,
    TransitGatewayId: str,
    TransitGatewayOwnerId: str,
    ResourceOwnerId: str,
    ResourceType: str,
    ResourceId: str,
    State: str,
    Association: obj({ TransitGatewayRouteTableId: str, State: str }),
    Tags: tags,
  },
  ["TransitGatewayAttachmentId"],
);

const transitGatewayVpcAttachment = obj(
  {
    TransitGatewayAttachmentId: str,
    TransitGatewayId: str,
    VpcId: str,
    VpcOwnerId: str,
    State: str,
    SubnetIds: strings,
    Options: obj({ DnsSupport: str, SecurityGroupReferencingSupport: str, Ipv6Support: str, ApplianceModeSupport: str }),
    Tags: tags,
  },
  ["TransitGatewayAttachmentId"],
);

const transitGatewayRouteTable = obj(
  { TransitGatewayRouteTableId: str, TransitGatewayId: str, State: str, DefaultAssociationRouteTable: bool, DefaultPropagationRouteTable: bool, Tags: tags },
  ["TransitGatewayRouteTableId"],
);

const attachmentRef = { TransitGatewayAttachmentId: str, ResourceId: str, ResourceType: str, State: str };

const routeTableAssociations = obj(
  { TransitGatewayRouteTableId: str, Associations: arr(obj(attachmentRef)) },
  ["TransitGatewayRouteTableId", "Associations"],
);

const routeTablePropagations = obj(
  { TransitGatewayRouteTableId: str, TransitGatewayRouteTablePropagations: arr(obj(attachmentRef)) },
  ["TransitGatewayRouteTableId", "TransitGatewayRouteTablePropagations"],
);

const transitGatewayRoute = obj({
  DestinationCidrBlock: str,
  PrefixListId: str,
  TransitGatewayAttachments: arr(obj({ TransitGatewayAttachmentId: str, ResourceId: str, ResourceType: str })),
  Type: str,
  State: str,
});

const transitGatewayRoutes = obj(
  { TransitGatewayRouteTableId: str, Routes: arr(transitGatewayRoute), AdditionalRoutesAvailable: bool },
  ["TransitGatewayRouteTableId", "Routes", "AdditionalRoutesAvailable"],
);

const peeringSide = obj({
  CidrBlock: str,
  CidrBlockSet: arr(obj({ CidrBlock: str })),
  OwnerId: str,
  VpcId: str,
  Region: str,
  PeeringOptions: obj({ AllowDnsResolutionFromRemoteVpc: bool }),
});

const vpcPeeringConnection = obj(
  { VpcPeeringConnectionId: str, AccepterVpcInfo: peeringSide, RequesterVpcInfo: peeringSide, Status: obj({ Code: str, Message: str }), Tags: tags },
  ["VpcPeeringConnectionId"],
);

const hostedZonesByVpc = obj(
  {
    VPCId: str,
    VPCRegion: str,
    HostedZoneSummaries: arr(obj({ HostedZoneId: str, Name: str, Owner: obj({ OwningAccount: str, OwningService: str }) }, ["HostedZoneId", "Name"])),
  },
  ["VPCId", "VPCRegion", "HostedZoneSummaries"],
);

const hostedZone = obj({ Id: str, Name: str, Config: obj({ PrivateZone: bool, Comment: str }), ResourceRecordSetCount: num }, ["Id", "Name"]);

const resourceRecordSet = obj(
  {
    Name: str,
    Type: str,
    SetIdentifier: str,
    TTL: num,
    ResourceRecords: arr(obj({ Value: str }, ["Value"])),
    AliasTarget: obj({ HostedZoneId: str, DNSName: str, EvaluateTargetHealth: bool }, ["DNSName"]),
  },
  ["Name", "Type"],
);

const resourceRecordSets = obj({ HostedZoneId: str, ResourceRecordSets: arr(resourceRecordSet) }, ["HostedZoneId", "ResourceRecordSets"]);

const resolverRule = obj(
  {
    Id: str,
    Arn: str,
    DomainName: str,
    Status: str,
    RuleType: str,
    Name: str,
    TargetIps: arr(obj({ Ip: str, Ipv6: str, Port: int, Protocol: str })),
    ResolverEndpointId: str,
    OwnerId: str,
    ShareStatus: str,
  },
  ["Id"],
);

const resolverRuleAssociation = obj({ Id: str, ResolverRuleId: str, Name: str, VPCId: str, Status: str }, ["ResolverRuleId", "VPCId"]);

const profileSummary = obj({ Id: str, Arn: str, Name: str, ShareStatus: str }, ["Id"]);

const profileAssociation = obj({ Id: str, Name: str, OwnerId: str, ProfileId: str, ResourceId: str, Status: str }, ["ProfileId", "ResourceId"]);

const profileResourceAssociations = obj(
  {
    ProfileId: str,
    ProfileResourceAssociations: arr(
      obj({ Id: str, Name: str, OwnerId: str, ProfileId: str, ResourceArn: str, ResourceType: str, ResourceProperties: str, Status: str }, ["ResourceArn"]),
    ),
  },
  ["ProfileId", "ProfileResourceAssociations"],
);

function list(key: string, items: JsonSchema): JsonSchema {
  return obj({ [key]: arr(items) }, [key]);
}

const callData: Readonly<Record<CallName, JsonSchema>> = {
  DescribeVpcs: list("Vpcs", vpc),
  DescribeVpcAttribute: arr(vpcAttribute),
  DescribeSubnets: list("Subnets", subnet),
  DescribeRouteTables: list("RouteTables", routeTable),
  DescribeInternetGateways: list("InternetGateways", internetGateway),
  DescribeEgressOnlyInternetGateways: list("EgressOnlyInternetGateways", egressOnlyInternetGateway),
  DescribeNatGateways: list("NatGateways", natGateway),
  DescribeVpcEndpoints: list("VpcEndpoints", vpcEndpoint),
  DescribeVpcEndpointServices: endpointServices,
  DescribeSecurityGroups: list("SecurityGroups", securityGroup),
  DescribeNetworkAcls: list("NetworkAcls", networkAcl),
  DescribeManagedPrefixLists: list("PrefixLists", prefixList),
  GetManagedPrefixListEntries: arr(prefixListEntries),
  DescribeDhcpOptions: list("DhcpOptions", dhcpOptions),
  DescribeAddresses: list("Addresses", address),
  DescribeAccountAttributes: list("AccountAttributes", accountAttribute),
  GetServiceQuota: serviceQuota,
  GetAWSDefaultServiceQuota: serviceQuota,
  ListFunctions: list("Functions", lambdaFunction),
  GetFunctionConfiguration: arr(functionState),
  NatGatewayTraffic: arr(natGatewayTraffic),
  DescribeTransitGateways: list("TransitGateways", transitGateway),
  DescribeTransitGatewayAttachments: list("TransitGatewayAttachments", transitGatewayAttachment),
  DescribeTransitGatewayVpcAttachments: list("TransitGatewayVpcAttachments", transitGatewayVpcAttachment),
  DescribeTransitGatewayRouteTables: list("TransitGatewayRouteTables", transitGatewayRouteTable),
  GetTransitGatewayRouteTableAssociations: arr(routeTableAssociations),
  GetTransitGatewayRouteTablePropagations: arr(routeTablePropagations),
  SearchTransitGatewayRoutes: arr(transitGatewayRoutes),
  DescribeVpcPeeringConnections: list("VpcPeeringConnections", vpcPeeringConnection),
  ListHostedZonesByVPC: arr(hostedZonesByVpc),
  ListHostedZones: list("HostedZones", hostedZone),
  ListResourceRecordSets: arr(resourceRecordSets),
  ListResolverRules: list("ResolverRules", resolverRule),
  ListResolverRuleAssociations: list("ResolverRuleAssociations", resolverRuleAssociation),
  ListProfiles: list("ProfileSummaries", profileSummary),
  ListProfileAssociations: list("ProfileAssociations", profileAssociation),
  ListProfileResourceAssociations: arr(profileResourceAssociations),
};

/** {status:"ok",data} or {status:"failed",error:{code,message}}, told apart by `status`. */
function callRecord(data: JsonSchema): JsonSchema {
  return {
    type: "object",
    properties: { status: { enum: ["ok", "failed"] } },
    required: ["status"],
    discriminator: { propertyName: "status" },
    oneOf: [
      { properties: { status: { const: "ok" }, data }, required: ["status", "data"] },
      { properties: { status: { const: "failed" }, error: obj({ code: str, message: str }, ["code", "message"]) }, required: ["status", "error"] },
    ],
  };
}

export const ACCOUNT_ID_PATTERN = "^[0-9]{12}$";
export const REGION_NAME_PATTERN = "^[a-z]{2}(-[a-z]+)+-[0-9]+$";

const calls: JsonSchema = {
  type: "object",
  properties: Object.fromEntries(CALL_NAMES.map((name) => [name, callRecord(callData[name])])),
  additionalProperties: false,
};

const region = obj({ calls }, ["calls"]);

const account = obj(
  {
    regions: { type: "object", propertyNames: { pattern: REGION_NAME_PATTERN }, additionalProperties: region },
    error: obj({ code: str, message: str }, ["code", "message"]),
  },
  ["regions"],
);

export const snapshotSchema: JsonSchema = {
  type: "object",
  properties: {
    format: { const: SNAPSHOT_FORMAT },
    version: { const: SNAPSHOT_VERSION },
    collectedAt: str,
    source: obj({ kind: { enum: ["aws-sdk", "aws-cli", "fixture", "synthetic", "merged"] }, description: str }, ["kind"]),
    accounts: { type: "object", propertyNames: { pattern: ACCOUNT_ID_PATTERN }, additionalProperties: account },
    notes: arr(obj({ account: str, region: str, message: str }, ["message"])),
  },
  required: ["format", "version", "accounts"],
};
