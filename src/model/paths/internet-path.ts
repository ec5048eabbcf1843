import type { Route, RouteTable, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { ComponentRef, Hop, PathAttempt, PathKind } from "../types.js";
import { hop, missingHop, outcomeOf } from "../hops.js";
import { memoised } from "../memo.js";
import { blackholeReason, describeRoute, isBlackhole, matchServiceRoute, routeDestination, routeOf, routeTarget, targetComponent, type RouteTarget } from "../routes.js";
import { securityGroupHop } from "../security-groups.js";
import type { Peer } from "../traffic.js";
import { servicePeer, type PathContext } from "./context.js";
import { gatewayEndpointHops } from "./gateway-endpoint-path.js";
import { natPathHops, remoteNatHops } from "./nat-path.js";
import { followLeg, followRoute, mergeWays, onlySomeFlows } from "./transit.js";
import { inAccount } from "./place.js";
import { PUBLIC_SPACE } from "../cidr.js";
import { cidrOf } from "../traffic.js";
import { EPHEMERAL, HTTPS } from "../network-acls.js";
import { endpointPolicyHop } from "./policy-hop.js";
import { functionPublicAclHops } from "./subnet-links.js";

export interface InternetAttempt {
  readonly attempt: PathAttempt;
  readonly notes: readonly Hop[];
}

/** The function's own checks on the way out: the gateway endpoint's policy (if any), its security groups, its subnet's ACL. */
interface FunctionSide {
  readonly policyEndpoint?: VpcEndpoint;
  readonly peer: Peer;
  readonly acls: readonly Hop[];
}

interface TargetPlan {
  readonly kind: PathKind;
  readonly via?: ComponentRef;
  readonly before: readonly Hop[];
  readonly side: FunctionSide;
  readonly notes: readonly Hop[];
}

/** Everything of the internet path that depends neither on the function's security groups nor on its role. */
interface InternetPlan extends Omit<TargetPlan, "side"> {
  /** Unset when the route table is missing: nothing after it is checked. */
  readonly side?: FunctionSide;
  /** The MORE_SPECIFIC_ROUTE hops, as info when the path is blocked anyway, else as unknown (each built once, when first asked for). */
  readonly uncertain: (blockedAnyway: boolean) => readonly Hop[];
}

function tableText(ctx: PathContext, table: RouteTable): string {
  const explicit = (table.Associations ?? []).some((a) => a.SubnetId === ctx.subnetId);
  return `${table.RouteTableId} (${explicit ? `associated with ${ctx.subnetId}` : `main route table of ${ctx.vpcId}`})`;
}

function publicSide(ctx: PathContext): FunctionSide {
  return { peer: servicePeer(ctx), acls: functionPublicAclHops(ctx.index, ctx.subnetId, ctx.service.id) };
}

function routeComponent(table: RouteTable, route: Route): ComponentRef {
  return { type: "route", id: `${table.RouteTableId}:${describeRoute(route, undefined)}` };
}

function targetPlan(ctx: PathContext, table: RouteTable, route: Route, target: RouteTarget): TargetPlan {
  const via = targetComponent(target);
  const routeText = describeRoute(route, table);
  switch (target.kind) {
    case "internet-gateway":
      return {
        kind: "internet-gateway",
        via,
        notes: [],
        before: [
          hop(via, "fail", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", `${routeText} sends ${ctx.service.id} traffic to an internet gateway, but Lambda ENIs never get a public IP (even with MapPublicIpOnLaunch), so it can't reach the internet.`, {
            setting: `move the function to private subnets whose 0.0.0.0/0 goes to a NAT gateway, or add an interface endpoint for ${ctx.service.id}`,
          }),
        ],
        side: publicSide(ctx),
      };
    case "nat-gateway": {
      const nat = natPathHops(ctx, target.id);
      return { kind: "nat-gateway", via, before: nat.hops, side: publicSide(ctx), notes: nat.notes };
    }
    case "vpc-endpoint": {
      const endpoint = ctx.index.vpcEndpoints.get(target.id);
      const isGateway = route.DestinationPrefixListId !== undefined && (endpoint === undefined || (endpoint.VpcEndpointType ?? "").toLowerCase() === "gateway");
      if (isGateway) {
        const gateway = gatewayEndpointHops(ctx, target.id);
        const peer = servicePeer(ctx, route.DestinationPrefixListId);
        const acls = functionPublicAclHops(ctx.index, ctx.subnetId, ctx.service.id);
        return { kind: "gateway-endpoint", via, before: gateway.hops, side: gateway.policyEndpoint === undefined ? { peer, acls } : { policyEndpoint: gateway.policyEndpoint, peer, acls }, notes: [] };
      }
      break;
    }
    case "transit-gateway":
    case "vpc-peering-connection": {
      const call = target.kind === "transit-gateway" ? "DescribeTransitGatewayVpcAttachments" : "DescribeVpcPeeringConnections";
      // Snapshots made before kms-audit followed these keep their verdict: the route leads beyond what they hold.
      if (ctx.network.landingGap(ctx.account, call)?.kind === "not-collected") break;
      return centralEgressPlan(ctx, table, route);
    }
    default:
      break;
  }
  return {
    kind: "other",
    via,
    notes: [],
    before: [
      hop(via, "unknown", "ROUTE_LEAVES_SNAPSHOT", `${routeText} sends ${ctx.service.id} traffic to ${target.id} (${target.kind}), beyond what the snapshot shows.`, {
        setting: `check the path behind ${target.id} to ${ctx.service.hostname(ctx.index.region)}:443, or add an interface endpoint for ${ctx.service.id}`,
      }),
    ],
    side: publicSide(ctx),
  };
}

