import type { RegionIndex } from "../model/model.js";
import { gatewayPrefixListId } from "../model/traffic.js";
import { serviceSpec } from "../model/services.js";
import { defineRule } from "./types.js";
import { ec2, functionGroups } from "./support/commands.js";
import { structure, type FixLine } from "./fix.js";
import { endpointGroups } from "./support/endpoints.js";
import { affectedPaths, anyCertain, functionOf, groupBy, ownedHops, ownerOf, severityOf, type OwnedHop } from "./support/hops.js";
import { ec2Ref } from "./support/arn.js";
import type { PathAttempt, PathResult } from "../model/types.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "egressBlocked" | "egressMayBeBlocked";

/**
 * Where the function's HTTPS must be allowed to go on an attempt, as an --ip-permissions destination: the endpoint's
 * security group, the gateway endpoint's prefix list, or 0.0.0.0/0 only where the peer is "some public IP of the
 * service" (the way to a NAT gateway).
 */
function destinationOf(region: RegionIndex, result: PathResult, attempt: PathAttempt): string | undefined {
  const via = attempt.via;
  const https = (shorthand: string, json: object, value: string) =>
    structure(`IpProtocol=tcp,FromPort=443,ToPort=443,${shorthand}`, [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, ...json }], [value]);
  if (attempt.kind === "interface-endpoint") {
    const endpoint = via === undefined ? undefined : region.vpcEndpoints.get(via.id);
    const group = endpoint === undefined ? undefined : endpointGroups(region, endpoint).ids[0];
    return group === undefined ? undefined : https(`UserIdGroupPairs=[{GroupId=${group}}]`, { UserIdGroupPairs: [{ GroupId: group }] }, group);
  }
  if (attempt.kind === "gateway-endpoint") {
    const list = gatewayPrefixListId(region, serviceSpec(result.service));
    return list === undefined ? undefined : https(`PrefixListIds=[{PrefixListId=${list}}]`, { PrefixListIds: [{ PrefixListId: list }] }, list);
  }
  return https("IpRanges=[{CidrIp=0.0.0.0/0}]", { IpRanges: [{ CidrIp: "0.0.0.0/0" }] }, "0.0.0.0/0");
}

/**
 * One outbound rule per destination on the group (the first of the functions' groups by id), for every attempt of the affected paths where the
 * function's groups definitely drop HTTPS (a hop shared by two attempts counts for both); nothing for a maybe.
 */
function fixFor(region: RegionIndex, items: readonly OwnedHop[], group: string | undefined): FixLine[] {
  if (group === undefined || !items.some((o) => o.hop.status === "fail")) return [];
  const destinations: (string | undefined)[] = [];
  for (const result of new Set(items.map((o) => o.result))) {
    for (const attempt of result.attempts) {
      if (attempt.hops.some((h) => h.status === "fail" && h.direction === "egress" && ownerOf(h) === "lambda-sg-egress-blocked")) destinations.push(destinationOf(region, result, attempt));
    }
  }
  if (destinations.length === 0 || destinations.some((d) => d === undefined)) return [];
  return sortedUnique(destinations as string[]).map((destination) => ec2(region, "authorize-security-group-egress", ["--group-id", group, "--ip-permissions", destination]));
}

/** The hop details of the first function (each names it); the others wear the same groups, so the same rules decide. */
function firstFunctionDetails(items: readonly OwnedHop[]): string {
  const name = items[0]!.result.functionName;
  const details = [...new Set(items.filter((o) => o.result.functionName === name).map((o) => o.hop.detail))].join(" ");
  const others = new Set(items.map((o) => o.result.functionName)).size - 1;
  return others === 0 ? details : `${details} The same rules decide for the other ${others === 1 ? "function" : `${others} functions`}.`;
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
      "security group with no outbound rules allows no outbound traffic. Functions often share their security groups: one " +
      "finding per set of groups lists every function that wears it, and one rule added to the group fixes them all.",
    remediation: {
      text:
        "Add an outbound rule for TCP 443 to one of the functions' security groups (the first by id), towards the narrowest destination " +
        "that works: the endpoint's security group, the gateway endpoint's prefix list, or 0.0.0.0/0 only on the way to " +
        "a NAT gateway (the service's public IPs are not known in advance). When the groups allow HTTPS only to a prefix " +
        "list whose entries were not collected or to some public ranges, calls may or may not pass: a note names what to check.",
      cli: ["aws ec2 authorize-security-group-egress --group-id <function-sg-id> --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=<endpoint-sg-id>}] --region <region>"],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
    ],
    requires: ["ListFunctions", "DescribeSecurityGroups"],
    messages: {
      egressBlocked:
        "Security groups {{groups}} allow no outbound TCP 443 towards {{services}}, so the calls of {{affected}} are dropped as they leave the functions: {{detail}}",
      egressMayBeBlocked: "Security groups {{groups}} may not allow outbound TCP 443 towards {{services}} for {{affected}}: {{detail}} {{action}}",
    },
    headlines: {
      egressBlocked: "allows no outbound TCP 443 to {{services}}",
      egressMayBeBlocked: "may not allow outbound TCP 443 to {{services}}",
    },
  },
  *check({ model, settings }, region) {
    // One finding per set of security groups: functions wearing the same groups share the rule to add.
    const owned = ownedHops(model, region, "lambda-sg-egress-blocked").map((o) => ({ ...o, groups: [...functionGroups(functionOf(region, o.result))].sort() }));
    for (const items of groupBy(owned, (o) => (o.groups.length > 0 ? o.groups.join(",") : `\n${o.result.function.arn ?? o.result.functionName}`)).values()) {
      const first = items[0]!;
      const groups = first.groups;
      const fix = fixFor(region, items, groups[0]);
      const results = items.map((o) => o.result);
      yield {
        messageId: anyCertain(items) ? "egressBlocked" : "egressMayBeBlocked",
        // The group the fix changes; a function without groups is its own finding, as before groups were shared.
        resource: groups.length > 0 ? ec2Ref(region, "security-group", groups[0]!) : first.result.function,
        key: groups.length > 1 ? `egress-443:${groups.join(",")}` : "egress-443",
        severity: severityOf("error", region, items, settings),
        data: {
          groups: groups.length > 0 ? listing(groups) : "none",
          affected: affectedPaths(results),
          services: listing(sortedUnique(items.map((o) => o.result.service))),
          subnets: listing(sortedUnique(items.map((o) => o.result.subnetId))),
          detail: firstFunctionDetails(items),
          action:
            fix.length > 0
              ? "The rule it needs is below."
              : "Check that the rules' prefix lists or address ranges cover where those calls go (the service's public IPs, or the endpoint's addresses); kms-audit prints no command for a maybe.",
        },
        evidence: items.map((o) => o.hop),
        affected: results,
        fix,
      };
    }
  },
});
