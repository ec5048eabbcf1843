import type {
  AccountAttribute,
  Address,
  DhcpOptions,
  EgressOnlyInternetGateway,
  InternetGateway,
  ManagedPrefixList,
  NatGateway,
  NetworkAcl,
  PrefixListEntry,
  RouteTable,
  SecurityGroup,
  ServiceDetail,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  TransitGatewayRouteTableAssociation,
  TransitGatewayRouteTablePropagation,
  TransitGatewayVpcAttachment,
  Vpc,
  VpcEndpoint,
  VpcPeeringConnection,
} from "@aws-sdk/client-ec2";
import type { HostedZone, HostedZoneSummary, ResourceRecordSet } from "@aws-sdk/client-route-53";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { ServiceQuota } from "@aws-sdk/client-service-quotas";

/**
 * The snapshot is the contract between collectors and everything after them.
 * Inside a region it holds AWS's own shapes (SDK v3 / `aws --output json`), keyed by the call that returned them.
 * A call that is absent was not collected; a call with status "failed" was denied or broke. Both are gaps.
 */
export const SNAPSHOT_FORMAT = "kms-audit/snapshot";
export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly collectedAt?: string;
  readonly source?: SnapshotSource;
  readonly accounts: Readonly<Record<string, AccountSnapshot>>;
  /** What the collection could not do and the report should say: a region skipped, tags that could not be read. */
  readonly notes?: readonly SnapshotNote[];
}

export interface SnapshotNote {
  /** The account the note is about, in a snapshot of several accounts. */
  readonly account?: string;
  readonly region?: string;
  readonly message: string;
}

export interface SnapshotSource {
  /** "merged": `kms-audit merge` of several snapshots, whose sources the description lists. */
  readonly kind: "aws-sdk" | "aws-cli" | "fixture" | "synthetic" | "merged";
  readonly description?: string;
}

export interface AccountSnapshot {
  readonly regions: Readonly<Record<string, RegionSnapshot>>;
  /**
   * Why the account could not be collected at all (STS AssumeRole denied, the role missing): every region of it is a
   * gap. Present only with no regions; a merge drops it when another input collected the account.
   */
  readonly error?: CallError;
}

export interface RegionSnapshot {
  readonly calls: RegionCalls;
}

export interface CallError {
  readonly code: string;
  readonly message: string;
}

export type CallRecord<T> =
  | { readonly status: "ok"; readonly data: T }
  | { readonly status: "failed"; readonly error: CallError };

/** DescribeVpcAttribute, one record per (VPC, attribute) call, exactly as the CLI prints it. */
export interface VpcAttributeRecord {
  readonly VpcId: string;
  readonly EnableDnsSupport?: { readonly Value?: boolean };
  readonly EnableDnsHostnames?: { readonly Value?: boolean };
}

/** GetManagedPrefixListEntries output, carrying the list id it was asked for. */
export interface PrefixListEntriesRecord {
  readonly PrefixListId: string;
  readonly Entries: readonly PrefixListEntry[];
}

/** CloudWatch NAT gateway traffic (--with-traffic), summed over `Days`. */
export interface NatGatewayTrafficRecord {
  readonly NatGatewayId: string;
  readonly BytesOutToDestination: number;
  readonly BytesInFromDestination: number;
  readonly Days: number;
}

/** GetTransitGatewayRouteTableAssociations output (all pages), carrying the route table id it was asked for. */
export interface TransitGatewayRouteTableAssociationsRecord {
  readonly TransitGatewayRouteTableId: string;
  readonly Associations: readonly TransitGatewayRouteTableAssociation[];
}

/** GetTransitGatewayRouteTablePropagations output (all pages), carrying the route table id it was asked for. */
export interface TransitGatewayRouteTablePropagationsRecord {
  readonly TransitGatewayRouteTableId: string;
  readonly TransitGatewayRouteTablePropagations: readonly TransitGatewayRouteTablePropagation[];
}

/**
 * SearchTransitGatewayRoutes output for one route table (state active or blackhole: static, propagated and prefix-list
 * routes, all pages), carrying the table id. AWS returns at most 1,000 routes a request; `AdditionalRoutesAvailable` true
 * after the last page means the table holds more routes than `Routes` lists, so an absent route proves nothing.
 */
export interface TransitGatewayRoutesRecord {
  readonly TransitGatewayRouteTableId: string;
  readonly Routes: readonly TransitGatewayRoute[];
  readonly AdditionalRoutesAvailable: boolean;
}

