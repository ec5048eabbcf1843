import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { isUnassociated } from "./support/addresses.js";
import { ec2 } from "./support/commands.js";
import { comment } from "./fix.js";
import { HOURS_PER_MONTH, usd } from "./support/prices.js";

type MessageId = "unassociated";

/** Public IPv4 addresses, Elastic IPs included, cost $0.005 per hour since 2024-02-01 (aws-semantics.md §5.4). */
const PUBLIC_IPV4_HOUR = 0.005;

export default defineRule<MessageId>({
  meta: {
    id: "eip-unassociated",
    title: "Elastic IP allocated but not associated",
    severity: "note",
    category: "cost",
    securitySeverity: 1.0,
    rationale:
      "An Elastic IP that is attached to nothing still counts against the region's Elastic IP quota (which a new public " +
      "NAT gateway needs) and is billed like every public IPv4 address, $0.005 per hour.",
    remediation: {
      text: "Release the address, or use it for the NAT gateway a private subnet needs.",
      cli: ["aws ec2 release-address --allocation-id <allocation-id> --region <region>"],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-eips.html",
      "https://aws.amazon.com/blogs/networking-and-content-delivery/identify-and-optimize-public-ipv4-address-usage-on-aws/",
    ],
    requires: ["DescribeAddresses"],
    messages: {
      unassociated:
        "Elastic IP {{publicIp}} ({{allocationId}}) is allocated but associated with nothing: it holds one of the region's Elastic IP quota and costs {{monthly}} per month ($0.005/h x 730 h).",
    },
    headlines: {
      unassociated: "{{publicIp}} is associated with nothing ({{monthly}} a month)",
    },
  },
  *check(_context, region) {
    for (const address of region.addresses) {
      if (!isUnassociated(address)) continue;
      const allocationId = address.AllocationId ?? address.PublicIp ?? "";
      yield {
        messageId: "unassociated",
        resource: ec2Ref(region, "elastic-ip", allocationId),
        data: { publicIp: address.PublicIp ?? "(no public IP)", allocationId, monthly: usd(PUBLIC_IPV4_HOUR * HOURS_PER_MONTH) },
        fix: [
          comment(`releasing is irreversible: ${address.PublicIp ?? "the address"} can't be allocated again, so first check that no allow-list, DNS record or partner configuration names it`),
          ec2(region, "release-address", ["--allocation-id", allocationId]),
        ],
      };
    }
  },
});
