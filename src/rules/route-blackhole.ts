import type { Route } from "@aws-sdk/client-ec2";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { createPublicNat, ec2, ec2Capture, natAddress } from "./support/commands.js";
import { comment, setVariable, variable, type FixLine, type Word } from "./fix.js";
import { affectedPaths, anyCertain, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";
import { attachedInternetGateway, natAz, publicSubnetIn } from "./support/resources.js";
import { subnetsUsing } from "./support/route-fixes.js";
import type { RegionIndex } from "../model/model.js";
import type { Snapshot } from "../snapshot/types.js";
import { blackholeReason } from "../model/index.js";

type MessageId = "blackhole" | "blackholeMaybe";

function destinationOf(route: Route): string {
  return route.DestinationCidrBlock ?? route.DestinationPrefixListId ?? route.DestinationIpv6CidrBlock ?? "";
}

function targetOf(route: Route): string {
  return route.NatGatewayId ?? route.GatewayId ?? route.TransitGatewayId ?? route.VpcPeeringConnectionId ?? route.NetworkInterfaceId ?? route.InstanceId ?? "(unknown target)";
}

/** The route table and blackhole route a hop is about, as the model recorded them. */
function locate(region: RegionIndex, owned: OwnedHop): { tableId: string; route?: Route } {
  const matched = owned.hop.route;
  const tableId = matched?.routeTableId ?? region.routeTableFor(owned.result.subnetId)?.RouteTableId ?? owned.hop.component.id;
  const route = (region.routeTables.get(tableId)?.Routes ?? []).find((r) => r.State === "blackhole" && destinationOf(r) === matched?.destination);
  return route === undefined ? { tableId } : { tableId, route };
}

function flag(destination: string): string {
  if (destination.startsWith("pl-")) return "--destination-prefix-list-id";
  return destination.includes(":") ? "--destination-ipv6-cidr-block" : "--destination-cidr-block";
}

/** An available public NAT gateway of the VPC that doesn't sit behind this very table (a NAT routed to itself loops), same AZ first. */
function liveNat(region: RegionIndex, vpcId: string, tableId: string, az: string | undefined): string | undefined {
  const candidates = [...region.natGateways.values()].filter(
    (n) =>
      n.VpcId === vpcId &&
      String(n.State).toLowerCase() === "available" &&
      n.ConnectivityType !== "private" &&
      n.NatGatewayId !== undefined &&
      (n.SubnetId === undefined || region.routeTableFor(n.SubnetId)?.RouteTableId !== tableId),
  );
  const ids = candidates.map((n) => n.NatGatewayId!).sort();
  return ids.find((id) => natAz(region, id) === az) ?? ids[0];
}

/** A new public NAT gateway in a public subnet of the AZ, its id in $NAT (see createPublicNat). */
function newNat(snapshot: Snapshot, region: RegionIndex, vpcId: string, az: string | undefined): FixLine[] {
  const subnet = publicSubnetIn(region, vpcId, az);
  return [
    ...(subnet === undefined ? [setVariable("PUBLIC_SUBNET", "", `a public subnet of ${vpcId}${az === undefined ? "" : ` in ${az}`} (its 0.0.0.0/0 route goes to an attached internet gateway)`)] : []),
    ...createPublicNat(region, subnet ?? variable("PUBLIC_SUBNET"), natAddress(snapshot, region)),
  ];
}

/**
 * A live target for the route, by whose traffic it carries. A function subnet's route goes to a NAT gateway, whatever
 * it pointed at (Lambda's interfaces have no public IP, so an internet gateway would leave the function without
 * internet): another available public one, never one behind this very table (a NAT routed to itself loops), or a new
 * one. A NAT gateway's own subnet routes to the internet gateway: the one attached to the VPC, the detached one
 * attached again, or a new one. Other targets (transit gateways, peering, appliances) carry a design kms-audit can't
 * guess: no command.
 */
function replacement(snapshot: Snapshot, region: RegionIndex, route: Route, tableId: string, items: readonly OwnedHop[]): { lines: FixLine[]; flag?: string; target?: Word } | undefined {
  const first = items[0]!;
  const vpcId = region.routeTables.get(tableId)?.VpcId ?? first.result.vpcId;
  const functionsTable = items.some((o) => region.routeTableFor(o.result.subnetId)?.RouteTableId === tableId);
  const subnets = subnetsUsing(region, region.routeTables.get(tableId) ?? {});
  const az = region.subnets.get(subnets[0] ?? first.result.subnetId)?.AvailabilityZone ?? first.result.availabilityZone;
  if (route.NatGatewayId !== undefined || (functionsTable && route.GatewayId?.startsWith("igw-"))) {
    const nat = liveNat(region, vpcId, tableId, az);
    if (nat !== undefined) return { lines: [], flag: "--nat-gateway-id", target: nat };
    return { lines: newNat(snapshot, region, vpcId, az), flag: "--nat-gateway-id", target: variable("NAT") };
  }
  if (route.GatewayId?.startsWith("igw-")) {
    const attached = attachedInternetGateway(region, vpcId);
    if (attached !== undefined) return { lines: [], flag: "--gateway-id", target: attached };
    const old = region.internetGateways.get(route.GatewayId);
    // Still there, attached to nothing: attached again, the route comes back by itself.
    if (old !== undefined && !(old.Attachments ?? []).some((a) => !["detached", "detaching"].includes(String(a.State).toLowerCase()))) {
      return { lines: [ec2(region, "attach-internet-gateway", ["--internet-gateway-id", route.GatewayId, "--vpc-id", vpcId])] };
    }
    return {
      lines: [
        ec2Capture("IGW", "InternetGateway.InternetGatewayId", region, "create-internet-gateway", []),
        ec2(region, "attach-internet-gateway", ["--internet-gateway-id", variable("IGW"), "--vpc-id", vpcId]),
      ],
      flag: "--gateway-id",
      target: variable("IGW"),
    };
  }
  return undefined;
}

function fixFor(snapshot: Snapshot, region: RegionIndex, items: readonly OwnedHop[], tableId: string, route: Route | undefined): FixLine[] {
  if (route === undefined) return [];
  const destination = destinationOf(route);
  const live = replacement(snapshot, region, route, tableId, items);
  if (live === undefined) {
    return [comment(`${destination} -> ${targetOf(route)} in ${tableId} led to a ${route.TransitGatewayId ? "transit gateway" : route.VpcPeeringConnectionId ? "peering connection" : "target"} that no longer exists: point it at its replacement, or delete it if the traffic may take the next matching route`)];
  }
  if (live.flag === undefined || live.target === undefined) return live.lines;
  return [...live.lines, ec2(region, "replace-route", ["--route-table-id", tableId, flag(destination), destination, live.flag, live.target])];
}

export default defineRule<MessageId>({
  meta: {
    id: "route-blackhole",
    title: "Function traffic matches a blackhole route",
    severity: "error",
    category: "routing",
    securitySeverity: 6.5,
    rationale:
      "When a route's target (a NAT gateway, an internet gateway, an interface) is deleted, AWS keeps the route in state " +
      "blackhole and drops the traffic that matches it. Because routing takes the longest matching prefix, a blackholed " +
      "default route silently cuts every function in the associated subnets off the internet and from AWS service endpoints.",
    remediation: {
      text:
        "Point the route at a live target of the kind it had: another available public NAT gateway (never one whose own " +
        "subnet uses this route table) or a new one, or the internet gateway attached to the VPC. A route to a transit " +
        "gateway, peering connection or appliance that no longer exists needs its replacement, which only you know.",
      cli: [
        "aws ec2 replace-route --route-table-id <route-table-id> --destination-cidr-block <cidr> --nat-gateway-id <nat-gateway-id> --region <region>",
        "aws ec2 replace-route --route-table-id <route-table-id> --destination-cidr-block <cidr> --gateway-id <attached-igw-id> --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html", "https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html"],
    requires: ["ListFunctions", "DescribeRouteTables", "DescribeSubnets"],
    messages: {
      blackhole:
        "Route {{destination}} in route table {{routeTable}} is a blackhole ({{why}}), and it is the route that {{affected}} take: the traffic is dropped.",
      blackholeMaybe:
        "Route {{destination}} in route table {{routeTable}} is a blackhole ({{why}}), and {{affected}} may take it: whether their traffic goes this way is unverifiable from the snapshot.",
    },
    headlines: {
      blackhole: "route {{destination}} is a blackhole ({{why}})",
      blackholeMaybe: "route {{destination}} is a blackhole ({{why}}); whether it is taken is unverifiable",
    },
  },
  *check({ snapshot, model, settings }, region) {
    const located = ownedHops(model, region, "route-blackhole").map((o) => ({ ...o, ...locate(region, o) }));
    for (const items of groupBy(located, (o) => `${o.tableId}\n${o.route ? destinationOf(o.route) : o.hop.component.id}`).values()) {
      const first = items[0]!;
      const destination = first.route ? destinationOf(first.route) : "(unknown destination)";
      yield {
        messageId: anyCertain(items) ? "blackhole" : "blackholeMaybe",
        resource: ec2Ref(region, "route-table", first.tableId),
        key: destination,
        severity: severityOf("error", region, items, settings),
        data: {
          destination,
          routeTable: first.tableId,
          target: first.route ? targetOf(first.route) : "(unknown target)",
          why: first.route ? blackholeReason(region, first.route, first.result.vpcId) : "its target is not usable",
          affected: affectedPaths(items.map((o) => o.result)),
        },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: fixFor(snapshot, region, items, first.tableId, first.route),
      };
    }
  },
});
