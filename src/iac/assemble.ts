import type { Route } from "@aws-sdk/client-ec2";
import type { CallRecord, LambdaFunction, RegionCalls, VpcAttributeRecord } from "../snapshot/types.js";
import type { PlannedNetwork } from "./planned.js";
import { isUnknown, unknownValue } from "../model/unknown.js";
import { emptyLandingCalls } from "../snapshot/empty-landing-calls.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The ok list of a call; undefined when the base holds the call as a gap (a gap stays a gap: its data is not known). */
function baseList<T>(base: RegionCalls | undefined, record: CallRecord<unknown> | undefined, read: (data: never) => readonly T[] | undefined): T[] | undefined {
  if (base === undefined) return [];
  if (record?.status !== "ok") return undefined;
  return [...(read(record.data as never) ?? [])];
}

/**
 * Planned resources laid over a list: deleted ids removed, planned ones replacing the deployed resource with the same id
 * or added; every resource the assembly may touch is copied first, so the base snapshot is never changed.
 */
function overlay<T extends object>(list: T[] | undefined, planned: ReadonlyMap<string, T>, idOf: (item: T) => string | undefined, deleted: ReadonlySet<string>): Map<string, T> | undefined {
  if (list === undefined) return undefined;
  const byId = new Map<string, T>();
  for (const item of list) {
    const id = idOf(item);
    if (id !== undefined && !deleted.has(id)) byId.set(id, structuredClone(item));
  }
  for (const [id, item] of planned) if (!deleted.has(id)) byId.set(id, structuredClone(item));
  return byId;
}

function ok<T>(data: T): CallRecord<T> {
  return { status: "ok", data };
}

function sameDestination(a: Route, destination: string): boolean {
  return (a.DestinationCidrBlock ?? a.DestinationPrefixListId ?? a.DestinationIpv6CidrBlock) === destination;
}

