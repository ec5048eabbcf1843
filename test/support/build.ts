/**
 * Builders for snapshots in AWS's own shapes, with defaults, so that each test states only what matters.
 * `scenario()` is the motivating setup: a Tokyo VPC with private subnets in two AZs holding a Lambda function
 * that decrypts client-side-encrypted environment variables; variants edit it.
 */
import type {
  IpPermission,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  Route,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
  InternetGateway,
  Address,
  DhcpOptions,
  ManagedPrefixList,
} from "@aws-sdk/client-ec2";
import type {
  FunctionStateRecord,
  LambdaFunction,
  RegionCalls,
  Snapshot,
  VpcAttributeRecord,
  PrefixListEntriesRecord,
} from "../../src/snapshot/types.js";

export const ACCOUNT = "123456789012";

/** AWS sends some enums in a casing the SDK's types don't list (IGW attachment "available", endpoint "available"). */
export function wire<T>(value: string): T {
  return value as unknown as T;
}
export const REGION = "ap-northeast-1";

export function vpc(p: Partial<Vpc> = {}): Vpc {
  return { VpcId: "vpc-0a1b2c3d4e5f60001", CidrBlock: "10.0.0.0/16", State: "available", DhcpOptionsId: "dopt-0a1b2c3d4e5f60001", OwnerId: ACCOUNT, IsDefault: false, ...p };
}

export function subnet(p: Partial<Subnet> & { SubnetId: string; CidrBlock: string; AvailabilityZone: string }): Subnet {
  return { VpcId: "vpc-0a1b2c3d4e5f60001", State: "available", MapPublicIpOnLaunch: false, OwnerId: ACCOUNT, AvailabilityZoneId: azId(p.AvailabilityZone), ...p };
}

function azId(az: string): string {
  return `apne1-az${{ a: 4, c: 1, d: 2 }[az.slice(-1)] ?? 4}`;
}

export function route(p: Partial<Route>): Route {
  return { State: "active", Origin: "CreateRoute", ...p };
}

export function localRoute(cidr = "10.0.0.0/16"): Route {
  return { DestinationCidrBlock: cidr, GatewayId: "local", State: "active", Origin: "CreateRouteTable" };
}

export function routeTable(p: Partial<RouteTable> & { RouteTableId: string }, opts: { main?: boolean; subnets?: string[] } = {}): RouteTable {
  const associations = [
    ...(opts.main ? [{ Main: true, RouteTableAssociationId: `rtbassoc-main-${p.RouteTableId}`, RouteTableId: p.RouteTableId, AssociationState: { State: "associated" as const } }] : []),
    ...(opts.subnets ?? []).map((s, i) => ({ Main: false, RouteTableAssociationId: `rtbassoc-${i}-${p.RouteTableId}`, RouteTableId: p.RouteTableId, SubnetId: s, AssociationState: { State: "associated" as const } })),
  ];
  return { VpcId: "vpc-0a1b2c3d4e5f60001", OwnerId: ACCOUNT, Routes: [localRoute()], Associations: associations, Tags: [], PropagatingVgws: [], ...p };
}

export const tcp = {
  fromCidr(port: number | [number, number], cidr: string): IpPermission {
    const [from, to] = typeof port === "number" ? [port, port] : port;
    return { IpProtocol: "tcp", FromPort: from, ToPort: to, IpRanges: [{ CidrIp: cidr }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
  },
  fromGroup(port: number | [number, number], groupId: string): IpPermission {
    const [from, to] = typeof port === "number" ? [port, port] : port;
    return { IpProtocol: "tcp", FromPort: from, ToPort: to, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: groupId, UserId: ACCOUNT }] };
  },
  fromPrefixList(port: number | [number, number], prefixListId: string): IpPermission {
    const [from, to] = typeof port === "number" ? [port, port] : port;
    return { IpProtocol: "tcp", FromPort: from, ToPort: to, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: prefixListId }], UserIdGroupPairs: [] };
  },
};

export function allTraffic(cidr = "0.0.0.0/0"): IpPermission {
  return { IpProtocol: "-1", IpRanges: [{ CidrIp: cidr }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
}

export function allTrafficFromGroup(groupId: string): IpPermission {
  return { IpProtocol: "-1", IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: groupId, UserId: ACCOUNT }] };
}

export function securityGroup(p: Partial<SecurityGroup> & { GroupId: string }): SecurityGroup {
  return { GroupName: p.GroupId, Description: "managed by test", VpcId: "vpc-0a1b2c3d4e5f60001", OwnerId: ACCOUNT, IpPermissions: [], IpPermissionsEgress: [allTraffic()], ...p };
}

export function aclEntry(p: Partial<NetworkAclEntry> & { RuleNumber: number; Egress: boolean }): NetworkAclEntry {
  return { Protocol: "-1", RuleAction: "allow", CidrBlock: "0.0.0.0/0", ...p };
}

