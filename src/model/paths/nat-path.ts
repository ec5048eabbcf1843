import type { NatGateway } from "@aws-sdk/client-ec2";
import type { Hop } from "../types.js";
import { gapHop, hop, missingHop } from "../hops.js";
import { internetGatewaysAttachedTo, isInternetGatewayAttachedTo } from "../lookups.js";
import { EPHEMERAL, HTTPS, networkAclHop } from "../network-acls.js";
import { describeRoute, isBlackhole, matchServiceRoute, routeOf, routeTarget, targetComponent } from "../routes.js";
import { subnetAddresses } from "../region-index.js";
import { memoised } from "../memo.js";
import type { PathContext } from "./context.js";
import type { RegionIndex } from "../model.js";
import { inAccount } from "./place.js";
import { localRouteHops, publicLeg, subnetLeg, type SubnetEnd } from "./subnet-links.js";

function hasPublicIp(nat: NatGateway): boolean {
  return (nat.NatGatewayAddresses ?? []).some((a) => a.PublicIp !== undefined && !["failed", "disassociating"].includes(String(a.Status ?? "").toLowerCase()));
}

/** State, connectivity type and public IP of the NAT gateway itself. */
function natGatewayHops(nat: NatGateway, id: string): Hop[] {
  const component = { type: "nat-gateway" as const, id };
  const replace = `create a public NAT gateway with an Elastic IP in a public subnet and point the function subnets' 0.0.0.0/0 at it`;
  const hops: Hop[] = [];
  if ((nat.State ?? "").toLowerCase() !== "available") {
    hops.push(hop(component, "fail", "BAD_STATE", `${id} is ${nat.State ?? "in an unknown state"}, not available.`, { setting: replace }));
  }
  if ((nat.ConnectivityType ?? "public").toLowerCase() === "private") {
    hops.push(hop(component, "fail", "NAT_PRIVATE_CONNECTIVITY", `${id} is a private NAT gateway: it can't reach the internet (an internet gateway drops its traffic).`, { setting: replace }));
  } else if (!hasPublicIp(nat)) {
    hops.push(hop(component, "fail", "NAT_NO_PUBLIC_IP", `${id} is public but has no Elastic IP in NatGatewayAddresses.`, {
      setting: `give ${id} an Elastic IP, or create a public NAT gateway with one and point the function subnets' 0.0.0.0/0 at it`,
    }));
  }
  if (hops.length === 0) {
    const ips = (nat.NatGatewayAddresses ?? []).flatMap((a) => (a.PublicIp === undefined ? [] : [a.PublicIp])).join(", ");
    hops.push(hop(component, "pass", "COMPONENT_AVAILABLE", `${id} is available, public, with public IP ${ips}.`));
  }
  return hops;
}

