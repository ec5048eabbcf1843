import type { NetworkAcl, RouteTable, SecurityGroup } from "@aws-sdk/client-ec2";
import { CALL_NAMES, type CallName, type CallRecord, type RegionCalls } from "../snapshot/types.js";
import type { CallGap, RegionIndex } from "./model.js";
import { parseIpv4Cidr, toSet, type AddressSet } from "./cidr.js";
import { memoised } from "./memo.js";
import { unknownName } from "./unknown.js";

function okData<T>(record: CallRecord<T> | undefined): T | undefined {
  return record?.status === "ok" ? record.data : undefined;
}

function byId<T>(items: readonly T[] | undefined, id: (item: T) => string | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) {
    const key = id(item);
    if (key !== undefined) map.set(key, item);
  }
  return map;
}

function gapsOf(calls: RegionCalls): Map<CallName, CallGap> {
  const gaps = new Map<CallName, CallGap>();
  for (const call of CALL_NAMES) {
    const record = calls[call];
    if (record === undefined) gaps.set(call, { call, reason: "not-collected" });
    else if (record.status === "failed") gaps.set(call, { call, reason: "failed", error: record.error });
  }
  return gaps;
}

const INACTIVE_ASSOCIATION = new Set(["disassociated", "disassociating", "failed"]);

function routeTableLookups(tables: Iterable<RouteTable>) {
  const bySubnet = new Map<string, RouteTable>();
  const mainByVpc = new Map<string, RouteTable>();
  for (const table of tables) {
    for (const association of table.Associations ?? []) {
      if (INACTIVE_ASSOCIATION.has(String(association.AssociationState?.State ?? ""))) continue;
      if (association.SubnetId !== undefined) bySubnet.set(association.SubnetId, table);
      if (association.Main === true && table.VpcId !== undefined) mainByVpc.set(table.VpcId, table);
    }
  }
  return { bySubnet, mainByVpc };
}

function networkAclLookups(acls: Iterable<NetworkAcl>) {
  const bySubnet = new Map<string, NetworkAcl>();
  const defaultByVpc = new Map<string, NetworkAcl>();
  for (const acl of acls) {
    for (const association of acl.Associations ?? []) {
      if (association.SubnetId !== undefined) bySubnet.set(association.SubnetId, acl);
    }
    if (acl.IsDefault === true && acl.VpcId !== undefined) defaultByVpc.set(acl.VpcId, acl);
  }
  return { bySubnet, defaultByVpc };
}

function defaultGroupsByVpc(groups: Iterable<SecurityGroup>): Map<string, SecurityGroup> {
  const map = new Map<string, SecurityGroup>();
  for (const group of groups) {
    if (group.GroupName === "default" && group.VpcId !== undefined) map.set(group.VpcId, group);
  }
  return map;
}

