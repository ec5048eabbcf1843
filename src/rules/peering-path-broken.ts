import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { comment } from "./fix.js";
import { anyCertain, groupBy, ownedHops, severityOf } from "./support/hops.js";
import { affectedSpokes } from "./support/landing.js";

type MessageId = "edgeToEdge" | "notTransitive" | "notActive";

const MESSAGE: Readonly<Record<string, MessageId>> = { PCX_EDGE_TO_EDGE: "edgeToEdge", PCX_REQUIRES_ADDRESS_IN_VPC_CIDR: "notTransitive", BAD_STATE: "notActive" };

export default defineRule<MessageId>({
  meta: {
    id: "peering-path-broken",
    title: "A function's traffic relies on a peering connection for what peering can't carry",
    severity: "error",
    category: "routing",
    securitySeverity: 6.5,
    rationale:
      "A VPC peering connection carries traffic only between the two VPCs' own addresses: it is not transitive (a third " +
      "VPC behind the peer is out of reach) and has no edge-to-edge routing (a spoke can't use the peer's NAT gateway, " +
      "internet gateway, virtual private gateway or gateway endpoint). An interface endpoint in the peer is reachable, " +
      "which is how peered spokes use central endpoints; a route sending a service's public IPs over peering to a hub's " +
      "NAT gateway drops every call. A connection that is not active carries nothing.",
    remediation: {
      text:
        "Reach the service another way: an interface endpoint in the function's VPC (or the central endpoint in the peer, " +
        "through a private hosted zone), or a transit gateway to the egress VPC instead of the peering connection. Accept " +
        "or re-create a peering connection that is not active.",
      cli: [
        "aws ec2 replace-route --route-table-id <route-table-id> --destination-cidr-block 0.0.0.0/0 --transit-gateway-id <tgw-id> --region <region>",
        "aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id <pcx-id> --region <region>",
      ],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html", "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html"],
    requires: ["DescribeRouteTables"],
    messages: {
      edgeToEdge: "Route table {{routeTable}} sends {{destination}} over peering connection {{peering}}, which never carries traffic to the peer's NAT gateway or internet gateway: the calls of {{affected}} {{effect}}. {{detail}}",
      notTransitive: "Route table {{routeTable}} sends traffic for another VPC over peering connection {{peering}}, which is not transitive: the calls of {{affected}} {{effect}}. {{detail}}",
      notActive: "Peering connection {{peering}} is not active: the calls of {{affected}} {{effect}}. {{detail}}",
    },
    headlines: {
      edgeToEdge: "{{peering}} can't carry {{destination}} to the peer's NAT or internet gateway",
      notTransitive: "sends another VPC's traffic over {{peering}}, which is not transitive",
      notActive: "not active: the calls through it {{effect}}",
    },
  },
  *check({ model, settings }, region) {
    for (const items of groupBy(ownedHops(model, region, "peering-path-broken"), (o) => `${o.hop.component.id}\n${o.hop.code}`).values()) {
      const first = items[0]!;
      const messageId = MESSAGE[first.hop.code] ?? "notActive";
      const onTable = first.hop.route !== undefined;
      const peering = onTable ? (first.hop.route?.target ?? "") : first.hop.component.id;
      const certain = anyCertain(items);
      yield {
        messageId,
        resource: onTable ? ec2Ref(region, "route-table", first.hop.route!.routeTableId) : ec2Ref(region, "vpc-peering-connection", first.hop.component.id),
        key: `${first.hop.code}:${first.hop.route?.destination ?? ""}`,
        severity: severityOf("error", region, items, settings),
        data: {
          routeTable: first.hop.route?.routeTableId ?? "",
          destination: first.hop.route?.destination ?? "",
          peering,
          effect: certain ? "are dropped" : "may be dropped",
          detail: first.hop.detail,
          affected: affectedSpokes(region, items),
        },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: certain ? [comment(first.hop.setting ?? `${peering} can't carry this traffic`)] : [],
      };
    }
  },
});