/** A zonal NAT's own subnet must send 0.0.0.0/0 to an internet gateway attached to the NAT's VPC. */
function natSubnetRouteHops(ctx: PathContext, natId: string, natSubnetId: string, vpcId: string, index: RegionIndex = ctx.index): Hop[] {
  const table = index.routeTableFor(natSubnetId);
  if (table === undefined) {
    return [missingHop(index, "DescribeRouteTables", { type: "route-table", id: `route-table-of-${natSubnetId}` }, `the route of ${natId}'s subnet ${natSubnetId} to the internet`)];
  }
  const tableId = table.RouteTableId ?? "(route table)";
  const match = matchServiceRoute(index, table, ctx.service);
  const publicSetting = `${tableId}: add 0.0.0.0/0 -> an internet gateway attached to ${vpcId} (or move ${natId} into a public subnet)`;
  const hops: Hop[] = [];
  const chosen = match.chosen;
  if (chosen === undefined) {
    hops.push(hop({ type: "subnet", id: natSubnetId }, "fail", "NAT_NOT_IN_PUBLIC_SUBNET", `${natId} is in ${natSubnetId}, whose route table ${tableId} has no 0.0.0.0/0 route to an internet gateway.`, { setting: publicSetting }));
  } else if (isBlackhole(chosen)) {
    hops.push(hop({ type: "route", id: `${tableId}:${describeRoute(chosen, undefined)}` }, "fail", "BAD_STATE_ROUTE", `${natId}'s subnet ${natSubnetId} routes ${describeRoute(chosen, table)}, which is a blackhole.`, { setting: publicSetting, route: routeOf(tableId, chosen) }));
  } else {
    const target = routeTarget(chosen);
    if (target.kind === "internet-gateway") {
      const gateway = index.internetGateways.get(target.id);
      if (gateway === undefined) hops.push(missingHop(index, "DescribeInternetGateways", targetComponent(target), `whether ${target.id} is attached to ${vpcId}`));
      else if (isInternetGatewayAttachedTo(gateway, vpcId)) hops.push(hop(targetComponent(target), "pass", "COMPONENT_AVAILABLE", `${natId}'s subnet ${natSubnetId} routes ${describeRoute(chosen, table)}, attached to ${vpcId}.`));
      else hops.push(hop(targetComponent(target), "fail", "IGW_NOT_ATTACHED", `${natId}'s subnet ${natSubnetId} routes ${describeRoute(chosen, table)}, but ${target.id} is not attached to ${vpcId}.`, { setting: `${tableId}: send 0.0.0.0/0 to the internet gateway attached to ${vpcId} (attach one if it has none)` }));
    } else if (target.kind === "nat-gateway" || target.kind === "local" || target.kind === "vpc-endpoint") {
      hops.push(hop({ type: "subnet", id: natSubnetId }, "fail", "NAT_NOT_IN_PUBLIC_SUBNET", `${natId} is in ${natSubnetId}, which routes ${describeRoute(chosen, table)}, not to an internet gateway.`, { setting: publicSetting }));
    } else {
      hops.push(hop(targetComponent(target), "unknown", "ROUTE_LEAVES_SNAPSHOT", `${natId}'s subnet ${natSubnetId} routes ${describeRoute(chosen, table)}, beyond what the snapshot shows.`, { setting: publicSetting }));
    }
  }
  for (const route of match.uncertain) {
    hops.push(hop({ type: "route", id: `${tableId}:${describeRoute(route, undefined)}` }, "unknown", "MORE_SPECIFIC_ROUTE", `${describeRoute(route, table)} may cover ${ctx.service.id}'s public IPs from ${natId}'s subnet and send them elsewhere.`, {
      setting: `check whether ${describeRoute(route, undefined)} covers ${ctx.service.hostname(index.region)}`,
    }));
  }
  return hops;
}

/**
 * A NAT gateway in another VPC (central egress), reached across a transit gateway: the gateway itself, its subnet's
 * outbound 443 and inbound return to the service's public IPs, and its subnet's route to an internet gateway. The legs
 * between the function and the NAT gateway are the transit engine's.
 */
export function remoteNatHops(ctx: PathContext, home: RegionIndex, natId: string): readonly Hop[] {
  return memoised(ctx.index, ["remote-nat", home, ctx.service, natId], () => {
    const nat = home.natGateways.get(natId);
    const component = inAccount({ type: "nat-gateway", id: natId }, home.account, ctx.account);
    if (nat?.SubnetId === undefined) return [missingHop(home, "DescribeNatGateways", component, `the NAT gateway ${natId}`)];
    const own = (h: Hop): Hop => (h.component.account === undefined && home.account !== ctx.account ? { ...h, component: { ...h.component, account: home.account } } : h);
    return [
      ...natGatewayHops(nat, natId),
      networkAclHop(home, publicLeg(nat.SubnetId, "egress", HTTPS, ctx.service.id)),
      ...natSubnetRouteHops(ctx, natId, nat.SubnetId, nat.VpcId ?? "", home),
      networkAclHop(home, publicLeg(nat.SubnetId, "ingress", EPHEMERAL, ctx.service.id)),
    ].map(own);
  });
}