/** ListHostedZonesByVPC output (all pages) for one VPC: the private hosted zones associated with it, whoever owns them. */
export interface HostedZonesByVpcRecord {
  readonly VPCId: string;
  readonly VPCRegion: string;
  readonly HostedZoneSummaries: readonly HostedZoneSummary[];
}

/** ListResourceRecordSets output (all pages) for one hosted zone; the id without the "/hostedzone/" prefix. */
export interface ResourceRecordSetsRecord {
  readonly HostedZoneId: string;
  readonly ResourceRecordSets: readonly ResourceRecordSet[];
}

/** A Route 53 Resolver rule as ListResolverRules returns it (Route53Resolver API, ResolverRule). */
export interface ResolverRule {
  readonly Id?: string;
  readonly Arn?: string;
  readonly DomainName?: string;
  readonly Status?: string;
  readonly RuleType?: string;
  readonly Name?: string;
  readonly TargetIps?: readonly { readonly Ip?: string; readonly Ipv6?: string; readonly Port?: number; readonly Protocol?: string }[];
  readonly ResolverEndpointId?: string;
  readonly OwnerId?: string;
  readonly ShareStatus?: string;
  readonly [field: string]: unknown;
}

/** ListResolverRuleAssociations item: a rule associated with a VPC. */
export interface ResolverRuleAssociation {
  readonly Id?: string;
  readonly ResolverRuleId?: string;
  readonly Name?: string;
  readonly VPCId?: string;
  readonly Status?: string;
  readonly [field: string]: unknown;
}

/** ListProfiles item (Route 53 Profiles API, ProfileSummary). */
export interface ProfileSummary {
  readonly Id?: string;
  readonly Arn?: string;
  readonly Name?: string;
  /** NOT_SHARED, SHARED_WITH_ME or SHARED_BY_ME. */
  readonly ShareStatus?: string;
  readonly [field: string]: unknown;
}

/** ListProfileAssociations item: a Profile associated with a VPC (`ResourceId`). */
export interface ProfileAssociation {
  readonly Id?: string;
  readonly Name?: string;
  readonly OwnerId?: string;
  readonly ProfileId?: string;
  readonly ResourceId?: string;
  readonly Status?: string;
  readonly [field: string]: unknown;
}

/** ListProfileResourceAssociations item: a hosted zone, Resolver rule... (`ResourceArn`) that a Profile carries. */
export interface ProfileResourceAssociation {
  readonly Id?: string;
  readonly Name?: string;
  readonly OwnerId?: string;
  readonly ProfileId?: string;
  readonly ResourceArn?: string;
  readonly ResourceType?: string;
  readonly ResourceProperties?: string;
  readonly Status?: string;
  readonly [field: string]: unknown;
}

/** ListProfileResourceAssociations output (all pages) for one Profile, carrying the Profile id. */
export interface ProfileResourceAssociationsRecord {
  readonly ProfileId: string;
  readonly ProfileResourceAssociations: readonly ProfileResourceAssociation[];
}

/**
 * How an environment variable's value was classified at the collection boundary; the value itself is dropped.
 * Every class but plain and empty names a resource of one AWS service (SERVICE_OF_ENV_CLASS in src/model/uses.ts).
 */
export type EnvValueClass =
  | "kms-ciphertext"
  | "kms-key-reference"
  | "secretsmanager-secret-arn"
  | "ssm-parameter-arn"
  | "sqs-queue-url"
  | "sns-topic-arn"
  | "dynamodb-table-arn"
  | "s3-bucket-arn"
  | "s3-uri"
  | "plain"
  | "empty";

export const ENV_VALUE_CLASSES: readonly EnvValueClass[] = [
  "kms-ciphertext",
  "kms-key-reference",
  "secretsmanager-secret-arn",
  "ssm-parameter-arn",
  "sqs-queue-url",
  "sns-topic-arn",
  "dynamodb-table-arn",
  "s3-bucket-arn",
  "s3-uri",
  "plain",
  "empty",
];

/**
 * Lambda FunctionConfiguration as ListFunctions returns it, with Environment.Variables replaced by classes and
 * Layers reduced to their ARNs.
 */
export interface LambdaFunction
  extends Pick<FunctionConfiguration, "FunctionName" | "FunctionArn" | "VpcConfig" | "KMSKeyArn" | "Role" | "Runtime" | "State"> {
  readonly FunctionName: string;
  readonly FunctionArn: string;
  readonly Environment?: {
    readonly VariableClasses?: Readonly<Record<string, EnvValueClass>>;
    /** Only for values naming a resource in another region than the function's: that region. */
    readonly VariableRegions?: Readonly<Record<string, string>>;
    readonly Error?: { readonly ErrorCode?: string; readonly Message?: string };
  };
  readonly Layers?: readonly { readonly Arn?: string }[];
  readonly Tags?: Readonly<Record<string, string>>;
}

