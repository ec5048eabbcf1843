import type { NetworkAcl, NetworkAclEntry } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "./model.js";
import type { Hop } from "./types.js";
import { intervalCoverage, parseIpv4Cidr, type AddressSet } from "./cidr.js";
import { hop, missingHop } from "./hops.js";
import { memoised } from "./memo.js";
import type { Direction } from "./security-groups.js";
import type { Tri } from "./tri.js";
import { isUnknown } from "./unknown.js";

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const HTTPS: PortRange = { from: 443, to: 443 };
/** Lambda and NAT gateways both use source ports 1024-65535 (aws-semantics §1.3). */
export const EPHEMERAL: PortRange = { from: 1024, to: 65535 };

/** A run of ports with one outcome and the rule numbers that decided it ("*" is the implicit default deny). */
export interface AclPortOutcome {
  readonly from: number;
  readonly to: number;
  readonly verdict: "allow" | "deny" | "unknown";
  readonly rules: readonly string[];
}

export interface AclDecision {
  readonly admits: Tri;
  readonly ports: readonly AclPortOutcome[];
}

function tcpPorts(entry: NetworkAclEntry): PortRange | "all" | "none" {
  const protocol = (entry.Protocol ?? "").toLowerCase();
  if (protocol === "-1" || protocol === "all") return "all";
  if (protocol !== "6" && protocol !== "tcp") return "none";
  const range = entry.PortRange;
  if (range?.From === undefined || range.To === undefined) return "all";
  return { from: range.From, to: range.To };
}

const ordered = new WeakMap<NetworkAcl, { readonly ingress: readonly NetworkAclEntry[]; readonly egress: readonly NetworkAclEntry[] }>();

/** IPv4 entries of one direction in rule-number order (IPv6 entries never apply to IPv4 traffic), sorted once per ACL. */
function orderedEntries(acl: NetworkAcl, direction: Direction): readonly NetworkAclEntry[] {
  let known = ordered.get(acl);
  if (known === undefined) {
    // An entry whose number is left open until deploy may come before any other: it is ordered first (and only "may" match).
    const number = (e: NetworkAclEntry) => (isUnknown(e.RuleNumber) ? -1 : (e.RuleNumber ?? 0));
    const ipv4 = (acl.Entries ?? []).filter((e) => e.CidrBlock !== undefined).sort((a, b) => number(a) - number(b));
    known = { ingress: ipv4.filter((e) => e.Egress !== true), egress: ipv4.filter((e) => e.Egress === true) };
    ordered.set(acl, known);
  }
  return known[direction];
}

/** An entry that can apply to the peer: TCP (or all traffic), with a CIDR covering all or part of the peer's addresses. */
interface PeerEntry {
  readonly entry: NetworkAclEntry;
  readonly ports: PortRange | "all";
  readonly match: Tri;
}

/** The entries that can match the peer, in rule-number order; the others never decide any port for it. */
function entriesFor(entries: readonly NetworkAclEntry[], peer: AddressSet): PeerEntry[] {
  const result: PeerEntry[] = [];
  for (const entry of entries) {
    const vague = isUnknown(entry.Protocol) || isUnknown(entry.PortRange?.From) || isUnknown(entry.PortRange?.To) || isUnknown(entry.RuleNumber);
    const ports = vague ? "all" : tcpPorts(entry);
    if (ports === "none") continue;
    const interval = parseIpv4Cidr(entry.CidrBlock ?? "");
    const covers: Tri = interval === undefined ? (isUnknown(entry.CidrBlock) ? "maybe" : "no") : intervalCoverage(interval, peer);
    const match: Tri = vague && covers === "yes" ? "maybe" : covers;
    if (match !== "no") result.push({ entry, ports, match });
  }
  return result;
}

