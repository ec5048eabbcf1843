import type { Route, RouteTable } from "@aws-sdk/client-ec2";
import type { ComponentRef, Hop, PathAttempt, PathKind } from "../types.js";
import { hop, missingHop, outcomeOf } from "../hops.js";
import { describeRoute, isBlackhole, matchServiceRoute, routeOf, routeTarget, targetComponent, type RouteTarget } from "../routes.js";
import { securityGroupHop } from "../security-groups.js";
import { servicePeer, type PathContext } from "./context.js";
import { gatewayEndpointHops } from "./gateway-endpoint-path.js";
import { natPathHops } from "./nat-path.js";
import { functionPublicAclHops } from "./subnet-links.js";

export interface InternetAttempt {
  readonly attempt: PathAttempt;
  readonly notes: readonly Hop[];
}

function tableText(ctx: PathContext, table: RouteTable): string {
  const explicit = (table.Associations ?? []).some((a) => a.SubnetId === ctx.subnetId);
  return `${table.RouteTableId} (${explicit ? `associated with ${ctx.subnetId}` : `main route table of ${ctx.vpcId}`})`;
}

function functionSideHops(ctx: PathContext): Hop[] {
  return [securityGroupHop(ctx.index, ctx.groupIds, "egress", 443, servicePeer(ctx), "the function"), ...functionPublicAclHops(ctx.index, ctx.subnetId, ctx.service.id)];
}

function routeComponent(table: RouteTable, route: Route): ComponentRef {
  return { type: "route", id: `${table.RouteTableId}:${describeRoute(route, undefined)}` };
}

interface TargetHops {
  readonly kind: PathKind;
  readonly via?: ComponentRef;
  readonly hops: readonly Hop[];
  readonly notes: readonly Hop[];
}

function targetHops(ctx: PathContext, table: RouteTable, route: Route, target: RouteTarget): TargetHops {
  const via = targetComponent(target);
  const routeText = describeRoute(route, table);
  switch (target.kind) {
    case "internet-gateway":
      return {
        kind: "internet-gateway",
        via,
        notes: [],
        hops: [
          hop(via, "fail", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", `${routeText} sends ${ctx.service.id} traffic to an internet gateway, but Lambda ENIs never get a public IP (even with MapPublicIpOnLaunch), so it can't reach the internet.`, {
            setting: `move the function to private subnets whose 0.0.0.0/0 goes to a NAT gateway, or add an interface endpoint for ${ctx.service.id}`,
          }),
          ...functionSideHops(ctx),
        ],
      };
    case "nat-gateway": {
      const nat = natPathHops(ctx, target.id);
      return { kind: "nat-gateway", via, hops: [...nat.hops, ...functionSideHops(ctx)], notes: nat.notes };
    }
    case "vpc-endpoint": {
      const endpoint = ctx.index.vpcEndpoints.get(target.id);
      const isGateway = route.DestinationPrefixListId !== undefined && (endpoint === undefined || (endpoint.VpcEndpointType ?? "").toLowerCase() === "gateway");
      if (isGateway) return { kind: "gateway-endpoint", via, hops: gatewayEndpointHops(ctx, target.id, route), notes: [] };
      break;
    }
    default:
      break;
  }
  return {
    kind: "other",
    via,
    notes: [],
    hops: [
      hop(via, "unknown", "ROUTE_LEAVES_SNAPSHOT", `${routeText} sends ${ctx.service.id} traffic to ${target.id} (${target.kind}), beyond what the snapshot shows.`, {
        setting: `check the path behind ${target.id} to ${ctx.service.hostname(ctx.index.region)}:443, or add an interface endpoint for ${ctx.service.id}`,
      }),
      ...functionSideHops(ctx),
    ],
  };
}

/** The way to the service's public hostname: the route table picks the target, then that target's checks. */
export function evaluateInternetPath(ctx: PathContext): InternetAttempt {
  const { index } = ctx;
  const table = index.routeTableFor(ctx.subnetId);
  if (table === undefined) {
    const hops = [missingHop(index, "DescribeRouteTables", { type: "route-table", id: `route-table-of-${ctx.subnetId}` }, `the route table of ${ctx.subnetId}`)];
    return { attempt: { kind: "other", outcome: outcomeOf(hops), hops }, notes: [] };
  }
  const match = matchServiceRoute(index, table, ctx.service);
  const tableId = table.RouteTableId ?? "(route table)";
  const chosen = match.chosen;
  let result: TargetHops;
  if (chosen === undefined) {
    const hops: Hop[] =
      match.uncertain.length > 0
        ? []
        : [
            hop({ type: "route-table", id: tableId }, "fail", "NO_ROUTE_TO_DESTINATION", `${tableText(ctx, table)} has no route covering ${ctx.service.id}'s public IPs (no 0.0.0.0/0), and no endpoint takes the traffic.`, {
              setting: `${tableId}: add 0.0.0.0/0 -> a NAT gateway in a public subnet, or create an interface endpoint com.amazonaws.${index.region}.${ctx.service.endpointServiceSuffixes[0]} with private DNS`,
            }),
          ];
    result = { kind: "other", hops: [...hops, ...functionSideHops(ctx)], notes: [] };
  } else if (isBlackhole(chosen)) {
    const target = routeTarget(chosen);
    result = {
      kind: target.kind === "nat-gateway" ? "nat-gateway" : "other",
      via: targetComponent(target),
      notes: [],
      hops: [
        hop(routeComponent(table, chosen), "fail", "BAD_STATE_ROUTE", `${describeRoute(chosen, table)} is a blackhole: ${target.id} no longer exists or is not usable.`, {
          setting: `aws ec2 replace-route --route-table-id ${tableId} --destination-cidr-block ${chosen.DestinationCidrBlock ?? "0.0.0.0/0"} --nat-gateway-id <nat-id>`,
          route: routeOf(tableId, chosen),
        }),
        ...functionSideHops(ctx),
      ],
    };
  } else {
    const routeHop = hop(routeComponent(table, chosen), "pass", "ROUTE_MATCHED", `${tableText(ctx, table)} sends ${ctx.service.id}'s public IPs via ${describeRoute(chosen, undefined)}.`, { route: routeOf(table.RouteTableId ?? "", chosen) });
    const target = targetHops(ctx, table, chosen, routeTarget(chosen));
    result = { ...target, hops: [routeHop, ...target.hops] };
  }
  const blockedAnyway = outcomeOf(result.hops) === "blocked";
  const uncertainHops = match.uncertain.map((route) =>
    hop(routeComponent(table, route), blockedAnyway ? "info" : "unknown", "MORE_SPECIFIC_ROUTE", `${describeRoute(route, table)} may cover some of ${ctx.service.id}'s public IPs and send them to ${routeTarget(route).id} instead${chosen === undefined ? "" : ` of ${routeTarget(chosen).id}`}.`, {
      setting: `check whether ${describeRoute(route, undefined)} covers ${ctx.service.hostname(index.region)}'s addresses`,
    }),
  );
  const hops = [...result.hops, ...uncertainHops];
  const attempt: PathAttempt = { kind: result.kind, ...(result.via === undefined ? {} : { via: result.via }), outcome: outcomeOf(hops), hops };
  return { attempt, notes: result.notes };
}
