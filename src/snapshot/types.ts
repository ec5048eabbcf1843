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
  Vpc,
  VpcEndpoint,
} from "@aws-sdk/client-ec2";
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
  readonly region?: string;
  readonly message: string;
}

export interface SnapshotSource {
  readonly kind: "aws-sdk" | "aws-cli" | "fixture" | "synthetic";
  readonly description?: string;
}

export interface AccountSnapshot {
  readonly regions: Readonly<Record<string, RegionSnapshot>>;
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
];

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
  | "region"
  // Beyond the VPC: route targets a path leads to (path-unverifiable names them as the hop to check).
  | "transit-gateway"
  | "vpc-peering-connection"
  | "virtual-private-gateway"
  | "network-interface"
  | "instance";
