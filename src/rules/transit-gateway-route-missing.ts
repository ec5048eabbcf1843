import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { comment, type FixLine } from "./fix.js";
import { anyCertain, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";
import { affectedSpokes } from "./support/landing.js";

type MessageId = "noRoute" | "blackhole" | "noAssociation" | "notAvailable";

const MESSAGE: Readonly<Record<string, MessageId>> = {
  TGW_RTB_CANNOT_ROUTE: "noRoute",
  TGW_RTB_BAD_STATE_ROUTE: "blackhole",
  TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION: "noAssociation",
  BAD_STATE: "notAvailable",
};

function fixFor(region: Parameters<typeof ec2>[0], messageId: MessageId, first: OwnedHop): FixLine[] {
  const route = first.hop.route;
  if ((messageId === "noRoute" || messageId === "blackhole") && route !== undefined) {
    if (route.target === "" || route.destination.startsWith("pl-")) {
      return [comment(`${route.routeTableId} needs a route for ${route.destination} to the attachment of the VPC that holds it; kms-audit can't tell which attachment that is`)];
    }
    return [
      ec2(region, messageId === "noRoute" ? "create-transit-gateway-route" : "replace-transit-gateway-route", [
        "--transit-gateway-route-table-id",
        route.routeTableId,
        "--destination-cidr-block",
        route.destination,
        "--transit-gateway-attachment-id",
        route.target,
      ]),
    ];
  }
  return [comment(first.hop.setting ?? "re-create the attachment or associate it with the route table its peers use")];
}

export default defineRule<MessageId>({
  meta: {
    id: "transit-gateway-route-missing",
    title: "A transit gateway route table drops a function's traffic",
    severity: "error",
    category: "routing",
    securitySeverity: 6.5,
    rationale:
      "A transit gateway routes each packet by the route table associated with the attachment it came from: longest " +
      "prefix first, a static route before a propagated one with the same prefix. Without a route for the destination, " +
      "or with a blackhole route (a static route to nothing, or one whose attachment was deleted), the packet is dropped. " +
      "In a landing zone both directions need a route: the spokes' table toward the hub's endpoints or egress VPC, and the " +
      "hub's table back to every spoke. Only the gateway's owner (the network account) can read these tables, so the " +
      "finding is reported there, listing the spokes and functions whose calls are dropped.",
    remediation: {
      text:
        "Add a route to the route table associated with the attachment the traffic comes from, for the destination VPC's " +
        "CIDR, to that VPC's attachment (or turn on propagation from it); replace a blackhole route the same way.",
      cli: [
        "aws ec2 create-transit-gateway-route --transit-gateway-route-table-id <tgw-route-table-id> --destination-cidr-block <vpc-cidr> --transit-gateway-attachment-id <attachment-id> --region <region>",
        "aws ec2 replace-transit-gateway-route --transit-gateway-route-table-id <tgw-route-table-id> --destination-cidr-block <cidr> --transit-gateway-attachment-id <attachment-id> --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html", "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html"],
    requires: [],
    messages: {
      noRoute:
        "Transit gateway route table {{table}} has no route for {{destination}}: the transit gateway {{effect}} the traffic of {{affected}}. Add a route for {{destination}} to {{target}}.",
      blackhole:
        "Route {{destination}} in transit gateway route table {{table}} is a blackhole: the transit gateway {{effect}} the traffic of {{affected}}. Point it at {{target}}.",
      noAssociation: "Transit gateway attachment {{table}} is associated with no route table: the transit gateway {{effect}} the traffic of {{affected}}.",
      notAvailable: "Transit gateway attachment {{table}} is not available: the transit gateway {{effect}} the traffic of {{affected}}.",
    },
    headlines: {
      noRoute: "no route for {{destination}}: the transit gateway {{effect}} the traffic",
      blackhole: "route {{destination}} is a blackhole",
      noAssociation: "associated with no route table",
      notAvailable: "not available: the transit gateway {{effect}} the traffic",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "transit-gateway-route-missing");
    for (const items of groupBy(owned, (o) => `${o.hop.component.id}\n${o.hop.code}\n${o.hop.route?.destination ?? ""}`).values()) {
      const first = items[0]!;
      const messageId = MESSAGE[first.hop.code] ?? "noRoute";
      const type = first.hop.component.type === "transit-gateway-route-table" ? "transit-gateway-route-table" : "transit-gateway-attachment";
      yield {
        messageId,
        resource: ec2Ref(region, type, first.hop.component.id),
        key: `${first.hop.code}:${first.hop.route?.destination ?? ""}`,
        severity: severityOf("error", region, items, settings),
        data: {
          table: first.hop.component.id,
          destination: first.hop.route?.destination ?? "(unknown)",
          target: first.hop.route?.target || "the attachment of the VPC that holds it",
          effect: anyCertain(items) ? "drops" : "may drop",
          affected: affectedSpokes(region, items),
        },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: anyCertain(items) ? fixFor(region, messageId, first) : [],
      };
    }
  },
});
