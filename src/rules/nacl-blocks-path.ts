import type { NetworkAcl } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { aws } from "./support/commands.js";
import { affectedPaths, groupBy, ownedHops, severityFor, type OwnedHop } from "./support/hops.js";

type MessageId = "naclBlocks";

/** A free rule number below every existing rule of that direction, or a placeholder when there is none. */
function freeRuleNumber(acl: NetworkAcl | undefined, egress: boolean): string {
  const taken = (acl?.Entries ?? []).filter((e) => e.Egress === egress).map((e) => e.RuleNumber ?? 0);
  const lowest = Math.min(...taken.filter((n) => n < 32767), 32767);
  for (let n = Math.min(lowest - 1, 100); n >= 1; n--) if (!taken.includes(n)) return String(n);
  return "<free-rule-number>";
}

/**
 * The entry to add. Function side: out TCP 443 to the peer, back in on the ephemeral range 1024-65535. Endpoint or NAT
 * subnet: in TCP 443 from the function's subnet, back out on the ephemeral range (and, for a NAT, the same towards the
 * internet). The peer is the internet for NAT paths, the endpoint's subnet for endpoint paths.
 */
function entryFor(region: RegionIndex, owned: OwnedHop, aclId: string): string {
  const egress = owned.hop.direction === "egress";
  const functionSide = region.networkAclFor(owned.result.subnetId)?.NetworkAclId === aclId;
  const mentionsEphemeral = /1024|ephemeral/i.test(owned.hop.detail);
  const mentions443 = /\b443\b/.test(owned.hop.detail);
  const ephemeral = mentionsEphemeral || (!mentions443 && (functionSide ? !egress : egress));
  const viaNat = owned.attempt?.kind === "nat-gateway";
  const functionCidr = region.subnets.get(owned.result.subnetId)?.CidrBlock ?? "<function-subnet-cidr>";
  let peer: string;
  if (functionSide) peer = viaNat ? "0.0.0.0/0" : endpointCidr(region, owned);
  else if (viaNat) peer = egress === ephemeral ? functionCidr : "0.0.0.0/0";
  else peer = functionCidr;
  return aws(
    `ec2 create-network-acl-entry --network-acl-id ${aclId} ${egress ? "--egress" : "--ingress"} --rule-number ${freeRuleNumber(region.networkAcls.get(aclId), egress)} --protocol 6 --port-range ${ephemeral ? "From=1024,To=65535" : "From=443,To=443"} --cidr-block ${peer} --rule-action allow`,
    region,
  );
}

/** The CIDR of the endpoint's subnet in the function's AZ (else its first subnet, else the VPC's CIDR). */
function endpointCidr(region: RegionIndex, owned: OwnedHop): string {
  const endpoint = owned.attempt?.via ? region.vpcEndpoints.get(owned.attempt.via.id) : undefined;
  const subnets = (endpoint?.SubnetIds ?? []).map((id) => region.subnets.get(id)).filter((s) => s !== undefined);
  const sameAz = subnets.find((s) => s.AvailabilityZone === owned.result.availabilityZone) ?? subnets[0];
  return sameAz?.CidrBlock ?? region.vpcs.get(owned.result.vpcId)?.CidrBlock ?? "<endpoint-subnet-cidr>";
}

export default defineRule<MessageId>({
  meta: {
    id: "nacl-blocks-path",
    title: "Network ACL drops the HTTPS path or its return traffic",
    severity: "error",
    category: "filtering",
    securitySeverity: 6.0,
    rationale:
      "Network ACLs are stateless and evaluated in rule-number order with a final deny: traffic leaving and entering each " +
      "subnet must be admitted both ways. A function calling an AWS service needs TCP 443 out and the ephemeral return " +
      "range 1024-65535 in on its own subnet, and the mirror image on the endpoint's or NAT gateway's subnet (NACLs don't " +
      "apply between interfaces in the same subnet). A missing ephemeral rule is the classic cause of calls that connect " +
      "nowhere and time out.",
    remediation: {
      text:
        "Add allow entries, numbered before any deny that matches: out TCP 443 and in TCP 1024-65535 on the function's " +
        "subnet; in TCP 443 from the function's subnet and out TCP 1024-65535 on the endpoint or NAT subnet.",
      cli: [
        "aws ec2 create-network-acl-entry --network-acl-id <acl-id> --egress --rule-number <n> --protocol 6 --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow --region <region>",
        "aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <n> --protocol 6 --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
      "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html",
    ],
    requires: ["ListFunctions", "DescribeNetworkAcls", "DescribeSubnets"],
    messages: {
      naclBlocks: "Network ACL {{acl}} drops {{direction}} traffic on the path of {{affected}}: {{detail}}",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "nacl-blocks-path");
    for (const items of groupBy(owned, (o) => `${o.hop.component.id}\n${o.hop.direction ?? ""}`).values()) {
      const first = items[0]!;
      const aclId = first.hop.component.id;
      yield {
        messageId: "naclBlocks",
        resource: ec2Ref(region, "network-acl", aclId),
        key: first.hop.direction ?? "both",
        severity: severityFor("error", region, items.map((o) => o.result), settings),
        data: { acl: aclId, direction: first.hop.direction === "ingress" ? "inbound" : first.hop.direction === "egress" ? "outbound" : "the", affected: affectedPaths(items.map((o) => o.result)), detail: [...new Set(items.map((o) => o.hop.detail))].join(" ") },
        evidence: items.map((o) => o.hop),
        fix: [...new Set(items.map((o) => entryFor(region, o, aclId)))],
      };
    }
  },
});