/** The region's calls after the change: `base` (the account, or nothing) with the planned network laid over it. */
export function assembleRegion(network: PlannedNetwork, base: RegionCalls | undefined): RegionCalls {
  const del = network.deleted;
  const vpcs = overlay(baseList(base, base?.DescribeVpcs, (d: { Vpcs?: never[] }) => d.Vpcs), network.vpcs, (v) => v.VpcId, del);
  const subnets = overlay(baseList(base, base?.DescribeSubnets, (d: { Subnets?: never[] }) => d.Subnets), network.subnets, (s) => s.SubnetId, del);
  const tables = overlay(baseList(base, base?.DescribeRouteTables, (d: { RouteTables?: never[] }) => d.RouteTables), network.routeTables, (t) => t.RouteTableId, del);
  const igws = overlay(baseList(base, base?.DescribeInternetGateways, (d: { InternetGateways?: never[] }) => d.InternetGateways), network.internetGateways, (g) => g.InternetGatewayId, del);
  const nats = overlay(baseList(base, base?.DescribeNatGateways, (d: { NatGateways?: never[] }) => d.NatGateways), network.natGateways, (n) => n.NatGatewayId, del);
  const endpoints = overlay(baseList(base, base?.DescribeVpcEndpoints, (d: { VpcEndpoints?: never[] }) => d.VpcEndpoints), network.endpoints, (e) => e.VpcEndpointId, del);
  const groups = overlay(baseList(base, base?.DescribeSecurityGroups, (d: { SecurityGroups?: never[] }) => d.SecurityGroups), network.securityGroups, (g) => g.GroupId, del);
  const acls = overlay(baseList(base, base?.DescribeNetworkAcls, (d: { NetworkAcls?: never[] }) => d.NetworkAcls), network.networkAcls, (a) => a.NetworkAclId, del);
  const dhcp = overlay(baseList(base, base?.DescribeDhcpOptions, (d: { DhcpOptions?: never[] }) => d.DhcpOptions), network.dhcpOptions, (d) => d.DhcpOptionsId, del);
  const addresses = overlay(baseList(base, base?.DescribeAddresses, (d: { Addresses?: never[] }) => d.Addresses), network.addresses, (a) => a.AllocationId, del);
  const functions = overlay(baseList(base, base?.ListFunctions, (d: { Functions?: never[] }) => d.Functions), network.functions, (f: LambdaFunction) => f.FunctionArn, del);

  for (const { tableId, destination } of network.deletedRoutes) {
    const table = tables?.get(tableId) as Mutable<import("@aws-sdk/client-ec2").RouteTable> | undefined;
    if (table !== undefined) table.Routes = (table.Routes ?? []).filter((r) => !sameDestination(r, destination));
  }
  for (const { tableId, route } of network.routes) {
    const table = tables?.get(tableId) as Mutable<import("@aws-sdk/client-ec2").RouteTable> | undefined;
    const destination = route.DestinationCidrBlock ?? route.DestinationPrefixListId ?? route.DestinationIpv6CidrBlock ?? "";
    if (table !== undefined) table.Routes = [...(table.Routes ?? []).filter((r) => !sameDestination(r, destination)), route];
  }
  for (const association of network.tableAssociations) {
    const table = tables?.get(association.tableId) as Mutable<import("@aws-sdk/client-ec2").RouteTable> | undefined;
    if (table === undefined) continue;
    if (association.subnetId !== undefined) {
      // A subnet has one route table: the association moves it from wherever it was.
      for (const other of tables?.values() ?? []) {
        const mutable = other as Mutable<typeof other>;
        mutable.Associations = (other.Associations ?? []).filter((a) => a.SubnetId !== association.subnetId);
      }
      table.Associations = [...(table.Associations ?? []), { RouteTableId: association.tableId, SubnetId: association.subnetId, Main: false, AssociationState: { State: "associated" } }];
    } else if (association.mainOf !== undefined) {
      for (const other of tables?.values() ?? []) {
        if (other.VpcId !== association.mainOf) continue;
        const mutable = other as Mutable<typeof other>;
        mutable.Associations = (other.Associations ?? []).filter((a) => a.Main !== true);
      }
      table.Associations = [...(table.Associations ?? []), { RouteTableId: association.tableId, Main: true, AssociationState: { State: "associated" } }];
    }
  }
  for (const { gatewayId, vpcId } of network.gatewayAttachments) {
    const gateway = igws?.get(gatewayId) as Mutable<import("@aws-sdk/client-ec2").InternetGateway> | undefined;
    if (gateway !== undefined) gateway.Attachments = [...(gateway.Attachments ?? []).filter((a) => a.VpcId !== vpcId), { VpcId: vpcId, State: "available" as never }];
  }
  for (const { groupId, direction, permission } of network.groupRules) {
    const group = groups?.get(groupId) as Mutable<import("@aws-sdk/client-ec2").SecurityGroup> | undefined;
    if (group === undefined) continue;
    if (direction === "ingress") group.IpPermissions = [...(group.IpPermissions ?? []), permission];
    else group.IpPermissionsEgress = [...(group.IpPermissionsEgress ?? []), permission];
  }
  for (const { aclId, entry } of network.aclEntries) {
    const acl = acls?.get(aclId) as Mutable<import("@aws-sdk/client-ec2").NetworkAcl> | undefined;
    if (acl === undefined) continue;
    const others = (acl.Entries ?? []).filter((e) => !(e.RuleNumber === entry.RuleNumber && e.Egress === entry.Egress));
    acl.Entries = [...others, entry];
  }
  for (const { aclId, subnetId } of network.aclAssociations) {
    for (const acl of acls?.values() ?? []) {
      const mutable = acl as Mutable<typeof acl>;
      mutable.Associations = (acl.Associations ?? []).filter((a) => a.SubnetId !== subnetId);
    }
    const acl = acls?.get(aclId) as Mutable<import("@aws-sdk/client-ec2").NetworkAcl> | undefined;
    if (acl !== undefined) acl.Associations = [...(acl.Associations ?? []), { NetworkAclId: aclId, SubnetId: subnetId }];
  }
  for (const { vpcId, dhcpOptionsId } of network.dhcpAssociations) {
    const vpc = vpcs?.get(vpcId) as Mutable<import("@aws-sdk/client-ec2").Vpc> | undefined;
    if (vpc !== undefined) vpc.DhcpOptionsId = dhcpOptionsId;
  }
  for (const link of network.endpointLinks) {
    const endpoint = endpoints?.get(link.endpointId) as Mutable<import("@aws-sdk/client-ec2").VpcEndpoint> | undefined;
    if (endpoint === undefined) continue;
    if (link.subnetId !== undefined && !(endpoint.SubnetIds ?? []).includes(link.subnetId)) endpoint.SubnetIds = [...(endpoint.SubnetIds ?? []), link.subnetId];
    if (link.groupId !== undefined && !(endpoint.Groups ?? []).some((g) => g.GroupId === link.groupId)) endpoint.Groups = [...(endpoint.Groups ?? []), { GroupId: link.groupId }];
    if (link.routeTableId !== undefined && !(endpoint.RouteTableIds ?? []).includes(link.routeTableId)) endpoint.RouteTableIds = [...(endpoint.RouteTableIds ?? []), link.routeTableId];
    if (link.policy !== undefined) endpoint.PolicyDocument = link.policy;
  }

  completePlanned(network, { vpcs, subnets, tables, nats, addresses });
  addExternalUnknowns(functions, endpoints, subnets, groups, base === undefined);
  const attributes = vpcAttributes(network, base);
  const calls: Mutable<RegionCalls> = { ...(base ?? {}) };
  const set = <K extends keyof RegionCalls>(call: K, map: Map<string, unknown> | undefined, wrap: (items: never[]) => unknown) => {
    if (map !== undefined) calls[call] = ok(wrap([...map.values()] as never[])) as RegionCalls[K];
  };
  set("DescribeVpcs", vpcs, (Vpcs) => ({ Vpcs }));
  set("DescribeSubnets", subnets, (Subnets) => ({ Subnets }));
  set("DescribeRouteTables", tables, (RouteTables) => ({ RouteTables }));
  set("DescribeInternetGateways", igws, (InternetGateways) => ({ InternetGateways }));
  set("DescribeNatGateways", nats, (NatGateways) => ({ NatGateways }));
  set("DescribeVpcEndpoints", endpoints, (VpcEndpoints) => ({ VpcEndpoints }));
  set("DescribeSecurityGroups", groups, (SecurityGroups) => ({ SecurityGroups }));
  set("DescribeNetworkAcls", acls, (NetworkAcls) => ({ NetworkAcls }));
  set("DescribeDhcpOptions", dhcp, (DhcpOptions) => ({ DhcpOptions }));
  set("DescribeAddresses", addresses, (Addresses) => ({ Addresses }));
  set("ListFunctions", functions, (Functions) => ({ Functions }));
  if (attributes !== undefined) calls.DescribeVpcAttribute = ok(attributes);
  if (base === undefined) {
    // Nothing deployed: no egress-only gateways or customer prefix lists besides what the input names.
    calls.DescribeEgressOnlyInternetGateways = ok({ EgressOnlyInternetGateways: [] });
    calls.DescribeManagedPrefixLists = ok({ PrefixLists: [] });
    calls.GetManagedPrefixListEntries = ok([]);
    // Nor transit gateways, peering, zones, Resolver rules or Profiles besides the input's (laid over by src/iac/landing.ts).
    Object.assign(calls, emptyLandingCalls());
  }
  return calls;
}

