import type { NetworkAclEntry, Route, RouteTable, Subnet } from "@aws-sdk/client-ec2";
import { aclEntry, wire } from "../../test/support/build.js";
import type { VpcPlan } from "./plan.js";
import type { BuildContext } from "./shared.js";

export type Tier = "public" | "endpoint" | "data" | "app";

/** What the other builders need to know about a VPC's network. */
export interface VpcLayout {
  readonly plan: VpcPlan;
  readonly vpcId: string;
  readonly cidr: string;
  /** Subnet ids per tier, one per AZ, in AZ order. */
  readonly subnets: Readonly<Record<Tier, readonly string[]>>;
  readonly s3EndpointId?: string;
  /** Route tables that send the S3 prefix list to the gateway endpoint. */
  readonly s3RouteTableIds: readonly string[];
}

/** Third octet and prefix length of each tier's subnet in AZ `i` (VPC /16). */
const TIER_CIDRS: Readonly<Record<Tier, (i: number) => [number, number]>> = {
  public: (i) => [i, 24],
  endpoint: (i) => [4 + i, 24],
  data: (i) => [8 + 4 * i, 22],
  app: (i) => [32 + 16 * i, 20],
};
const TIERS: readonly Tier[] = ["public", "endpoint", "data", "app"];

function local(cidr: string): Route {
  return { DestinationCidrBlock: cidr, GatewayId: "local", State: "active", Origin: "CreateRouteTable" };
}

function created(route: Route): Route {
  return { State: "active", Origin: "CreateRoute", ...route };
}

/** Routes to the corporate network and peered VPCs: many, all private space, none of them a way to AWS services. */
function privateRoutes(ctx: BuildContext, count: number): Route[] {
  const { random, shared } = ctx;
  const routes: Route[] = [];
  const seen = new Set<string>();
  while (routes.length < count) {
    const onPremises = random.chance(0.8);
    const cidr = onPremises ? `192.168.${random.int(0, 255)}.0/24` : `172.${random.int(16, 31)}.${random.int(0, 15) * 16}.0/20`;
    if (seen.has(cidr)) continue;
    seen.add(cidr);
    routes.push(
      created(onPremises ? { DestinationCidrBlock: cidr, TransitGatewayId: shared.transitGatewayId } : { DestinationCidrBlock: cidr, VpcPeeringConnectionId: ctx.ids.next("pcx") }),
    );
  }
  routes.push(created({ DestinationPrefixListId: shared.corporatePrefixListId, TransitGatewayId: shared.transitGatewayId }));
  return routes;
}

function routeTable(ctx: BuildContext, vpcId: string, routes: Route[], subnetIds: readonly string[], main = false): RouteTable {
  const tableId = ctx.ids.next("rtb");
  const associations = [
    ...(main ? [{ Main: true, RouteTableAssociationId: ctx.ids.next("rtbassoc"), RouteTableId: tableId, AssociationState: { State: "associated" as const } }] : []),
    ...subnetIds.map((SubnetId) => ({ Main: false, RouteTableAssociationId: ctx.ids.next("rtbassoc"), RouteTableId: tableId, SubnetId, AssociationState: { State: "associated" as const } })),
  ];
  const table: RouteTable = { RouteTableId: tableId, VpcId: vpcId, OwnerId: ctx.account, Routes: routes, Associations: associations, PropagatingVgws: [], Tags: [{ Key: "Name", Value: `rt-${tableId.slice(-6)}` }] };
  ctx.data.routeTables.push(table);
  return table;
}

function s3Route(s3EndpointId: string | undefined, ctx: BuildContext): Route[] {
  return s3EndpointId === undefined ? [] : [created({ DestinationPrefixListId: ctx.shared.s3PrefixListId, GatewayId: s3EndpointId })];
}

