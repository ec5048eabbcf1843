import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { anyCertain, groupBy, ownedHops, severityOf } from "./support/hops.js";
import { affectedSpokes } from "./support/landing.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "azNotCovered" | "azMayNotBeCovered";

export default defineRule<MessageId>({
  meta: {
    id: "transit-gateway-az-gap",
    title: "A transit gateway attachment has no subnet in an Availability Zone that sends traffic through it",
    severity: "error",
    category: "routing",
    securitySeverity: 6.5,
    rationale:
      "A VPC attachment to a transit gateway names one subnet per Availability Zone, and the transit gateway has a network " +
      "interface only there: resources in an AZ without an attachment subnet can't reach the transit gateway at all, even " +
      "with a route to it. A Lambda function placed in such an AZ has no path to a central endpoint or a central NAT " +
      "gateway from there, and its calls time out whenever Lambda runs it in that subnet; the same gap on a hub's " +
      "attachment drops the answers of an endpoint interface in that AZ.",
    remediation: {
      text: "Add a subnet of the VPC in each Availability Zone that sends traffic through the transit gateway to the attachment (one subnet per AZ; a small subnet dedicated to attachments is AWS's recommendation).",
      cli: ["aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id <attachment-id> --add-subnet-ids <subnet-id-in-that-az> --region <region>"],
    },
    references: ["https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html", "https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html"],
    requires: ["DescribeSubnets"],
    messages: {
      azNotCovered:
        "Transit gateway attachment {{attachment}} ({{vpc}} to {{tgw}}) has no subnet in {{zones}}: traffic from {{subnets}} can't reach the transit gateway, so the calls of {{affected}} that leave from there are dropped. Add a subnet of {{vpc}} in {{zones}} to the attachment.",
      azMayNotBeCovered:
        "Transit gateway attachment {{attachment}} ({{vpc}} to {{tgw}}) has no subnet in {{zones}}: traffic from {{subnets}} can't reach the transit gateway, so the calls of {{affected}} may be dropped there (their paths are unverifiable for other reasons).",
    },
    headlines: {
      azNotCovered: "no subnet in {{zones}}: traffic from there never reaches {{tgw}}",
      azMayNotBeCovered: "no subnet in {{zones}} (whether it matters is unverifiable)",
    },
  },
  *check({ model, settings }, region) {
    for (const items of groupBy(ownedHops(model, region, "transit-gateway-az-gap"), (o) => o.hop.component.id).values()) {
      const first = items[0]!;
      const attachment = first.hop.component.id;
      const subnets = sortedUnique(items.flatMap((o) => o.hop.subnetId ?? []));
      const byZone = new Map<string, string>();
      for (const subnetId of subnets) {
        const az = region.subnets.get(subnetId)?.AvailabilityZone ?? subnetId;
        if (!byZone.has(az)) byZone.set(az, subnetId);
      }
      const vpc = region.subnets.get(subnets[0] ?? "")?.VpcId ?? first.result.vpcId;
      const tgw = model.networkOf(region.region)?.vpcAttachment(attachment)?.TransitGatewayId ?? "its transit gateway";
      const add = [...byZone.values()].sort();
      yield {
        messageId: anyCertain(items) ? "azNotCovered" : "azMayNotBeCovered",
        resource: ec2Ref(region, "transit-gateway-attachment", attachment),
        key: "az-gap",
        severity: severityOf("error", region, items, settings),
        data: { attachment, vpc, tgw, zones: listing([...byZone.keys()].sort()), subnets: listing(subnets), affected: affectedSpokes(region, items) },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: anyCertain(items) && add.length > 0 ? [ec2(region, "modify-transit-gateway-vpc-attachment", ["--transit-gateway-attachment-id", attachment, "--add-subnet-ids", ...add])] : [],
      };
    }
  },
});