/** Split `ports` at every entry's port boundary so each piece is wholly inside or outside every entry. */
function pieces(entries: readonly PeerEntry[], ports: PortRange): PortRange[] {
  const cuts = new Set<number>([ports.from, ports.to + 1]);
  for (const { ports: range } of entries) {
    if (range === "all") continue;
    if (range.from > ports.from && range.from <= ports.to) cuts.add(range.from);
    if (range.to + 1 > ports.from && range.to + 1 <= ports.to) cuts.add(range.to + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((from, i) => ({ from, to: (sorted[i + 1] as number) - 1 }));
}

/** First match wins, default deny; an entry that may match leaves the outcome open unless both branches agree. */
function decidePiece(entries: readonly PeerEntry[], piece: PortRange): Omit<AclPortOutcome, "from" | "to"> {
  let result: { verdict: AclPortOutcome["verdict"]; rules: string[] } = { verdict: "deny", rules: ["*"] };
  for (let i = entries.length - 1; i >= 0; i--) {
    const { entry, ports, match } = entries[i] as PeerEntry;
    if (ports !== "all" && (piece.from < ports.from || piece.to > ports.to)) continue;
    const action = entry.RuleAction === "allow" ? "allow" : isUnknown(entry.RuleAction) ? "unknown" : "deny";
    const rule = String(entry.RuleNumber ?? "?");
    if (match === "yes") result = { verdict: action, rules: [rule] };
    else result = { verdict: result.verdict === action ? action : "unknown", rules: [rule, ...result.rules] };
  }
  return result;
}

/** Whether the ACL admits TCP on every port of `ports` in one direction, to/from every address the peer may use. */
export function networkAclAdmits(acl: NetworkAcl, direction: Direction, ports: PortRange, peer: AddressSet): AclDecision {
  const entries = entriesFor(orderedEntries(acl, direction), peer);
  const outcomes: AclPortOutcome[] = [];
  for (const piece of pieces(entries, ports)) {
    const decided = decidePiece(entries, piece);
    const last = outcomes[outcomes.length - 1];
    if (last !== undefined && last.verdict === decided.verdict && last.rules.join() === decided.rules.join() && last.to + 1 === piece.from) {
      outcomes[outcomes.length - 1] = { ...last, to: piece.to };
    } else {
      outcomes.push({ from: piece.from, to: piece.to, ...decided });
    }
  }
  const admits: Tri = outcomes.some((o) => o.verdict === "deny") ? "no" : outcomes.some((o) => o.verdict === "unknown") ? "maybe" : "yes";
  return { admits, ports: outcomes };
}

/** "*", or the rule numbers AWS lists for the default deny entries (32767 for IPv4, 32768 for IPv6). */
export function isDefaultDeny(rule: string): boolean {
  return rule === "*" || rule === "32767" || rule === "32768";
}

function rangeText(range: PortRange): string {
  return range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;
}

function rulesText(rules: readonly string[]): string {
  return rules.map((r) => (r === "*" ? "the default deny (*)" : `rule ${r}`)).join(", ");
}

export interface AclLeg {
  readonly subnetId: string;
  readonly direction: Direction;
  readonly ports: PortRange;
  readonly peer: AddressSet;
  /** "to kms's public IPs", "from subnet-0abc (10.0.10.0/24)". */
  readonly peerText: string;
  /** What the peer CIDR should be in a fixing rule. */
  readonly peerCidr: string;
}

/** What to check when rules whose CIDR covers part of the peer decide: whether they match the addresses really used. */
function maybeSetting(aclId: string, rules: readonly string[], leg: AclLeg): string {
  const verb = rules.length === 1 ? "matches" : "match";
  return `check whether ${rulesText(rules)} of ${aclId} ${verb} the traffic ${leg.peerText}`;
}

/** The hop for one stateless NACL check on one subnet. */
export function networkAclHop(index: RegionIndex, leg: AclLeg): Hop {
  return memoised(index, ["acl-hop", leg.peer, leg.subnetId, leg.direction, leg.ports.from, leg.ports.to, leg.peerText, leg.peerCidr], () => networkAclHopOnce(index, leg));
}

function networkAclHopOnce(index: RegionIndex, leg: AclLeg): Hop {
  const acl = index.networkAclFor(leg.subnetId);
  const bound = leg.direction === "egress" ? "outbound" : "inbound";
  const what = `${bound} TCP ${rangeText(leg.ports)} ${leg.peerText} on ${leg.subnetId}`;
  if (acl?.NetworkAclId === undefined) {
    return missingHop(index, "DescribeNetworkAcls", { type: "network-acl", id: `acl-of-${leg.subnetId}` }, `the network ACL check (${what})`);
  }
  const component = { type: "network-acl" as const, id: acl.NetworkAclId };
  const decision = memoised(index, ["acl-decision", acl, leg.peer, leg.direction, leg.ports.from, leg.ports.to], () =>
    networkAclAdmits(acl, leg.direction, leg.ports, leg.peer),
  );
  const allowed = decision.ports.filter((p) => p.verdict === "allow");
  const denied = decision.ports.filter((p) => p.verdict === "deny");
  const unsure = decision.ports.filter((p) => p.verdict === "unknown");
  const describe = (list: readonly AclPortOutcome[]) => list.map((p) => `${rangeText(p)} by ${rulesText(p.rules)}`).join("; ");
  const peerWord = leg.direction === "egress" ? "to" : "from";
  const traffic = { protocol: "tcp" as const, fromPort: leg.ports.from, toPort: leg.ports.to, peerCidr: leg.peerCidr };
  if (decision.admits === "yes") {
    return hop(component, "pass", "ACL_ADMITS", `${acl.NetworkAclId} admits ${what}: ${describe(allowed)}.`, { direction: leg.direction, traffic });
  }
  const unadmitted = decision.ports.flatMap((p) => (p.verdict === "allow" ? [] : [{ from: p.from, to: p.to, verdict: p.verdict, rules: p.rules }]));
  const withPorts = { ...traffic, unadmitted };
  if (decision.admits === "no") {
    const explicit = [...new Set(denied.map((p) => p.rules[p.rules.length - 1]!).filter((r) => !isDefaultDeny(r)))];
    const setting =
      explicit.length > 0
        ? `${acl.NetworkAclId} ${bound} ${explicit.length === 1 ? "rule" : "rules"} ${explicit.join(", ")} ${explicit.length === 1 ? "denies" : "deny"} TCP ${rangeText(leg.ports)} ${peerWord} ${leg.peerCidr}: review ${explicit.length === 1 ? "that deny" : "those denies"}`
        : `${acl.NetworkAclId} ${bound} rules: allow TCP ${rangeText(leg.ports)} ${peerWord} ${leg.peerCidr}, numbered after every deny rule that covers it`;
    // Some ports admitted: only the connections whose port falls in a denied range fail.
    const partial = allowed.length + unsure.length > 0;
    const open = [...allowed, ...unsure].sort((a, b) => a.from - b.from).map(rangeText).join(", ");
    const some = partial ? `, while ${open} ${unsure.length === 0 ? "are admitted" : "are admitted or undecided"}: only connections on the denied ports fail` : "";
    return hop(component, "fail", "SUBNET_ACL_RESTRICTION", `${acl.NetworkAclId} denies ${what}: ports ${describe(denied)}${some}.`, {
      direction: leg.direction,
      setting,
      traffic: withPorts,
      partial,
    });
  }
  return hop(component, "unknown", "SUBNET_ACL_RESTRICTION", `${acl.NetworkAclId} may deny ${what}: ${unsure.map((p) => `ports ${rangeText(p)} depend on ${rulesText(p.rules.slice(0, -1))}, whose CIDR covers only part of it`).join("; ")}.`, {
    direction: leg.direction,
    setting: maybeSetting(acl.NetworkAclId, [...new Set(unsure.flatMap((p) => p.rules.slice(0, -1)))], leg),
    traffic: withPorts,
  });
}