function networkAclEntries(ctx: BuildContext, cidr: string, withEphemeralReturn: boolean, deniesPublicRanges: boolean): NetworkAclEntry[] {
  const { random } = ctx;
  const entries: NetworkAclEntry[] = [];
  let rule = 10;
  for (let i = random.int(8, 24); i > 0; i -= 1) {
    const denied = deniesPublicRanges && random.chance(0.3) ? `198.51.${random.int(0, 255)}.0/24` : `192.168.${random.int(0, 255)}.0/24`;
    entries.push(aclEntry({ RuleNumber: rule, Egress: random.chance(0.5), RuleAction: "deny", CidrBlock: denied }));
    rule += 10;
  }
  entries.push(
    aclEntry({ RuleNumber: 300, Egress: false, CidrBlock: cidr }),
    aclEntry({ RuleNumber: 300, Egress: true, CidrBlock: cidr }),
    aclEntry({ RuleNumber: 310, Egress: false, Protocol: "6", PortRange: { From: 5432, To: 5432 }, CidrBlock: "192.168.0.0/16" }),
    aclEntry({ RuleNumber: 320, Egress: true, Protocol: "6", PortRange: { From: 443, To: 443 }, CidrBlock: "0.0.0.0/0" }),
    aclEntry({ RuleNumber: 330, Egress: true, Protocol: "6", PortRange: { From: 80, To: 80 }, CidrBlock: "0.0.0.0/0" }),
    aclEntry({ RuleNumber: 340, Egress: true, Protocol: "17", PortRange: { From: 53, To: 53 }, CidrBlock: "0.0.0.0/0" }),
    aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
    aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
  );
  if (withEphemeralReturn) entries.push(aclEntry({ RuleNumber: 400, Egress: false, Protocol: "6", PortRange: { From: 1024, To: 65535 }, CidrBlock: "0.0.0.0/0" }));
  else entries.push(aclEntry({ RuleNumber: 400, Egress: false, Protocol: "6", PortRange: { From: 32768, To: 65535 }, CidrBlock: "0.0.0.0/0" }));
  return entries;
}

function openEntries(): NetworkAclEntry[] {
  return [
    aclEntry({ RuleNumber: 100, Egress: false }),
    aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
    aclEntry({ RuleNumber: 100, Egress: true }),
    aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
  ];
}

function networkAcl(ctx: BuildContext, vpcId: string, entries: NetworkAclEntry[], subnetIds: readonly string[], isDefault: boolean): void {
  const aclId = ctx.ids.next("acl");
  ctx.data.networkAcls.push({
    NetworkAclId: aclId,
    VpcId: vpcId,
    OwnerId: ctx.account,
    IsDefault: isDefault,
    Entries: entries,
    Associations: subnetIds.map((SubnetId) => ({ NetworkAclAssociationId: ctx.ids.next("aclassoc"), NetworkAclId: aclId, SubnetId })),
    Tags: [],
  });
}

function subnetsOf(ctx: BuildContext, plan: VpcPlan, vpcId: string): Record<Tier, string[]> {
  const byTier: Record<Tier, string[]> = { public: [], endpoint: [], data: [], app: [] };
  for (const tier of TIERS) {
    plan.azs.forEach((az, i) => {
      const [third, bits] = TIER_CIDRS[tier](i);
      const subnet: Subnet = {
        SubnetId: ctx.ids.next("subnet"),
        VpcId: vpcId,
        CidrBlock: `10.${plan.secondOctet}.${third}.0/${bits}`,
        AvailabilityZone: az,
        AvailabilityZoneId: `${plan.region.slice(0, 2)}${plan.region.split("-")[1]?.slice(0, 2) ?? ""}-az${i + 1}`,
        State: "available",
        MapPublicIpOnLaunch: tier === "public",
        AvailableIpAddressCount: 200,
        OwnerId: ctx.account,
        Tags: [{ Key: "Name", Value: `${tier}-${az}` }],
      };
      ctx.data.subnets.push(subnet);
      byTier[tier].push(subnet.SubnetId as string);
    });
  }
  return byTier;
}

/** NAT gateways (with their Elastic IPs) per the plan; returns the NAT each app subnet's default route targets, by AZ. */
function natGateways(ctx: BuildContext, plan: VpcPlan, vpcId: string, subnets: Record<Tier, string[]>): string[] {
  if (plan.egress !== "nat-per-az" && plan.egress !== "single-nat") return [];
  const count = plan.egress === "nat-per-az" ? plan.azs.length : 1;
  const nats: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const natId = ctx.ids.next("nat");
    const allocationId = ctx.ids.next("eipalloc");
    const eniId = ctx.ids.next("eni");
    const privateIp = `10.${plan.secondOctet}.${i}.${10 + i}`;
    const publicIp = `203.0.${(plan.index * 3 + i) % 256}.${(plan.index >> 8) % 256}`;
    const hostSubnet = plan.natFault === "in-private-subnet" ? subnets.data[i] : subnets.public[i];
    const isPrivate = plan.natFault === "private-connectivity";
    ctx.data.natGateways.push({
      NatGatewayId: natId,
      VpcId: vpcId,
      SubnetId: hostSubnet,
      State: plan.natFault === "failed-state" ? "failed" : "available",
      ConnectivityType: isPrivate ? "private" : "public",
      NatGatewayAddresses: [{ ...(isPrivate ? {} : { AllocationId: allocationId }), NetworkInterfaceId: eniId, PrivateIp: privateIp, ...(isPrivate ? {} : { PublicIp: publicIp }), IsPrimary: true, Status: "succeeded" }],
      CreateTime: new Date(Date.UTC(2025, 0, 1 + (plan.index % 300))),
      Tags: [{ Key: "Name", Value: `nat-${plan.azs[i]}` }],
    });
    if (!isPrivate) {
      ctx.data.addresses.push({ AllocationId: allocationId, AssociationId: ctx.ids.next("eipassoc"), Domain: "vpc", NetworkInterfaceId: eniId, PrivateIpAddress: privateIp, PublicIp: publicIp, PublicIpv4Pool: "amazon", NetworkBorderGroup: plan.region });
    }
    nats.push(natId);
  }
  return plan.azs.map((_, i) => nats[Math.min(i, nats.length - 1)] as string);
}