/** The AWS default: allow everything both ways, then the implicit deny (rule 32767). */
export function openAclEntries(): NetworkAclEntry[] {
  return [
    aclEntry({ RuleNumber: 100, Egress: false }),
    aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
    aclEntry({ RuleNumber: 100, Egress: true }),
    aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
  ];
}

export function networkAcl(p: Partial<NetworkAcl> & { NetworkAclId: string }, subnets: string[] = []): NetworkAcl {
  return {
    VpcId: "vpc-0a1b2c3d4e5f60001",
    OwnerId: ACCOUNT,
    IsDefault: false,
    Entries: openAclEntries(),
    Associations: subnets.map((s, i) => ({ NetworkAclAssociationId: `aclassoc-${i}-${p.NetworkAclId}`, NetworkAclId: p.NetworkAclId, SubnetId: s })),
    Tags: [],
    ...p,
  };
}

export function internetGateway(id = "igw-0a1b2c3d4e5f60001", vpcId = "vpc-0a1b2c3d4e5f60001"): InternetGateway {
  return { InternetGatewayId: id, OwnerId: ACCOUNT, Attachments: [{ VpcId: vpcId, State: wire("available") }], Tags: [] };
}

export function natGateway(p: Partial<NatGateway> & { NatGatewayId: string; SubnetId?: string }): NatGateway {
  return {
    VpcId: "vpc-0a1b2c3d4e5f60001",
    State: "available",
    ConnectivityType: "public",
    NatGatewayAddresses: [{ AllocationId: "eipalloc-0a1b2c3d4e5f60001", NetworkInterfaceId: "eni-0nat000000000001", PrivateIp: "10.0.0.10", PublicIp: "203.0.113.10", IsPrimary: true, Status: "succeeded" }],
    CreateTime: new Date("2026-01-01T00:00:00.000Z"),
    Tags: [],
    ...p,
  };
}

export function elasticIp(p: Partial<Address> & { AllocationId: string }): Address {
  return { Domain: "vpc", PublicIp: "203.0.113.10", ...p };
}

export function interfaceEndpoint(p: Partial<VpcEndpoint> & { VpcEndpointId: string; ServiceName: string }): VpcEndpoint {
  return {
    VpcEndpointType: "Interface",
    VpcId: "vpc-0a1b2c3d4e5f60001",
    State: wire("available"),
    PolicyDocument: JSON.stringify({ Statement: [{ Action: "*", Effect: "Allow", Principal: "*", Resource: "*" }] }),
    RouteTableIds: [],
    SubnetIds: [],
    Groups: [],
    PrivateDnsEnabled: true,
    RequesterManaged: false,
    NetworkInterfaceIds: [],
    DnsEntries: [],
    IpAddressType: "ipv4",
    DnsOptions: { DnsRecordIpType: "ipv4" },
    OwnerId: ACCOUNT,
    Tags: [],
    ...p,
  };
}

