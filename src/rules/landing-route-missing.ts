import type { RegionIndex } from "../model/model.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { comment, type FixLine } from "./fix.js";
import { anyCertain, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";
import { affectedSpokes } from "./support/landing.js";

type MessageId = "noRoute" | "mayHaveNoRoute";

const TARGET_FLAG: ReadonlyArray<readonly [string, string]> = [
  ["tgw-", "--transit-gateway-id"],
  ["pcx-", "--vpc-peering-connection-id"],
  ["nat-", "--nat-gateway-id"],
];

/** create-route for a missing route, replace-route where the table routes that destination elsewhere (an internet gateway). */
function fixFor(region: RegionIndex, first: OwnedHop): FixLine[] {
  const route = first.hop.route;
  const flag = TARGET_FLAG.find(([prefix]) => route?.target.startsWith(prefix))?.[1];
  if (route === undefined || flag === undefined) {
    return [comment(`${route?.routeTableId ?? first.hop.component.id} needs a route for ${route?.destination ?? "the destination"} to a transit gateway, peering connection or NAT gateway that leads there; kms-audit finds none to name`)];
  }
  const exists = (region.routeTables.get(route.routeTableId)?.Routes ?? []).some((r) => r.DestinationCidrBlock === route.destination);
  return [ec2(region, exists ? "replace-route" : "create-route", ["--route-table-id", route.routeTableId, "--destination-cidr-block", route.destination, flag, route.target])];
}

export default defineRule<MessageId>({
  meta: {
    id: "landing-route-missing",
    title: "A VPC route table on a path between VPCs has no route for it",
    severity: "error",
    category: "routing",
    securitySeverity: 6.5,
    rationale:
      "A path across a transit gateway or a peering connection needs a route in every VPC it crosses, both ways: the " +
      "function's subnet toward the central endpoint or egress VPC, the hub's subnets back to the function's subnet " +
      "(a transit gateway and a peering connection translate no addresses: the hub answers the function's own IP), and " +
      "in an egress VPC the subnets where traffic enters toward the NAT gateway. A missing return route is the classic " +
      "landing-zone failure: the request arrives, the answer is dropped, and the function's calls time out. The finding " +
      "is reported on the route table that must change, in the account that owns it, listing the spokes and functions.",
    remediation: {
      text: "Add the route: the other VPC's CIDR to the transit gateway (or peering connection) both VPCs use, or the service's public IPs (0.0.0.0/0) to the egress VPC's NAT gateway.",
      cli: [
        "aws ec2 create-route --route-table-id <route-table-id> --destination-cidr-block <spoke-vpc-cidr> --transit-gateway-id <tgw-id> --region <region>",
        "aws ec2 create-route --route-table-id <route-table-id> --destination-cidr-block <peer-vpc-cidr> --vpc-peering-connection-id <pcx-id> --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-centralized-router.html",
      "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html",
      "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-egress-to-internet.html",
    ],
    requires: ["DescribeRouteTables"],
    messages: {
      noRoute: "Route table {{routeTable}} of {{vpc}} has no route for {{destination}}: {{detail}} Affected: {{affected}}. Add {{destination}} -> {{target}}.",
      mayHaveNoRoute: "Route table {{routeTable}} of {{vpc}} has no route for {{destination}}: {{detail}} Affected, where their paths go this way: {{affected}}.",
    },
    headlines: {
      noRoute: "no route for {{destination}}",
      mayHaveNoRoute: "no route for {{destination}} (whether it matters is unverifiable)",
    },
  },
  *check({ model, settings }, region) {
    for (const items of groupBy(ownedHops(model, region, "landing-route-missing"), (o) => `${o.hop.component.id}\n${o.hop.route?.destination ?? ""}`).values()) {
      const first = items[0]!;
      const tableId = first.hop.route?.routeTableId ?? first.hop.component.id;
      yield {
        messageId: anyCertain(items) ? "noRoute" : "mayHaveNoRoute",
        resource: ec2Ref(region, "route-table", tableId),
        key: first.hop.route?.destination ?? "",
        severity: severityOf("error", region, items, settings),
        data: {
          routeTable: tableId,
          vpc: region.routeTables.get(tableId)?.VpcId ?? "(unknown VPC)",
          destination: first.hop.route?.destination ?? "(unknown)",
          target: first.hop.route?.target || "the transit gateway or peering connection that leads there",
          detail: first.hop.detail,
          affected: affectedSpokes(region, items),
        },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: anyCertain(items) ? fixFor(region, first) : [],
      };
    }
  },
});
