import type { NetworkAcl } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../model/model.js";
import type { Hop } from "../model/types.js";
import { isDefaultDeny } from "../model/network-acls.js";
import { defineRule } from "./types.js";
import { ec2Ref } from "./support/arn.js";
import { ec2 } from "./support/commands.js";
import { comment, type FixLine } from "./fix.js";
import { affectedPaths, anyCertain, groupBy, onlySomeConnections, ownedHops, severityOf, type OwnedHop } from "./support/hops.js";
import { listing, sortedUnique } from "./support/text.js";

type MessageId = "naclBlocks" | "naclBlocksSome" | "naclMayBlock";

const DEFAULT_DENY = 32767;

/**
 * Free rule numbers after every rule of that direction (and before the default deny), 10 apart: a new allow never
 * overtakes an existing deny, so a deny the team set on purpose stays in force.
 */
function ruleNumbersAfterAll(acl: NetworkAcl | undefined, egress: boolean, count: number): number[] {
  const taken = new Set((acl?.Entries ?? []).filter((e) => e.Egress === egress).map((e) => e.RuleNumber ?? 0));
  const last = Math.max(0, ...[...taken].filter((n) => n < DEFAULT_DENY));
  const free: number[] = [];
  for (let n = (Math.floor(last / 10) + 1) * 10; n < DEFAULT_DENY && free.length < count; n += 10) if (!taken.has(n)) free.push(n);
  for (let n = last + 1; n < DEFAULT_DENY && free.length < count; n++) if (!taken.has(n) && !free.includes(n)) free.push(n);
  return free.length === count ? free : [];
}

interface Entry {
  readonly egress: boolean;
  readonly from: number;
  readonly to: number;
  readonly cidr: string;
}

/** The explicit deny rules that decide some of the hop's denied ports (undefined: only the default deny does). */
function explicitDenies(hop: Hop): string[] {
  return sortedUnique((hop.traffic?.unadmitted ?? []).filter((p) => p.verdict === "deny").map((p) => p.rules[p.rules.length - 1]!).filter((r) => !isDefaultDeny(r)));
}

/** The allow entry that admits what the default deny drops on this hop: the denied ports only. */
function entryFor(hop: Hop): Entry | undefined {
  const traffic = hop.traffic;
  const denied = (traffic?.unadmitted ?? []).filter((p) => p.verdict === "deny");
  if (traffic === undefined || denied.length === 0) return undefined;
  return { egress: hop.direction === "egress", from: Math.min(...denied.map((p) => p.from)), to: Math.max(...denied.map((p) => p.to)), cidr: traffic.peerCidr };
}

