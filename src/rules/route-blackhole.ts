import type { Route } from "@aws-sdk/client-ec2";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { setVariable, variable } from "./fix.js";
import { affectedPaths, groupBy, ownedHops, severityFor, type OwnedHop } from "./support/hops.js";
import type { RegionIndex } from "../model/model.js";
import { blackholeReason } from "../model/index.js";

type MessageId = "blackhole";

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
      text: "Point the route at a live target (for a default route, an available public NAT gateway) or delete it.",
      cli: [
        "aws ec2 replace-route --route-table-id <route-table-id> --destination-cidr-block <cidr> --nat-gateway-id <nat-gateway-id> --region <region>",
        "aws ec2 delete-route --route-table-id <route-table-id> --destination-cidr-block <cidr> --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html", "https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html"],
    requires: ["ListFunctions", "DescribeRouteTables", "DescribeSubnets"],
    messages: {
      blackhole:
        "Route {{destination}} in route table {{routeTable}} is a blackhole ({{why}}), and it is the route that {{affected}} take: the traffic is dropped.",
    },
  },
  *check({ model, settings }, region) {
    const located = ownedHops(model, region, "route-blackhole").map((o) => ({ ...o, ...locate(region, o) }));
    for (const items of groupBy(located, (o) => `${o.tableId}\n${o.route ? destinationOf(o.route) : o.hop.component.id}`).values()) {
      const first = items[0]!;
      const destination = first.route ? destinationOf(first.route) : "(unknown destination)";
      const natIds = [...region.natGateways.values()].filter((n) => n.VpcId === first.result.vpcId && String(n.State).toLowerCase() === "available" && n.ConnectivityType !== "private").map((n) => n.NatGatewayId ?? "").sort();
      yield {
        messageId: "blackhole",
        resource: ec2Ref(region, "route-table", first.tableId),
        key: destination,
        severity: severityFor("error", region, items.map((o) => o.result), settings),
        data: {
          destination,
          routeTable: first.tableId,
          target: first.route ? targetOf(first.route) : "(unknown target)",
          why: first.route ? blackholeReason(region, first.route, first.result.vpcId) : "its target is not usable",
          affected: affectedPaths(items.map((o) => o.result)),
        },
        evidence: [first.hop],
        fix: first.route
          ? [
              ...(natIds[0] === undefined ? [setVariable("NAT", "", `an available public NAT gateway of ${first.result.vpcId}`)] : []),
              ec2(region, "replace-route", ["--route-table-id", first.tableId, flag(destination), destination, "--nat-gateway-id", natIds[0] ?? variable("NAT")]),
            ]
          : [],
      };
    }
  },
});