/** Everything after the function's route: the NAT gateway, its subnet's way out, AZ and the NAT subnet's NACL. */
export function natPathHops(ctx: PathContext, natId: string): { readonly hops: readonly Hop[]; readonly notes: readonly Hop[] } {
  return memoised(ctx.index, ["nat-path", ctx.service, ctx.addresses, natId, ctx.subnetId, ctx.subnet.AvailabilityZone ?? "", ctx.vpcId], () => {
    const { hops, notes } = natPathHopsOnce(ctx, natId);
    return { hops: Object.freeze(hops), notes: Object.freeze(notes) };
  });
}

function natPathHopsOnce(ctx: PathContext, natId: string): { hops: Hop[]; notes: Hop[] } {
  const { index } = ctx;
  const nat = index.natGateways.get(natId);
  if (nat === undefined) {
    return { hops: [missingHop(index, "DescribeNatGateways", { type: "nat-gateway", id: natId }, `the NAT gateway ${natId}`)], notes: [] };
  }
  const vpcId = nat.VpcId ?? ctx.vpcId;
  const gatewayHops = natGatewayHops(nat, natId);
  const notes: Hop[] = [];
  const natSubnetId = nat.SubnetId;
  if (natSubnetId === undefined) {
    const hops = [...gatewayHops];
    const attached = internetGatewaysAttachedTo(index, vpcId);
    if (attached.length > 0) {
      hops.push(hop({ type: "internet-gateway", id: attached[0]?.InternetGatewayId ?? "" }, "pass", "COMPONENT_AVAILABLE", `regional NAT gateway ${natId} uses ${attached[0]?.InternetGatewayId}, attached to ${vpcId}.`));
    } else {
      const gap = gapHop(index, "DescribeInternetGateways", `the internet gateway of ${vpcId}`);
      hops.push(
        gap ??
          hop({ type: "vpc", id: vpcId }, "fail", "IGW_NOT_ATTACHED", `regional NAT gateway ${natId} needs an internet gateway attached to ${vpcId}; none is.`, {
            setting: `attach an internet gateway to ${vpcId}`,
          }),
      );
    }
    return { hops, notes };
  }
  const natSubnet = index.subnets.get(natSubnetId);
  const natAddresses = subnetAddresses(index, natSubnetId);
  if (natSubnet === undefined || natAddresses === undefined) {
    return { hops: [...gatewayHops, missingHop(index, "DescribeSubnets", { type: "subnet", id: natSubnetId }, `the subnet of ${natId}`)], notes };
  }
  if (natSubnet.AvailabilityZone !== undefined && natSubnet.AvailabilityZone !== ctx.subnet.AvailabilityZone) {
    notes.push(hop({ type: "nat-gateway", id: natId }, "info", "AVAILABILITY_ZONE_CROSSED", `${natId} is in ${natSubnet.AvailabilityZone}, the function subnet ${ctx.subnetId} in ${ctx.subnet.AvailabilityZone ?? "an unknown AZ"}: cross-AZ data charges, and an outage of ${natSubnet.AvailabilityZone} cuts this subnet off.`));
  }
  const fn: SubnetEnd = { subnetId: ctx.subnetId, addresses: ctx.addresses };
  const natEnd: SubnetEnd = { subnetId: natSubnetId, addresses: natAddresses };
  const acl = (leg: Parameters<typeof networkAclHop>[1]): Hop => networkAclHop(index, leg);
  const sameSubnet = natSubnetId === ctx.subnetId;
  // In path order: into the NAT's subnet, the NAT gateway, out through its subnet's route to the internet gateway, and
  // the answer back the same way.
  const hops: Hop[] = [
    ...localRouteHops(index, fn, natEnd),
    ...(sameSubnet ? [] : [acl(subnetLeg(natSubnetId, "ingress", HTTPS, fn))]),
    ...gatewayHops,
    acl(publicLeg(natSubnetId, "egress", HTTPS, ctx.service.id)),
    ...natSubnetRouteHops(ctx, natId, natSubnetId, vpcId),
    acl(publicLeg(natSubnetId, "ingress", EPHEMERAL, ctx.service.id)),
    ...(sameSubnet ? [] : [acl(subnetLeg(natSubnetId, "egress", EPHEMERAL, fn))]),
    ...localRouteHops(index, natEnd, fn),
  ];
  return { hops, notes };
}