export function lambdaFunction(p: Partial<LambdaFunction> & { FunctionName: string }): LambdaFunction {
  return {
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${p.FunctionName}`,
    Runtime: "python3.12",
    Role: `arn:aws:iam::${ACCOUNT}:role/${p.FunctionName}-role`,
    VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: "" },
    ...p,
  };
}

export function dhcpOptions(id = "dopt-0a1b2c3d4e5f60001", servers: string[] = ["AmazonProvidedDNS"]): DhcpOptions {
  return {
    DhcpOptionsId: id,
    OwnerId: ACCOUNT,
    DhcpConfigurations: [
      { Key: "domain-name", Values: [{ Value: `${REGION}.compute.internal` }] },
      { Key: "domain-name-servers", Values: servers.map((Value) => ({ Value })) },
    ],
    Tags: [],
  };
}

export function managedPrefixList(id: string, name: string, owner = "AWS"): ManagedPrefixList {
  return { PrefixListId: id, PrefixListName: name, AddressFamily: "IPv4", State: "create-complete", OwnerId: owner, MaxEntries: 10, Version: 1, Tags: [] };
}

/** Mutable collections of one region; `toSnapshot` wraps them as successful calls. */
export interface RegionData {
  vpcs: Vpc[];
  vpcAttributes: VpcAttributeRecord[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  internetGateways: InternetGateway[];
  natGateways: NatGateway[];
  vpcEndpoints: VpcEndpoint[];
  endpointServiceNames: string[];
  securityGroups: SecurityGroup[];
  networkAcls: NetworkAcl[];
  prefixLists: ManagedPrefixList[];
  prefixListEntries: PrefixListEntriesRecord[];
  dhcpOptions: DhcpOptions[];
  addresses: Address[];
  eipQuota?: number;
  vpcMaxElasticIps?: number;
  functions: LambdaFunction[];
  /** GetFunctionConfiguration records (State, StateReasonCode...), when collected. */
  functionStates?: FunctionStateRecord[];
}

export function emptyRegion(): RegionData {
  return {
    vpcs: [], vpcAttributes: [], subnets: [], routeTables: [], internetGateways: [], natGateways: [], vpcEndpoints: [],
    endpointServiceNames: [], securityGroups: [], networkAcls: [], prefixLists: [], prefixListEntries: [], dhcpOptions: [],
    addresses: [], functions: [],
  };
}

export function dnsAttributes(vpcId: string, support: boolean, hostnames: boolean): VpcAttributeRecord[] {
  return [
    { VpcId: vpcId, EnableDnsSupport: { Value: support } },
    { VpcId: vpcId, EnableDnsHostnames: { Value: hostnames } },
  ];
}

export function regionCalls(d: RegionData): RegionCalls {
  return {
    DescribeVpcs: { status: "ok", data: { Vpcs: d.vpcs } },
    DescribeVpcAttribute: { status: "ok", data: d.vpcAttributes },
    DescribeSubnets: { status: "ok", data: { Subnets: d.subnets } },
    DescribeRouteTables: { status: "ok", data: { RouteTables: d.routeTables } },
    DescribeInternetGateways: { status: "ok", data: { InternetGateways: d.internetGateways } },
    DescribeEgressOnlyInternetGateways: { status: "ok", data: { EgressOnlyInternetGateways: [] } },
    DescribeNatGateways: { status: "ok", data: { NatGateways: d.natGateways } },
    DescribeVpcEndpoints: { status: "ok", data: { VpcEndpoints: d.vpcEndpoints } },
    DescribeVpcEndpointServices: { status: "ok", data: { ServiceNames: d.endpointServiceNames } },
    DescribeSecurityGroups: { status: "ok", data: { SecurityGroups: d.securityGroups } },
    DescribeNetworkAcls: { status: "ok", data: { NetworkAcls: d.networkAcls } },
    DescribeManagedPrefixLists: { status: "ok", data: { PrefixLists: d.prefixLists } },
    GetManagedPrefixListEntries: { status: "ok", data: d.prefixListEntries },
    DescribeDhcpOptions: { status: "ok", data: { DhcpOptions: d.dhcpOptions } },
    DescribeAddresses: { status: "ok", data: { Addresses: d.addresses } },
    DescribeAccountAttributes: {
      status: "ok",
      data: { AccountAttributes: [{ AttributeName: "vpc-max-elastic-ips", AttributeValues: [{ AttributeValue: String(d.vpcMaxElasticIps ?? 5) }] }] },
    },
    ...(d.eipQuota === undefined
      ? {}
      : { GetServiceQuota: { status: "ok" as const, data: { Quota: { ServiceCode: "ec2", QuotaCode: "L-0263D0A3", QuotaName: "EC2-VPC Elastic IPs", Value: d.eipQuota } } } }),
    ListFunctions: { status: "ok", data: { Functions: d.functions } },
    ...(d.functionStates === undefined ? {} : { GetFunctionConfiguration: { status: "ok" as const, data: d.functionStates } }),
  };
}

/** An Active, successfully updated function, as GetFunctionConfiguration reports it. */
export function activeState(fn: LambdaFunction): FunctionStateRecord {
  return { FunctionName: fn.FunctionName, FunctionArn: fn.FunctionArn, State: "Active", LastUpdateStatus: "Successful" };
}

export function toSnapshot(d: RegionData, edit: (calls: RegionCalls) => RegionCalls = (c) => c): Snapshot {
  return {
    format: "kms-audit/snapshot",
    version: 1,
    source: { kind: "fixture" },
    accounts: { [ACCOUNT]: { regions: { [REGION]: { calls: edit(regionCalls(d)) } } } },
  };
}

/** Ids of the standard scenario, so tests and fixtures name them without typos. */
export const ids = {
  vpc: "vpc-0a1b2c3d4e5f60001",
  igw: "igw-0a1b2c3d4e5f60001",
  publicA: "subnet-0public0000000a1",
  publicC: "subnet-0public0000000c1",
  privateA: "subnet-0private000000a1",
  privateC: "subnet-0private000000c1",
  rtbPublic: "rtb-0public00000000001",
  rtbPrivate: "rtb-0private0000000001",
  rtbMain: "rtb-0main000000000001",
  nat: "nat-0a1b2c3d4e5f60001",
  eip: "eipalloc-0a1b2c3d4e5f60001",
  sgFunction: "sg-0function00000000001",
  sgEndpoint: "sg-0endpoint0000000001",
  sgDefault: "sg-0default000000000001",
  aclDefault: "acl-0default000000000001",
  kmsEndpoint: "vpce-0kms0000000000001",
  fn: "decrypt-orders",
  dopt: "dopt-0a1b2c3d4e5f60001",
};

/** A real KMS ciphertext blob's classification: the value itself never enters a snapshot. */
export const clientSideEncryptedEnv = { VariableClasses: { TABLE_NAME: "plain", DB_PASSWORD: "kms-ciphertext" } } as const;

/**
 * The motivating scenario, without a way to KMS yet: Tokyo VPC 10.0.0.0/16, public subnets (route to the IGW) and
 * private subnets (main route table: local only) in ap-northeast-1a and -1c, one function in both private subnets.
 * Add `withNat` or `withKmsEndpoint` to give it a path.
 */
export function scenario(): RegionData {
  const d = emptyRegion();
  d.vpcs.push(vpc());
  d.vpcAttributes.push(...dnsAttributes(ids.vpc, true, true));
  d.dhcpOptions.push(dhcpOptions());
  d.subnets.push(
    subnet({ SubnetId: ids.publicA, CidrBlock: "10.0.0.0/24", AvailabilityZone: `${REGION}a`, MapPublicIpOnLaunch: true }),
    subnet({ SubnetId: ids.publicC, CidrBlock: "10.0.1.0/24", AvailabilityZone: `${REGION}c`, MapPublicIpOnLaunch: true }),
    subnet({ SubnetId: ids.privateA, CidrBlock: "10.0.10.0/24", AvailabilityZone: `${REGION}a` }),
    subnet({ SubnetId: ids.privateC, CidrBlock: "10.0.11.0/24", AvailabilityZone: `${REGION}c` }),
  );
  d.internetGateways.push(internetGateway());
  d.routeTables.push(
    routeTable({ RouteTableId: ids.rtbMain }, { main: true }),
    routeTable(
      { RouteTableId: ids.rtbPublic, Routes: [localRoute(), route({ DestinationCidrBlock: "0.0.0.0/0", GatewayId: ids.igw })] },
      { subnets: [ids.publicA, ids.publicC] },
    ),
  );
  d.networkAcls.push(networkAcl({ NetworkAclId: ids.aclDefault, IsDefault: true }, [ids.publicA, ids.publicC, ids.privateA, ids.privateC]));
  d.securityGroups.push(
    securityGroup({ GroupId: ids.sgDefault, GroupName: "default", IpPermissions: [allTrafficFromGroup(ids.sgDefault)] }),
    securityGroup({ GroupId: ids.sgFunction, GroupName: "decrypt-orders-fn" }),
  );
  d.endpointServiceNames.push(`com.amazonaws.${REGION}.kms`, `com.amazonaws.${REGION}.kms-fips`, `com.amazonaws.${REGION}.s3`, `com.amazonaws.${REGION}.sts`, `com.amazonaws.${REGION}.secretsmanager`);
  d.functions.push(
    lambdaFunction({
      FunctionName: ids.fn,
      VpcConfig: { SubnetIds: [ids.privateA, ids.privateC], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc },
      Environment: clientSideEncryptedEnv,
      KMSKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    }),
  );
  return d;
}

/** A public NAT gateway in public-a with an Elastic IP, and the private subnets routing 0.0.0.0/0 to it. */
export function withNat(d: RegionData): RegionData {
  d.natGateways.push(natGateway({ NatGatewayId: ids.nat, SubnetId: ids.publicA }));
  d.addresses.push(elasticIp({ AllocationId: ids.eip, AssociationId: "eipassoc-0a1b2c3d4e5f60001", NetworkInterfaceId: "eni-0nat000000000001", PrivateIpAddress: "10.0.0.10" }));
  d.routeTables.push(
    routeTable(
      { RouteTableId: ids.rtbPrivate, Routes: [localRoute(), route({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: ids.nat })] },
      { subnets: [ids.privateA, ids.privateC] },
    ),
  );
  return d;
}

/** A KMS interface endpoint in both private subnets with private DNS and an SG admitting 443 from the function's SG. */
export function withKmsEndpoint(d: RegionData): RegionData {
  d.securityGroups.push(securityGroup({ GroupId: ids.sgEndpoint, GroupName: "kms-endpoint", IpPermissions: [tcp.fromGroup(443, ids.sgFunction)] }));
  d.vpcEndpoints.push(
    interfaceEndpoint({
      VpcEndpointId: ids.kmsEndpoint,
      ServiceName: `com.amazonaws.${REGION}.kms`,
      SubnetIds: [ids.privateA, ids.privateC],
      Groups: [{ GroupId: ids.sgEndpoint, GroupName: "kms-endpoint" }],
      NetworkInterfaceIds: ["eni-0vpce00000000000a", "eni-0vpce00000000000c"],
    }),
  );
  return d;
}
