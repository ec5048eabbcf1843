import { defineRule } from "./types.js";
import { zoneRef } from "./support/arn.js";
import { awsRun, structure, type FixLine } from "./fix.js";
import { anyCertain, groupBy, ownedHops, severityOf } from "./support/hops.js";
import { affectedSpokes, inAccountComment } from "./support/landing.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "notAssociated" | "mayNotBeAssociated";

export default defineRule<MessageId>({
  meta: {
    id: "service-zone-not-associated",
    title: "A VPC that routes to a central endpoint is not associated with the private hosted zone for the service's name",
    severity: "error",
    category: "dns",
    securitySeverity: 6.0,
    rationale:
      "With centralised interface endpoints (AWS whitepaper \"Building a scalable and secure multi-VPC network " +
      "infrastructure\"), the endpoint lives in a hub VPC with private DNS off, and a private hosted zone named after the " +
      "service's hostname (kms.<region>.amazonaws.com), holding an alias record to the endpoint, is associated with every " +
      "spoke VPC. A spoke VPC the zone is not associated with resolves the name to the service's public IPs, which a " +
      "spoke without a NAT gateway can't reach: every call times out although the central endpoint works. The finding is " +
      "reported on the zone, in its owner's account, listing the VPCs (and their accounts) that lack the association.",
    remediation: {
      text:
        "Associate the zone with the VPC. For a VPC of another account, the zone's owner first authorizes the association " +
        "(create-vpc-association-authorization), then the VPC's owner associates it. A Route 53 Profile that carries the " +
        "zone, associated with the VPC, does the same.",
      cli: [
        "aws route53 create-vpc-association-authorization --hosted-zone-id <zone-id> --vpc VPCRegion=<region>,VPCId=<vpc-id>",
        "aws route53 associate-vpc-with-hosted-zone --hosted-zone-id <zone-id> --vpc VPCRegion=<region>,VPCId=<vpc-id>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html",
      "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html",
    ],
    requires: [],
    messages: {
      notAssociated:
        "Private hosted zone {{zone}} ({{name}}) sends {{name}} to the central endpoint {{endpoint}}, but {{vpcs}} {{verb}} not associated with it: there the name resolves to public IPs and the calls of {{affected}} time out. Associate the zone with {{vpcs}}.",
      mayNotBeAssociated:
        "Private hosted zone {{zone}} ({{name}}) sends {{name}} to the central endpoint {{endpoint}}, but {{vpcs}} {{verb}} not associated with it: the calls of {{affected}} may time out (their paths are unverifiable for other reasons).",
    },
    headlines: {
      notAssociated: "not associated with {{vpcs}}: {{name}} resolves to public IPs there",
      mayNotBeAssociated: "not associated with {{vpcs}} (whether it matters is unverifiable)",
    },
  },
  *check({ model, settings }, region) {
    const network = model.networkOf(region.region);
    for (const items of groupBy(ownedHops(model, region, "service-zone-not-associated"), (o) => o.hop.component.id).values()) {
      const first = items[0]!;
      const zone = first.hop.component.id;
      const vpcs = sortedUnique(items.map((o) => o.result.vpcId));
      const fix: FixLine[] = [];
      for (const vpc of vpcs) {
        const owner = network?.vpcHome(vpc)?.account ?? items.find((o) => o.result.vpcId === vpc)!.result.account;
        const target = structure(`VPCRegion=${region.region},VPCId=${vpc}`, { VPCRegion: region.region, VPCId: vpc }, [region.region, vpc]);
        if (owner !== region.account) fix.push(...inAccountComment(region.account, "", "the zone's owner, authorizing the association"), awsRun(region.region, "route53", "create-vpc-association-authorization", ["--hosted-zone-id", zone, "--vpc", target]));
        fix.push(...inAccountComment(owner, region.account, "the VPC's owner"), awsRun(region.region, "route53", "associate-vpc-with-hosted-zone", ["--hosted-zone-id", zone, "--vpc", target]));
      }
      const endpoint = /central endpoint (vpce-[0-9a-z]+)/.exec(first.hop.detail)?.[1] ?? "(the central endpoint)";
      yield {
        messageId: anyCertain(items) ? "notAssociated" : "mayNotBeAssociated",
        resource: zoneRef(region, zone),
        key: "not-associated",
        severity: severityOf("error", region, items, settings),
        data: { zone, name: first.hop.component.name ?? zone, endpoint, vpcs: listing(vpcs), verb: vpcs.length === 1 ? "is" : "are", affected: affectedSpokes(region, items) },
        evidence: [first.hop],
        affected: items.map((o) => o.result),
        fix: anyCertain(items) ? fix : [],
      };
    }
  },
});