function vpcAttributes(network: PlannedNetwork, base: RegionCalls | undefined): VpcAttributeRecord[] | undefined {
  const record = base?.DescribeVpcAttribute;
  if (base !== undefined && record?.status !== "ok") return undefined;
  const kept = (record?.status === "ok" ? record.data : []).filter((r) => !network.vpcDns.has(r.VpcId) && !network.deleted.has(r.VpcId));
  const planned: VpcAttributeRecord[] = [];
  for (const [vpcId, dns] of network.vpcDns) {
    if (dns.support !== undefined) planned.push({ VpcId: vpcId, EnableDnsSupport: { Value: dns.support as boolean } });
    if (dns.hostnames !== undefined) planned.push({ VpcId: vpcId, EnableDnsHostnames: { Value: dns.hostnames as boolean } });
  }
  return [...kept, ...planned];
}

type Lists = {
  vpcs: Map<string, import("@aws-sdk/client-ec2").Vpc> | undefined;
  subnets: Map<string, import("@aws-sdk/client-ec2").Subnet> | undefined;
  tables: Map<string, import("@aws-sdk/client-ec2").RouteTable> | undefined;
  nats: Map<string, import("@aws-sdk/client-ec2").NatGateway> | undefined;
  addresses: Map<string, import("@aws-sdk/client-ec2").Address> | undefined;
};