function defaultRoute(ctx: BuildContext, plan: VpcPlan, natId: string | undefined): Route[] {
  if (plan.egress === "transit-gateway") return [created({ DestinationCidrBlock: "0.0.0.0/0", TransitGatewayId: ctx.shared.transitGatewayId })];
  if (natId === undefined) return [];
  if (plan.natFault === "blackhole-route") return [{ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: natId, State: "blackhole", Origin: "CreateRoute" }];
  return [created({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: natId })];
}

/** The VPC, its DNS attributes, subnets in every AZ, internet gateway, NAT gateways, route tables and network ACLs. */
export function buildNetwork(ctx: BuildContext, plan: VpcPlan): VpcLayout {
  const { data, ids, random, shared } = ctx;
  const vpcId = ids.next("vpc");
  const cidr = `10.${plan.secondOctet}.0.0/16`;
  data.vpcs.push({
    VpcId: vpcId,
    CidrBlock: cidr,
    State: "available",
    DhcpOptionsId: plan.customDns ? shared.customDhcpOptionsId : shared.amazonDhcpOptionsId,
    OwnerId: ctx.account,
    IsDefault: false,
    InstanceTenancy: "default",
    CidrBlockAssociationSet: [{ AssociationId: ids.next("vpc-cidr-assoc"), CidrBlock: cidr, CidrBlockState: { State: "associated" } }],
    Tags: [{ Key: "Name", Value: `vpc-${plan.index}` }],
  });
  data.vpcAttributes.push({ VpcId: vpcId, EnableDnsSupport: { Value: true } }, { VpcId: vpcId, EnableDnsHostnames: { Value: plan.dnsHostnames } });
  const subnets = subnetsOf(ctx, plan, vpcId);
  const igwId = ids.next("igw");
  data.internetGateways.push({ InternetGatewayId: igwId, OwnerId: ctx.account, Attachments: plan.hasInternetGateway ? [{ VpcId: vpcId, State: wire("available") }] : [], Tags: [] });
  const s3EndpointId = plan.s3GatewayEndpoint ? ids.next("vpce") : undefined;
  const s3RouteTableIds: string[] = [];
  const withS3 = (table: RouteTable): void => {
    if (s3EndpointId !== undefined) s3RouteTableIds.push(table.RouteTableId as string);
  };

  const natByAz = natGateways(ctx, plan, vpcId, subnets);
  routeTable(ctx, vpcId, [local(cidr), ...privateRoutes(ctx, random.int(6, 14))], [], true);
  const toInternet = plan.hasInternetGateway ? [created({ DestinationCidrBlock: "0.0.0.0/0", GatewayId: igwId })] : [];
  withS3(routeTable(ctx, vpcId, [local(cidr), ...toInternet, ...s3Route(s3EndpointId, ctx)], subnets.public));
  plan.azs.forEach((_, i) => {
    const partner = plan.publicPartnerRoute ? [created({ DestinationCidrBlock: `52.${random.int(0, 255)}.0.0/16`, TransitGatewayId: shared.transitGatewayId })] : [];
    const routes = [local(cidr), ...defaultRoute(ctx, plan, natByAz[i]), ...privateRoutes(ctx, random.int(20, 60)), ...partner, ...s3Route(s3EndpointId, ctx)];
    withS3(routeTable(ctx, vpcId, routes, [subnets.app[i] as string]));
    withS3(routeTable(ctx, vpcId, [local(cidr), ...privateRoutes(ctx, random.int(10, 30)), ...s3Route(s3EndpointId, ctx)], [subnets.data[i] as string]));
  });

  networkAcl(ctx, vpcId, openEntries(), [...subnets.public, ...subnets.endpoint], true);
  networkAcl(ctx, vpcId, networkAclEntries(ctx, cidr, !plan.aclWithoutEphemeralReturn, plan.aclDeniesPublicRanges), subnets.app, false);
  networkAcl(ctx, vpcId, networkAclEntries(ctx, cidr, true, false), subnets.data, false);
  return { plan, vpcId, cidr, subnets, ...(s3EndpointId === undefined ? {} : { s3EndpointId }), s3RouteTableIds };
}