/**
 * GetFunctionConfiguration of a VPC function, reduced to what says whether Lambda could create its network
 * interfaces (ListFunctions does not return these fields).
 */
export interface FunctionStateRecord {
  readonly FunctionName?: string;
  readonly FunctionArn: string;
  readonly State?: string;
  readonly StateReason?: string;
  readonly StateReasonCode?: string;
  readonly LastUpdateStatus?: string;
  readonly LastUpdateStatusReason?: string;
  readonly LastUpdateStatusReasonCode?: string;
}

export interface RegionCalls {
  readonly DescribeVpcs?: CallRecord<{ readonly Vpcs: readonly Vpc[] }>;
  readonly DescribeVpcAttribute?: CallRecord<readonly VpcAttributeRecord[]>;
  readonly DescribeSubnets?: CallRecord<{ readonly Subnets: readonly Subnet[] }>;
  readonly DescribeRouteTables?: CallRecord<{ readonly RouteTables: readonly RouteTable[] }>;
  readonly DescribeInternetGateways?: CallRecord<{ readonly InternetGateways: readonly InternetGateway[] }>;
  readonly DescribeEgressOnlyInternetGateways?: CallRecord<{
    readonly EgressOnlyInternetGateways: readonly EgressOnlyInternetGateway[];
  }>;
  readonly DescribeNatGateways?: CallRecord<{ readonly NatGateways: readonly NatGateway[] }>;
  readonly DescribeVpcEndpoints?: CallRecord<{ readonly VpcEndpoints: readonly VpcEndpoint[] }>;
  readonly DescribeVpcEndpointServices?: CallRecord<{
    readonly ServiceNames: readonly string[];
    readonly ServiceDetails?: readonly ServiceDetail[];
  }>;
  readonly DescribeSecurityGroups?: CallRecord<{ readonly SecurityGroups: readonly SecurityGroup[] }>;
  readonly DescribeNetworkAcls?: CallRecord<{ readonly NetworkAcls: readonly NetworkAcl[] }>;
  readonly DescribeManagedPrefixLists?: CallRecord<{ readonly PrefixLists: readonly ManagedPrefixList[] }>;
  readonly GetManagedPrefixListEntries?: CallRecord<readonly PrefixListEntriesRecord[]>;
  readonly DescribeDhcpOptions?: CallRecord<{ readonly DhcpOptions: readonly DhcpOptions[] }>;
  readonly DescribeAddresses?: CallRecord<{ readonly Addresses: readonly Address[] }>;
  readonly DescribeAccountAttributes?: CallRecord<{ readonly AccountAttributes: readonly AccountAttribute[] }>;
  readonly GetServiceQuota?: CallRecord<{ readonly Quota: ServiceQuota }>;
  readonly GetAWSDefaultServiceQuota?: CallRecord<{ readonly Quota: ServiceQuota }>;
  readonly ListFunctions?: CallRecord<{ readonly Functions: readonly LambdaFunction[] }>;
  /** One record per VPC function. */
  readonly GetFunctionConfiguration?: CallRecord<readonly FunctionStateRecord[]>;
  readonly NatGatewayTraffic?: CallRecord<readonly NatGatewayTrafficRecord[]>;
  readonly DescribeTransitGateways?: CallRecord<{ readonly TransitGateways: readonly TransitGateway[] }>;
  readonly DescribeTransitGatewayAttachments?: CallRecord<{ readonly TransitGatewayAttachments: readonly TransitGatewayAttachment[] }>;
  readonly DescribeTransitGatewayVpcAttachments?: CallRecord<{
    readonly TransitGatewayVpcAttachments: readonly TransitGatewayVpcAttachment[];
  }>;
  readonly DescribeTransitGatewayRouteTables?: CallRecord<{ readonly TransitGatewayRouteTables: readonly TransitGatewayRouteTable[] }>;
  readonly GetTransitGatewayRouteTableAssociations?: CallRecord<readonly TransitGatewayRouteTableAssociationsRecord[]>;
  readonly GetTransitGatewayRouteTablePropagations?: CallRecord<readonly TransitGatewayRouteTablePropagationsRecord[]>;
  readonly SearchTransitGatewayRoutes?: CallRecord<readonly TransitGatewayRoutesRecord[]>;
  readonly DescribeVpcPeeringConnections?: CallRecord<{ readonly VpcPeeringConnections: readonly VpcPeeringConnection[] }>;
  /** Route 53 is global; its answers are kept in the region of the VPCs they are about (see docs/snapshot-format.md). */
  readonly ListHostedZonesByVPC?: CallRecord<readonly HostedZonesByVpcRecord[]>;
  /** The account's own private hosted zones (HostedZoneType PrivateHostedZone); the same list in every region. */
  readonly ListHostedZones?: CallRecord<{ readonly HostedZones: readonly HostedZone[] }>;
  readonly ListResourceRecordSets?: CallRecord<readonly ResourceRecordSetsRecord[]>;
  readonly ListResolverRules?: CallRecord<{ readonly ResolverRules: readonly ResolverRule[] }>;
  readonly ListResolverRuleAssociations?: CallRecord<{ readonly ResolverRuleAssociations: readonly ResolverRuleAssociation[] }>;
  readonly ListProfiles?: CallRecord<{ readonly ProfileSummaries: readonly ProfileSummary[] }>;
  readonly ListProfileAssociations?: CallRecord<{ readonly ProfileAssociations: readonly ProfileAssociation[] }>;
  readonly ListProfileResourceAssociations?: CallRecord<readonly ProfileResourceAssociationsRecord[]>;
}

