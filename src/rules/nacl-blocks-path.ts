import type { NetworkAcl } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { setVariable, variable, type FixLine, type Word } from "./fix.js";
import { affectedPaths, groupBy, ownedHops, severityFor, type OwnedHop } from "./support/hops.js";

type MessageId = "naclBlocks";

/** Free rule numbers below every existing allow/deny rule of that direction (placeholders when there are none). */
function freeRuleNumbers(acl: NetworkAcl | undefined, egress: boolean, count: number): (string | undefined)[] {
  const taken = (acl?.Entries ?? []).filter((e) => e.Egress === egress).map((e) => e.RuleNumber ?? 0);
  const lowest = Math.min(...taken.filter((n) => n < 32767), 32767);
  const free: (string | undefined)[] = [];
  for (let n = Math.min(lowest - 1, 100); n >= 1 && free.length < count; n--) if (!taken.includes(n)) free.push(String(n));
  while (free.length < count) free.push(undefined);
  return free;
}

interface Entry {
  readonly egress: boolean;
  readonly ports: string;
  readonly cidr: string;
}

/** The entry that admits the traffic the model checked on this hop. */
function entryFor(owned: OwnedHop): Entry | undefined {
  const traffic = owned.hop.traffic;
  if (traffic === undefined) return undefined;
  return { egress: owned.hop.direction === "egress", ports: `From=${traffic.fromPort},To=${traffic.toPort}`, cidr: traffic.peerCidr };
}

function commandsFor(region: RegionIndex, items: readonly OwnedHop[], aclId: string): FixLine[] {
  const entries = new Map<string, Entry>();
  for (const item of items) {
    const entry = entryFor(item);
    if (entry === undefined) continue;
    entries.set(`${entry.egress} ${entry.ports} ${entry.cidr}`, entry);
  }
  const list = [...entries.values()];
  const numbers = { true: freeRuleNumbers(region.networkAcls.get(aclId), true, list.length), false: freeRuleNumbers(region.networkAcls.get(aclId), false, list.length) };
  const used = { true: 0, false: 0 };
  return list.flatMap((e, i) => {
    const key = e.egress ? "true" : "false";
    const free = numbers[key][used[key]++];
    const choose = free === undefined ? [setVariable(`RULE_${i + 1}`, "", `a free ${e.egress ? "outbound" : "inbound"} rule number of ${aclId}, below the rule that drops this traffic`)] : [];
    const number: Word = free ?? variable(`RULE_${i + 1}`);
    return [
      ...choose,
      ec2(region, "create-network-acl-entry", ["--network-acl-id", aclId, e.egress ? "--egress" : "--ingress", "--rule-number", number, "--protocol", "6", "--port-range", e.ports, "--cidr-block", e.cidr, "--rule-action", "allow"]),
    ];
  });
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
        fix: commandsFor(region, items, aclId),
      };
    }
  },
});
