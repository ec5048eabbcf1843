import { defineRule } from "./types.js";
import { zoneRef } from "./support/arn.js";
import { comment } from "./fix.js";
import { anyCertain, groupBy, ownedHops, severityOf } from "./support/hops.js";
import { affectedSpokes } from "./support/landing.js";

type MessageId = "noRecord" | "targetGone";

export default defineRule<MessageId>({
  meta: {
    id: "service-zone-broken",
    title: "A private hosted zone for an AWS service's name leads nowhere",
    severity: "error",
    category: "dns",
    securitySeverity: 6.0,
    rationale:
      "A private hosted zone associated with a VPC answers for its name and everything under it in that VPC, and Route 53 " +
      "never falls back to public DNS for a name the zone covers: a zone for kms.<region>.amazonaws.com (or a parent such " +
      "as amazonaws.com) without a record for the service's hostname makes it NXDOMAIN, and a record pointing at an " +
      "endpoint that was deleted, or at another region's endpoint, sends the calls where nothing answers them. Every call " +
      "from the VPCs associated with the zone fails, whatever NAT gateway or endpoint they have.",
    remediation: {
      text: "Point the service's hostname in the zone at a live interface endpoint of the service in the same region (an alias A record to the endpoint's regional DNS name), or remove the zone's association from VPCs that should resolve the name publicly.",
      cli: [
        "aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch '{\"Changes\":[{\"Action\":\"UPSERT\",\"ResourceRecordSet\":{\"Name\":\"kms.<region>.amazonaws.com\",\"Type\":\"A\",\"AliasTarget\":{\"HostedZoneId\":\"<endpoint-dns-zone-id>\",\"DNSName\":\"<endpoint-regional-dns-name>\",\"EvaluateTargetHealth\":false}}}]}'",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-considerations.html",
      "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html",
    ],
    requires: [],
    messages: {
      noRecord: "{{detail}} Affected: {{affected}}.",
      targetGone: "{{detail}} Affected: {{affected}}.",
    },
    headlines: {
      noRecord: "no record for the {{service}} endpoint's name",
      targetGone: "the {{service}} name points at an endpoint that is gone",
    },
  },
  *check({ model, settings }, region) {
    for (const items of groupBy(ownedHops(model, region, "service-zone-broken"), (o) => `${o.hop.component.id}\n${o.hop.code}\n${o.result.service}`).values()) {
      const first = items[0]!;
      yield {
        messageId: first.hop.code === "DNS_NO_RECORD" ? "noRecord" : "targetGone",
        resource: zoneRef(region, first.hop.component.id),
        key: `${first.hop.code}:${first.result.service}`,
        severity: severityOf("error", region, items, settings),
        data: { detail: first.hop.detail, service: first.result.service, affected: affectedSpokes(region, items) },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: anyCertain(items) ? [comment(`${first.hop.setting ?? "point the name at a live endpoint"}: the endpoint to use is a design choice kms-audit leaves to you`)] : [],
      };
    }
  },
});