/** Index one account+region of a snapshot by id; absent or failed calls become gaps, never empty lists. */
export function buildRegionIndex(account: string, region: string, calls: RegionCalls): RegionIndex {
  const vpcs = byId(okData(calls.DescribeVpcs)?.Vpcs, (v) => v.VpcId);
  const subnets = byId(okData(calls.DescribeSubnets)?.Subnets, (s) => s.SubnetId);
  const routeTables = byId(okData(calls.DescribeRouteTables)?.RouteTables, (t) => t.RouteTableId);
  const networkAcls = byId(okData(calls.DescribeNetworkAcls)?.NetworkAcls, (a) => a.NetworkAclId);
  const securityGroups = byId(okData(calls.DescribeSecurityGroups)?.SecurityGroups, (g) => g.GroupId);
  const tables = routeTableLookups(routeTables.values());
  const acls = networkAclLookups(networkAcls.values());
  const defaultGroups = defaultGroupsByVpc(securityGroups.values());
  const dnsSupport = new Map<string, boolean>();
  const dnsHostnames = new Map<string, boolean>();
  const unknownDns = new Map<string, string>();
  for (const record of okData(calls.DescribeVpcAttribute) ?? []) {
    const support = record.EnableDnsSupport?.Value;
    const hostnames = record.EnableDnsHostnames?.Value;
    if (typeof support === "boolean") dnsSupport.set(record.VpcId, support);
    if (typeof hostnames === "boolean") dnsHostnames.set(record.VpcId, hostnames);
    for (const [attribute, value] of [["enableDnsSupport", support], ["enableDnsHostnames", hostnames]] as const) {
      const unknown = unknownName(value);
      if (unknown !== undefined) unknownDns.set(`${record.VpcId} ${attribute}`, unknown);
    }
  }
  const services = okData(calls.DescribeVpcEndpointServices);
  const functions = (okData(calls.ListFunctions)?.Functions ?? []).filter((fn) => (fn.VpcConfig?.SubnetIds?.length ?? 0) > 0);
  const subnetOf = (subnetId: string) => subnets.get(subnetId);

  return {
    account,
    region,
    vpcs,
    subnets,
    routeTables,
    internetGateways: byId(okData(calls.DescribeInternetGateways)?.InternetGateways, (g) => g.InternetGatewayId),
    natGateways: byId(okData(calls.DescribeNatGateways)?.NatGateways, (n) => n.NatGatewayId),
    vpcEndpoints: byId(okData(calls.DescribeVpcEndpoints)?.VpcEndpoints, (e) => e.VpcEndpointId),
    securityGroups,
    networkAcls,
    prefixLists: byId(okData(calls.DescribeManagedPrefixLists)?.PrefixLists, (p) => p.PrefixListId),
    prefixListCidrs: new Map(
      (okData(calls.GetManagedPrefixListEntries) ?? []).map((record) => [record.PrefixListId, record.Entries.flatMap((e) => (e.Cidr === undefined ? [] : [e.Cidr]))]),
    ),
    dhcpOptions: byId(okData(calls.DescribeDhcpOptions)?.DhcpOptions, (d) => d.DhcpOptionsId),
    addresses: okData(calls.DescribeAddresses)?.Addresses ?? [],
    functions,
    functionStates: byId(okData(calls.GetFunctionConfiguration), (f) => f.FunctionArn),
    ...(services === undefined ? {} : { endpointServiceNames: new Set(services.ServiceNames) }),
    gaps: gapsOf(calls),
    dnsSupport: (vpcId) => dnsSupport.get(vpcId),
    dnsHostnames: (vpcId) => dnsHostnames.get(vpcId),
    unknownDnsAttribute: (vpcId, attribute) => unknownDns.get(`${vpcId} ${attribute}`),
    routeTableFor(subnetId) {
      const explicit = tables.bySubnet.get(subnetId);
      if (explicit !== undefined) return explicit;
      const vpcId = subnetOf(subnetId)?.VpcId;
      return vpcId === undefined ? undefined : tables.mainByVpc.get(vpcId);
    },
    networkAclFor(subnetId) {
      const explicit = acls.bySubnet.get(subnetId);
      if (explicit !== undefined) return explicit;
      const vpcId = subnetOf(subnetId)?.VpcId;
      return vpcId === undefined ? undefined : acls.defaultByVpc.get(vpcId);
    },
    defaultSecurityGroup: (vpcId) => defaultGroups.get(vpcId),
  };
}

/** A subnet's IPv4 CIDR as an address set (undefined when the subnet or its CIDR is unknown). */
export function subnetAddresses(index: RegionIndex, subnetId: string): AddressSet | undefined {
  const known = memoised(index, ["subnet-addresses", subnetId], () => {
    const cidr = index.subnets.get(subnetId)?.CidrBlock;
    const interval = cidr === undefined ? undefined : parseIpv4Cidr(cidr);
    return { addresses: interval === undefined ? undefined : Object.freeze([interval]) };
  });
  return known.addresses;
}

/** The VPC's associated IPv4 CIDRs (primary and secondary). */
export function vpcAddresses(index: RegionIndex, vpcId: string): AddressSet {
  const vpc = index.vpcs.get(vpcId);
  const cidrs = new Set<string>();
  if (vpc?.CidrBlock !== undefined) cidrs.add(vpc.CidrBlock);
  for (const association of vpc?.CidrBlockAssociationSet ?? []) {
    const state = String(association.CidrBlockState?.State ?? "associated");
    if (association.CidrBlock !== undefined && (state === "associated" || state === "associating")) cidrs.add(association.CidrBlock);
  }
  return toSet([...cidrs].flatMap((cidr) => parseIpv4Cidr(cidr) ?? []));
}
