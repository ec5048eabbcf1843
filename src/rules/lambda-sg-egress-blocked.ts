import type { RegionIndex } from "../model/model.js";
import { defineRule } from "./types.js";
import { ec2, functionGroups } from "./support/commands.js";
import type { FixLine } from "./fix.js";
import { endpointGroups } from "./support/endpoints.js";
import { functionOf, groupBy, ownedHops, severityFor, type OwnedHop } from "./support/hops.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "egressBlocked";

/** Where the function's HTTPS must be allowed to go on this attempt, as an --ip-permissions destination. */
function destinationOf(region: RegionIndex, owned: OwnedHop): string {
  const via = owned.attempt?.via;
  if (owned.attempt?.kind === "interface-endpoint" && via !== undefined) {
    const endpoint = region.vpcEndpoints.get(via.id);
    const group = endpoint === undefined ? undefined : endpointGroups(region, endpoint).ids[0];
    if (group !== undefined) return `UserIdGroupPairs=[{GroupId=${group}}]`;
  }
  return "IpRanges=[{CidrIp=0.0.0.0/0}]";
}

export default defineRule<MessageId>({
  meta: {
    id: "lambda-sg-egress-blocked",
    title: "Lambda security groups don't allow outbound HTTPS",
    severity: "error",
    category: "filtering",
    securitySeverity: 6.0,
    rationale:
      "Traffic from a VPC-attached function carries the function's security groups. If none of them has an outbound rule " +
      "admitting TCP 443 to the endpoint (its security group, subnet CIDR or prefix list) or, for the NAT path, to the " +
      "internet, every call to an AWS service API is dropped before it leaves the function, whatever the routes say. A " +
      "security group with no outbound rules allows no outbound traffic.",
    remediation: {
      text: "Add an outbound rule for TCP 443 to one of the function's security groups, towards the endpoint's security group or 0.0.0.0/0 for the NAT path.",
      cli: ["aws ec2 authorize-security-group-egress --group-id <function-sg-id> --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=<endpoint-sg-id>}] --region <region>"],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
    ],
    requires: ["ListFunctions", "DescribeSecurityGroups"],
    messages: {
      egressBlocked:
        "Lambda function {{function}}'s security groups ({{groups}}) allow no outbound TCP 443 towards {{services}}, so those calls are dropped as they leave the function (subnets {{subnets}}): {{detail}}",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "lambda-sg-egress-blocked");
    for (const items of groupBy(owned, (o) => o.result.function.arn ?? o.result.functionName).values()) {
      const first = items[0]!;
      const groups = functionGroups(functionOf(region, first.result));
      const target = groups[0] ?? first.hop.component.id;
      yield {
        messageId: "egressBlocked",
        resource: first.result.function,
        key: "egress-443",
        severity: severityFor("error", region, items.map((o) => o.result), settings),
        data: {
          function: first.result.functionName,
          groups: groups.length > 0 ? groups.join(", ") : "none",
          services: listing(sortedUnique(items.map((o) => o.result.service))),
          subnets: listing(sortedUnique(items.map((o) => o.result.subnetId))),
          detail: [...new Set(items.map((o) => o.hop.detail))].join(" "),
        },
        evidence: items.map((o) => o.hop),
        fix: sortedUnique(items.map((o) => destinationOf(region, o))).map(
          (destination): FixLine => ec2(region, "authorize-security-group-egress", ["--group-id", target, "--ip-permissions", `IpProtocol=tcp,FromPort=443,ToPort=443,${destination}`]),
        ),
      };
    }
  },
});