/** What AWS fills in at creation: a planned route table's local route, a NAT gateway's VPC, its Elastic IP's association. */
function completePlanned(network: PlannedNetwork, lists: Lists): void {
  for (const id of network.routeTables.keys()) {
    const table = lists.tables?.get(id) as Mutable<import("@aws-sdk/client-ec2").RouteTable> | undefined;
    const vpc = table?.VpcId === undefined ? undefined : lists.vpcs?.get(table.VpcId);
    if (table === undefined || vpc === undefined || (table.Routes ?? []).some((r) => r.GatewayId === "local")) continue;
    const cidrs = new Set([vpc.CidrBlock, ...(vpc.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock)].filter((c): c is string => c !== undefined));
    table.Routes = [...[...cidrs].map((cidr) => ({ DestinationCidrBlock: cidr, GatewayId: "local", State: "active" as const, Origin: "CreateRouteTable" as const })), ...(table.Routes ?? [])];
  }
  for (const id of network.natGateways.keys()) {
    const nat = lists.nats?.get(id) as Mutable<import("@aws-sdk/client-ec2").NatGateway> | undefined;
    if (nat === undefined) continue;
    if (nat.VpcId === undefined && nat.SubnetId !== undefined) {
      const vpcId = lists.subnets?.get(nat.SubnetId)?.VpcId;
      if (vpcId !== undefined) nat.VpcId = vpcId;
    }
    for (const natAddress of nat.NatGatewayAddresses ?? []) {
      const address = natAddress.AllocationId === undefined ? undefined : (lists.addresses?.get(natAddress.AllocationId) as Mutable<import("@aws-sdk/client-ec2").Address> | undefined);
      if (address !== undefined && address.AssociationId === undefined) address.AssociationId = `eipassoc-[${id}]`;
    }
  }
}

/**
 * A subnet or security group id that is itself unknown (an imported value) names something that exists, unlike an id
 * the deployed data does not list (deleted: lambda-vpc-config-stale). And alone (`external`), the input's data is not
 * the account's: an id it names but does not define (a parameter's value, a Terraform data source's id) exists
 * elsewhere with settings this scan can't see. Each becomes a resource whose settings are all unknown values, so its paths are
 * unverifiable and say what to provide, instead of the id reading as deleted.
 */
function addExternalUnknowns(
  functions: Map<string, LambdaFunction> | undefined,
  endpoints: Map<string, import("@aws-sdk/client-ec2").VpcEndpoint> | undefined,
  subnets: Map<string, import("@aws-sdk/client-ec2").Subnet> | undefined,
  groups: Map<string, import("@aws-sdk/client-ec2").SecurityGroup> | undefined,
  external: boolean,
): void {
  const outside = (id: string) => `${id}, which the input references but does not define (scan over the deployed account: --snapshot)`;
  const subnetIds = [...(functions?.values() ?? [])].flatMap((f) => f.VpcConfig?.SubnetIds ?? []).concat([...(endpoints?.values() ?? [])].flatMap((e) => e.SubnetIds ?? []));
  for (const id of subnetIds) {
    if (subnets === undefined || subnets.has(id) || !(external || isUnknown(id))) continue;
    // No VpcId: a VPC no one knows would read as a second VPC of the function.
    subnets.set(id, { SubnetId: id, CidrBlock: unknownValue(`the CIDR of ${outside(id)}`), State: "available" });
  }
  const groupIds = [...(functions?.values() ?? [])].flatMap((f) => f.VpcConfig?.SecurityGroupIds ?? []).concat([...(endpoints?.values() ?? [])].flatMap((e) => (e.Groups ?? []).flatMap((g) => g.GroupId ?? [])));
  for (const id of groupIds) {
    if (groups === undefined || groups.has(id) || !(external || isUnknown(id))) continue;
    const rules = [{ IpProtocol: unknownValue(`the rules of ${outside(id)}`), IpRanges: [{ CidrIp: unknownValue(`the rules of ${outside(id)}`) }] }];
    groups.set(id, { GroupId: id, GroupName: id, IpPermissions: rules, IpPermissionsEgress: rules });
  }
}