export type CallName = keyof RegionCalls;

export const CALL_NAMES: readonly CallName[] = [
  "DescribeVpcs",
  "DescribeVpcAttribute",
  "DescribeSubnets",
  "DescribeRouteTables",
  "DescribeInternetGateways",
  "DescribeEgressOnlyInternetGateways",
  "DescribeNatGateways",
  "DescribeVpcEndpoints",
  "DescribeVpcEndpointServices",
  "DescribeSecurityGroups",
  "DescribeNetworkAcls",
  "DescribeManagedPrefixLists",
  "GetManagedPrefixListEntries",
  "DescribeDhcpOptions",
  "DescribeAddresses",
  "DescribeAccountAttributes",
  "GetServiceQuota",
  "GetAWSDefaultServiceQuota",
  "ListFunctions",
  "GetFunctionConfiguration",
  "NatGatewayTraffic",
  "DescribeTransitGateways",
  "DescribeTransitGatewayAttachments",
  "DescribeTransitGatewayVpcAttachments",
  "DescribeTransitGatewayRouteTables",
  "GetTransitGatewayRouteTableAssociations",
  "GetTransitGatewayRouteTablePropagations",
  "SearchTransitGatewayRoutes",
  "DescribeVpcPeeringConnections",
  "ListHostedZonesByVPC",
  "ListHostedZones",
  "ListResourceRecordSets",
  "ListResolverRules",
  "ListResolverRuleAssociations",
  "ListProfiles",
  "ListProfileAssociations",
  "ListProfileResourceAssociations",
];

/** The calls that follow a path beyond its VPC (issue 13): absent from snapshots made before them, which stay readable. */
export type LandingZoneCallName =
  | "DescribeTransitGateways"
  | "DescribeTransitGatewayAttachments"
  | "DescribeTransitGatewayVpcAttachments"
  | "DescribeTransitGatewayRouteTables"
  | "GetTransitGatewayRouteTableAssociations"
  | "GetTransitGatewayRouteTablePropagations"
  | "SearchTransitGatewayRoutes"
  | "DescribeVpcPeeringConnections"
  | "ListHostedZonesByVPC"
  | "ListHostedZones"
  | "ListResourceRecordSets"
  | "ListResolverRules"
  | "ListResolverRuleAssociations"
  | "ListProfiles"
  | "ListProfileAssociations"
  | "ListProfileResourceAssociations";

export const LANDING_ZONE_CALLS = CALL_NAMES.slice(CALL_NAMES.indexOf("DescribeTransitGateways")) as readonly LandingZoneCallName[];

/** A resource as findings name it. */
export interface ResourceRef {
  readonly type: ResourceType;
  readonly id: string;
  readonly arn?: string;
  readonly account: string;
  readonly region: string;
}

export type ResourceType =
  | "lambda-function"
  | "vpc"
  | "subnet"
  | "route-table"
  | "internet-gateway"
  | "nat-gateway"
  | "vpc-endpoint"
  | "security-group"
  | "network-acl"
  | "prefix-list"
  | "dhcp-options"
  | "elastic-ip"
  | "transit-gateway-attachment"
  | "transit-gateway-route-table"
  | "vpc-peering-connection"
  | "hosted-zone"
  | "region"
  // Beyond the VPC: route targets a path leads to (path-unverifiable names them as the hop to check).
  | "transit-gateway"
  | "virtual-private-gateway"
  | "network-interface"
  | "instance";