/** The ports the hops drop (or may): "TCP 1024-65535", "TCP 443 and 1024-65535". */
function portsText(items: readonly OwnedHop[]): string {
  const ranges = sortedUnique(
    items.flatMap((o) => {
      const unadmitted = o.hop.traffic?.unadmitted ?? [];
      const spans = unadmitted.length > 0 ? unadmitted : o.hop.traffic === undefined ? [] : [{ from: o.hop.traffic.fromPort, to: o.hop.traffic.toPort }];
      return spans.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`));
    }),
  ).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  return ranges.length === 0 ? "HTTPS traffic" : `TCP ${listing(ranges)}`;
}

interface Plan {
  readonly fix: FixLine[];
  /** What the message says next. */
  readonly action: string;
}

/**
 * Allow entries for the hops that definitely fail, numbered after every existing rule. When an explicit deny decides
 * any of them, nothing is printed: overriding a deny would loosen a control the team set on purpose.
 */
function planFor(region: RegionIndex, aclId: string, items: readonly OwnedHop[]): Plan {
  const failing = items.filter((o) => o.hop.status === "fail");
  if (failing.length === 0) return { fix: [], action: "Nothing to change until that is checked: kms-audit prints no command for a maybe." };
  const denies = sortedUnique(failing.flatMap((o) => explicitDenies(o.hop)));
  if (denies.length > 0) {
    const rules = listing(denies.map((r) => `rule ${r}`));
    return {
      fix: [comment(`${rules} of ${aclId} explicitly ${denies.length === 1 ? "denies" : "deny"} this traffic: review ${denies.length === 1 ? "that deny" : "those denies"}; kms-audit prints no command that overrides a deny`)],
      action: `${rules} ${denies.length === 1 ? "is an explicit deny" : "are explicit denies"}: review ${denies.length === 1 ? "it" : "them"}, kms-audit prints no command that overrides a deny.`,
    };
  }
  const entries = new Map<string, Entry>();
  for (const o of failing) {
    const entry = entryFor(o.hop);
    if (entry !== undefined) entries.set(`${entry.egress} ${entry.from} ${entry.to} ${entry.cidr}`, entry);
  }
  const list = [...entries.values()].sort((a, b) => (a.cidr < b.cidr ? -1 : a.cidr > b.cidr ? 1 : a.from - b.from));
  const acl = region.networkAcls.get(aclId);
  const numbers = { true: ruleNumbersAfterAll(acl, true, list.filter((e) => e.egress).length), false: ruleNumbersAfterAll(acl, false, list.filter((e) => !e.egress).length) };
  if (list.some((e) => numbers[`${e.egress}`].length === 0)) {
    return { fix: [comment(`${aclId} has no free rule number after its last rule: renumber its entries to make room before the default deny`)], action: "Its rule numbers leave no room after the last rule: renumber them first." };
  }
  const used = { true: 0, false: 0 };
  const fix = list.map((e) =>
    ec2(region, "create-network-acl-entry", [
      "--network-acl-id",
      aclId,
      e.egress ? "--egress" : "--ingress",
      "--rule-number",
      String(numbers[`${e.egress}`][used[`${e.egress}`]++]),
      "--protocol",
      "6",
      "--port-range",
      `From=${e.from},To=${e.to}`,
      "--cidr-block",
      e.cidr,
      "--rule-action",
      "allow",
    ]),
  );
  return { fix, action: "The fix adds allow entries numbered after every existing rule, so no deny of the ACL is overtaken." };
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
      "nowhere and time out. When only part of the return range is admitted (1024-32767, say), or only the way to one of " +
      "an endpoint's network interfaces is dropped, some calls fail and others pass: still an error, because those calls " +
      "fail every time they land there, and retries only hide it.",
    remediation: {
      text:
        "Where only the default deny drops the traffic, add allow entries numbered after every existing rule (so no " +
        "deny the team set is overtaken): out TCP 443 and in TCP 1024-65535 on the function's subnet (to and from " +
        "0.0.0.0/0 on the way to a NAT gateway's public side, else the other subnet's CIDR); in TCP 443 from the " +
        "function's subnet CIDR and out TCP 1024-65535 to it on the endpoint or NAT subnet. Where an explicit deny drops " +
        "it, review that deny: kms-audit prints no command that overrides one. Where a rule covers only part of the " +
        "addresses (a deny of one /32, an allow to a few public ranges), the path may or may not be dropped: a note " +
        "names the rules to check.",
      cli: [
        "aws ec2 create-network-acl-entry --network-acl-id <acl-id> --egress --rule-number <after-last-rule> --protocol 6 --port-range From=443,To=443 --cidr-block 0.0.0.0/0 --rule-action allow --region <region>",
        "aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <after-last-rule> --protocol 6 --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
      "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html",
    ],
    requires: ["ListFunctions", "DescribeNetworkAcls", "DescribeSubnets"],
    messages: {
      naclBlocks: "Network ACL {{acl}} drops {{direction}} traffic on the path of {{affected}}: {{detail}} {{action}}",
      naclBlocksSome:
        "Network ACL {{acl}} drops part of the {{direction}} traffic on the path of {{affected}}, so some calls fail (intermittently) and others pass: {{detail}} {{action}}",
      naclMayBlock: "Network ACL {{acl}} may drop {{direction}} traffic on the path of {{affected}}: {{detail}} To find out, {{check}}. {{action}}",
    },
    headlines: {
      naclBlocks: "drops {{direction}} {{ports}}",
      naclBlocksSome: "drops part of the {{direction}} {{ports}} (intermittent)",
      naclMayBlock: "may drop {{direction}} {{ports}}",
    },
  },
  *check({ model, settings }, region) {
    const owned = ownedHops(model, region, "nacl-blocks-path");
    for (const items of groupBy(owned, (o) => `${o.hop.component.id}\n${o.hop.direction ?? ""}`).values()) {
      const first = items[0]!;
      const aclId = first.hop.component.id;
      const plan = planFor(region, aclId, items);
      const certain = anyCertain(items);
      yield {
        messageId: !certain ? "naclMayBlock" : onlySomeConnections(items) ? "naclBlocksSome" : "naclBlocks",
        resource: ec2Ref(region, "network-acl", aclId),
        key: first.hop.direction ?? "both",
        severity: severityOf("error", region, items, settings),
        data: {
          acl: aclId,
          direction: first.hop.direction === "ingress" ? "inbound" : first.hop.direction === "egress" ? "outbound" : "the",
          affected: affectedPaths(items.map((o) => o.result)),
          detail: [...new Set(items.map((o) => o.hop.detail))].join(" "),
          ports: portsText(items),
          check: listing(sortedUnique(items.flatMap((o) => (o.hop.setting === undefined ? [] : [o.hop.setting])))) || "the rules named above",
          action: plan.action,
        },
        evidence: items.map((o) => o.hop),
        affected: items.map((o) => o.result),
        fix: plan.fix,
      };
    }
  },
});
