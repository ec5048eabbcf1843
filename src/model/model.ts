import type {
  Address,
  DhcpOptions,
  InternetGateway,
  ManagedPrefixList,
  NatGateway,
  NetworkAcl,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
} from "@aws-sdk/client-ec2";
import type { CallError, CallName, FunctionStateRecord, LambdaFunction } from "../snapshot/types.js";
import type { PathResult } from "./types.js";
import type { ServiceUse } from "./uses.js";
import type { RegionNetwork } from "./network/region-network.js";

/** A call whose data is missing: never collected, or failed. Rules needing it report "not evaluated". */
export interface CallGap {
  readonly call: CallName;
  readonly reason: "not-collected" | "failed";
  readonly error?: CallError;
}

/** Everything of one account+region, indexed by id. Built once, read by the path model and by rules. */
export interface RegionIndex {
  readonly account: string;
  readonly region: string;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly internetGateways: ReadonlyMap<string, InternetGateway>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  readonly networkAcls: ReadonlyMap<string, NetworkAcl>;
  readonly prefixLists: ReadonlyMap<string, ManagedPrefixList>;
  /** Prefix list id -> CIDRs, from GetManagedPrefixListEntries. */
  readonly prefixListCidrs: ReadonlyMap<string, readonly string[]>;
  readonly dhcpOptions: ReadonlyMap<string, DhcpOptions>;
  readonly addresses: readonly Address[];
  /** VPC-attached functions (non-empty VpcConfig.SubnetIds). */
  readonly functions: readonly LambdaFunction[];
  /** GetFunctionConfiguration state of VPC functions by FunctionArn (empty when not collected: see gaps). */
  readonly functionStates: ReadonlyMap<string, FunctionStateRecord>;
  /** Endpoint service names the region offers (DescribeVpcEndpointServices), when collected. */
  readonly endpointServiceNames?: ReadonlySet<string>;
  readonly gaps: ReadonlyMap<CallName, CallGap>;
  /** VPC DNS attributes; undefined when DescribeVpcAttribute did not return that attribute. */
  dnsSupport(vpcId: string): boolean | undefined;
  dnsHostnames(vpcId: string): boolean | undefined;
  /** What must be provided when a VPC DNS attribute is an unknown value (src/model/unknown.ts), else undefined. */
  unknownDnsAttribute?(vpcId: string, attribute: "enableDnsSupport" | "enableDnsHostnames"): string | undefined;
  /** The subnet's explicitly associated route table, else its VPC's main table. */
  routeTableFor(subnetId: string): RouteTable | undefined;
  /** The subnet's network ACL (explicit association, else the VPC default ACL). */
  networkAclFor(subnetId: string): NetworkAcl | undefined;
  /** The VPC's default security group (group name "default"). */
  defaultSecurityGroup(vpcId: string): SecurityGroup | undefined;
}

export interface NetworkModel {
  readonly regions: readonly RegionIndex[];
  /** Every (function, subnet, service) result, ordered by account, region, function ARN, subnet, service. */
  readonly paths: readonly PathResult[];
  pathsFor(functionArn: string, service?: string): readonly PathResult[];
  /** Every service the function is known to call, with the evidence, own region first (empty for unknown ARNs). */
  usesOf(functionArn: string): readonly ServiceUse[];
  regionOf(account: string, region: string): RegionIndex | undefined;
  /** Every account's data of a region, joined by id (transit gateways, peering, zones); undefined for a region not in the snapshot. */
  networkOf(region: string): RegionNetwork | undefined;
}

export interface ModelOptions {
  /**
   * Services the configuration declares the function calls (evaluated like services found from evidence; KMS is
   * always evaluated).
   */
  readonly servicesFor?: (fn: LambdaFunction, region: RegionIndex) => readonly string[];
}
