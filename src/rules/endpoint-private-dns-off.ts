import type { RegionIndex } from "../model/model.js";
import type { ResourceRef } from "../snapshot/types.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2, privateDnsPrerequisites } from "./support/commands.js";
import type { FixLine } from "./fix.js";
import { affectedPaths, anyCertain, bypassedHops, groupBy, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";

type MessageId = "privateDnsOff" | "vpcDnsSupportOff" | "vpcDnsHostnamesOff";

interface Subject {
  readonly messageId: MessageId;
  readonly resource: ResourceRef;
  readonly key: string;
  readonly fix: FixLine[];
}

function subjectOf(region: RegionIndex, owned: OwnedHop): Subject {
  const vpcId = owned.result.vpcId;
  switch (owned.hop.code) {
    case "VPC_DNS_SUPPORT_DISABLED":
      return { messageId: "vpcDnsSupportOff", resource: ec2Ref(region, "vpc", vpcId), key: "enableDnsSupport", fix: [ec2(region, "modify-vpc-attribute", ["--vpc-id", vpcId, "--enable-dns-support", '{"Value":true}'])] };
    case "VPC_DNS_HOSTNAMES_DISABLED":
      // AWS accepts enableDnsHostnames only while enableDnsSupport is on.
      return { messageId: "vpcDnsHostnamesOff", resource: ec2Ref(region, "vpc", vpcId), key: "enableDnsHostnames", fix: privateDnsPrerequisites(region, vpcId) };
    default: {
      const endpointId = owned.hop.component.type === "vpc-endpoint" ? owned.hop.component.id : (owned.attempt?.via?.id ?? owned.hop.component.id);
      const endpointVpc = region.vpcEndpoints.get(endpointId)?.VpcId ?? vpcId;
      // Private DNS needs both VPC attributes on: AWS refuses it otherwise.
      return {
        messageId: "privateDnsOff",
        resource: ec2Ref(region, "vpc-endpoint", endpointId),
        key: "private-dns",
        fix: [...privateDnsPrerequisites(region, endpointVpc), ec2(region, "modify-vpc-endpoint", ["--vpc-endpoint-id", endpointId, "--private-dns-enabled"])],
      };
    }
  }
}

export default defineRule<MessageId>({
  meta: {
    id: "endpoint-private-dns-off",
    title: "Interface endpoint unused because private DNS is off",
    severity: "error",
    category: "dns",
    securitySeverity: 6.0,
    rationale:
      "SDKs call a service's default hostname (kms.<region>.amazonaws.com). It resolves to the interface endpoint only when " +
      "the endpoint has private DNS enabled and the VPC has both enableDnsSupport and enableDnsHostnames set to true; " +
      "otherwise it resolves to the public endpoint and the call goes through a NAT gateway, or times out when there is none. " +
      "enableDnsHostnames defaults to false in non-default VPCs.",
    remediation: {
      text: "Enable private DNS on the endpoint, and set the VPC's enableDnsSupport and enableDnsHostnames attributes to true.",
      cli: [
        "aws ec2 modify-vpc-endpoint --vpc-endpoint-id <endpoint-id> --private-dns-enabled --region <region>",
        'aws ec2 modify-vpc-attribute --vpc-id <vpc-id> --enable-dns-support "{\\"Value\\":true}" --region <region>',
        'aws ec2 modify-vpc-attribute --vpc-id <vpc-id> --enable-dns-hostnames "{\\"Value\\":true}" --region <region>',
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns",
      "https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support",
    ],
    requires: ["ListFunctions", "DescribeVpcEndpoints", "DescribeVpcAttribute"],
    messages: {
      privateDnsOff:
        "Interface endpoint {{endpoint}} has private DNS disabled, so the service's default hostname doesn't resolve to it and {{affected}} {{consequence}}: {{detail}}",
      vpcDnsSupportOff:
        "VPC {{vpc}} has enableDnsSupport off, so the Amazon DNS server doesn't answer and the endpoint's private DNS can't work; {{affected}} {{consequence}}: {{detail}}",
      vpcDnsHostnamesOff:
        "VPC {{vpc}} has enableDnsHostnames off, so interface endpoints' private DNS names don't apply; {{affected}} {{consequence}}: {{detail}}",
    },
    headlines: {
      privateDnsOff: "private DNS is off",
      vpcDnsSupportOff: "enableDnsSupport is off",
      vpcDnsHostnamesOff: "enableDnsHostnames is off",
    },
  },
  *check({ model, settings }, region) {
    const blockingHops = ownedHops(model, region, "endpoint-private-dns-off");
    const owned = [...blockingHops.map((o) => ({ ...o, blocks: true })), ...bypassedHops(model, region, "endpoint-private-dns-off").map((o) => ({ ...o, blocks: false }))];
    const subjects = owned.map((o) => ({ ...o, subject: subjectOf(region, o) }));
    for (const items of groupBy(subjects, (o) => `${o.subject.resource.id}\n${o.subject.key}`).values()) {
      const first = items[0]!;
      const blocking = items.filter((o) => o.blocks);
      yield {
        messageId: first.subject.messageId,
        resource: first.subject.resource,
        key: first.subject.key,
        severity: blocking.length > 0 ? severityOf("error", region, blocking, settings) : "warning",
        data: {
          endpoint: first.subject.resource.id,
          vpc: first.result.vpcId,
          affected: affectedPaths(items.map((o) => o.result)),
          consequence:
            blocking.length === 0 ? "bypass it, going out through the NAT gateway instead" : anyCertain(blocking) ? "can't reach the service through it" : "may not reach the service (whether they need this endpoint is unverifiable)",
          detail: first.hop.detail,
        },
        evidence: items.map((o) => o.hop),
        affected: items.map((o) => o.result),
        fix: first.subject.fix,
      };
    }
  },
});