/**
 * Central egress: the function's route leads to a transit gateway (or a peering connection, which can't carry it),
 * followed across VPCs to a NAT gateway in another VPC, through it to the internet, and the answer back: the NAT
 * gateway's subnet must route the function's subnet back, and the gateway's route table the other way.
 */
function centralEgressPlan(ctx: PathContext, table: RouteTable, route: Route): TargetPlan {
  const from = { home: ctx.index, vpcId: ctx.vpcId, subnetId: ctx.subnetId, subnet: ctx.subnet, addresses: ctx.addresses, kind: "eni" as const };
  const fnText = `${ctx.subnetId} (${cidrOf(ctx.addresses)})`;
  const publicText = `${ctx.service.id}'s public IPs`;
  const forward = followRoute(
    {
      network: ctx.network,
      pathAccount: ctx.account,
      service: ctx.service,
      from,
      dest: { kind: "public", serviceId: ctx.service.id },
      packet: { src: ctx.addresses, srcText: fnText, srcCidr: cidrOf(ctx.addresses), dst: PUBLIC_SPACE, dstText: publicText, dstCidr: "0.0.0.0/0", ports: HTTPS },
      checkSourceAcl: false,
      checkDestinationAcl: true,
    },
    table,
    route,
  );
  const ways = forward.map((branch): readonly Hop[] => {
    const arrived = branch.arrived;
    if (arrived?.natId === undefined) return branch.hops;
    const back = followLeg({
      network: ctx.network,
      pathAccount: ctx.account,
      service: ctx.service,
      from: arrived.place,
      dest: { kind: "subnet", place: from },
      packet: { src: PUBLIC_SPACE, srcText: publicText, srcCidr: "0.0.0.0/0", dst: ctx.addresses, dstText: fnText, dstCidr: cidrOf(ctx.addresses), ports: EPHEMERAL },
      checkSourceAcl: true,
      checkDestinationAcl: false,
    });
    return [...branch.hops, ...remoteNatHops(ctx, arrived.place.home, arrived.natId), ...mergeWays(back.map((b) => b.hops), onlySomeFlows)];
  });
  const nat = forward.find((b) => b.arrived?.natId !== undefined)?.arrived;
  const via: ComponentRef = nat?.natId === undefined ? targetComponent(routeTarget(route)) : inAccount({ type: "nat-gateway", id: nat.natId }, nat.place.home.account, ctx.account);
  return { kind: nat?.natId === undefined ? "other" : "nat-gateway", via, before: mergeWays(ways, onlySomeFlows), side: publicSide(ctx), notes: [] };
}

function internetPlanOnce(ctx: PathContext): InternetPlan {
  const { index } = ctx;
  const table = index.routeTableFor(ctx.subnetId);
  if (table === undefined) {
    const before = [missingHop(index, "DescribeRouteTables", { type: "route-table", id: `route-table-of-${ctx.subnetId}` }, `the route table of ${ctx.subnetId}`)];
    return { kind: "other", before, notes: [], uncertain: () => [] };
  }
  const match = matchServiceRoute(index, table, ctx.service);
  const tableId = table.RouteTableId ?? "(route table)";
  const chosen = match.chosen;
  let result: Omit<TargetPlan, "via"> & { readonly via?: ComponentRef };
  if (chosen === undefined) {
    const before: Hop[] =
      match.uncertain.length > 0
        ? []
        : [
            hop({ type: "route-table", id: tableId }, "fail", "NO_ROUTE_TO_DESTINATION", `${tableText(ctx, table)} has no route covering ${ctx.service.id}'s public IPs (no 0.0.0.0/0), and no endpoint takes the traffic.`, {
              setting: `${tableId}: add 0.0.0.0/0 -> a NAT gateway in a public subnet, or create an interface endpoint com.amazonaws.${index.region}.${ctx.service.endpointServiceSuffixes[0]} with private DNS`,
            }),
          ];
    result = { kind: "other", before, side: publicSide(ctx), notes: [] };
  } else if (isBlackhole(chosen)) {
    const target = routeTarget(chosen);
    result = {
      kind: target.kind === "nat-gateway" ? "nat-gateway" : "other",
      via: targetComponent(target),
      notes: [],
      before: [
        hop(routeComponent(table, chosen), "fail", "BAD_STATE_ROUTE", `${describeRoute(chosen, table)} is a blackhole: ${blackholeReason(index, chosen, ctx.vpcId)}.`, {
          setting: `${tableId}: point ${routeDestination(chosen)} at a live target (the gateway it meant), or delete the route`,
          route: routeOf(tableId, chosen),
        }),
      ],
      side: publicSide(ctx),
    };
  } else {
    const routeHop = hop(routeComponent(table, chosen), "pass", "ROUTE_MATCHED", `${tableText(ctx, table)} sends ${ctx.service.id}'s public IPs via ${describeRoute(chosen, undefined)}.`, { route: routeOf(table.RouteTableId ?? "", chosen) });
    const target = targetPlan(ctx, table, chosen, routeTarget(chosen));
    result = { ...target, before: [routeHop, ...target.before] };
  }
  const built = new Map<boolean, readonly Hop[]>();
  const uncertain = (blockedAnyway: boolean): readonly Hop[] => {
    const known = built.get(blockedAnyway);
    if (known !== undefined) return known;
    const hops = match.uncertain.map((route) =>
      hop(routeComponent(table, route), blockedAnyway ? "info" : "unknown", "MORE_SPECIFIC_ROUTE", `${describeRoute(route, table)} may cover some of ${ctx.service.id}'s public IPs and send them to ${routeTarget(route).id} instead${chosen === undefined ? "" : ` of ${routeTarget(chosen).id}`}.`, {
        setting: `check whether ${describeRoute(route, undefined)} covers ${ctx.service.hostname(index.region)}'s addresses`,
      }),
    );
    built.set(blockedAnyway, hops);
    return hops;
  };
  return { ...result, uncertain };
}

function internetPlan(ctx: PathContext): InternetPlan {
  return memoised(ctx.index, ["internet-plan", ctx.service, ctx.addresses, ctx.subnetId, ctx.vpcId, ctx.subnet.AvailabilityZone ?? ""], () => internetPlanOnce(ctx));
}

/** The way to the service's public hostname: the route table picks the target, then that target's checks. */
export function evaluateInternetPath(ctx: PathContext): InternetAttempt {
  const plan = internetPlan(ctx);
  const side = plan.side;
  // In path order: the function's security groups and subnet ACL on the way out, the route and its target, the
  // gateway endpoint's policy, then the ACL admitting the answer back into the function's subnet.
  const hops: Hop[] = [];
  if (side !== undefined) hops.push(securityGroupHop(ctx.index, ctx.groupIds, "egress", 443, side.peer, "the function"), ...side.acls.filter((h) => h.direction !== "ingress"));
  hops.push(...plan.before);
  if (side !== undefined) {
    if (side.policyEndpoint !== undefined) hops.push(endpointPolicyHop(ctx, side.policyEndpoint));
    hops.push(...side.acls.filter((h) => h.direction === "ingress"));
  }
  hops.push(...plan.uncertain(outcomeOf(hops) === "blocked"));
  const attempt: PathAttempt = { kind: plan.kind, ...(plan.via === undefined ? {} : { via: plan.via }), outcome: outcomeOf(hops), hops };
  return { attempt, notes: plan.notes };
}
