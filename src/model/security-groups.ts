import type { IpPermission, SecurityGroup } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "./model.js";
import type { ComponentRef, Hop } from "./types.js";
import { coverage, intervalCoverage, parseIpv4Cidr, toSet, type Interval } from "./cidr.js";
import { hop, missingHop } from "./hops.js";
import { memoised } from "./memo.js";
import { cidrOf, describePeer, peerAddresses, prefixListCovers, type Peer } from "./traffic.js";
import { anyOf, type Tri } from "./tri.js";
import { isUnknown } from "./unknown.js";

export type Direction = "ingress" | "egress";

export interface SecurityGroupDecision {
  readonly admits: Tri;
  /** The rules that admit (or may admit) the traffic, as text. */
  readonly matched: readonly string[];
  /** Group ids not in the data. */
  readonly missing: readonly string[];
  /** True when none of the found groups has any rule in that direction. */
  readonly noRules: boolean;
}

/** Whether a rule's protocol and ports admit TCP on `port` ("-1" is all traffic; other protocols never carry TCP). */
export function permissionAdmitsTcpPort(permission: IpPermission, port: number): boolean {
  const protocol = (permission.IpProtocol ?? "").toLowerCase();
  if (protocol === "-1" || protocol === "all") return true;
  if (protocol !== "tcp" && protocol !== "6") return false;
  const from = permission.FromPort;
  const to = permission.ToPort;
  if (from === undefined || to === undefined || from === -1) return true;
  return from <= port && port <= to;
}

function rulesOf(group: SecurityGroup, direction: Direction): readonly IpPermission[] {
  return (direction === "ingress" ? group.IpPermissions : group.IpPermissionsEgress) ?? [];
}

function portText(permission: IpPermission): string {
  const protocol = permission.IpProtocol === "-1" ? "all traffic" : `${permission.IpProtocol}`;
  if (permission.IpProtocol === "-1" || permission.FromPort === undefined) return protocol;
  return permission.FromPort === permission.ToPort ? `${protocol} ${permission.FromPort}` : `${protocol} ${permission.FromPort}-${permission.ToPort}`;
}

/**
 * Whether the union of `groupIds` admits TCP `port` to (egress) or from (ingress) the peer. Security groups are stateful:
 * only the direction that opens the connection is checked.
 */
export function securityGroupAdmits(index: RegionIndex, groupIds: readonly string[], direction: Direction, port: number, peer: Peer): SecurityGroupDecision {
  const intervals: Interval[] = [];
  const flags: Tri[] = [];
  const matched: string[] = [];
  const missing: string[] = [];
  let ruleCount = 0;
  for (const groupId of groupIds) {
    const part = groupAdmits(index, groupId, direction, port, peer);
    if (part === undefined) {
      missing.push(groupId);
      continue;
    }
    ruleCount += part.ruleCount;
    for (const interval of part.intervals) intervals.push(interval);
    for (const flag of part.flags) flags.push(flag);
    for (const rule of part.matched) matched.push(rule);
  }
  const byCidr = intervals.length === 0 ? "no" : coverage(toSet(intervals), peerAddresses(peer));
  flags.push(byCidr, missing.length > 0 ? "maybe" : "no");
  const admits = anyOf(flags);
  return { admits, matched, missing, noRules: ruleCount === 0 && missing.length === 0 };
}

/** One group's share of a decision: what of its rules in that direction admits TCP `port` with the peer. */
interface GroupPart {
  readonly ruleCount: number;
  readonly intervals: readonly Interval[];
  readonly flags: readonly Tri[];
  readonly matched: readonly string[];
}

/** A group's part, shared by every group set holding the group (undefined when the group is not in the data). */
function groupAdmits(index: RegionIndex, groupId: string, direction: Direction, port: number, peer: Peer): GroupPart | undefined {
  const group = index.securityGroups.get(groupId);
  if (group === undefined) return undefined;
  const peerKey = peer.kind === "service" ? peer.service : peer.addresses;
  const peerDetail = peer.kind === "service" ? (peer.gatewayPrefixListId ?? "") : peer.groupIds;
  return memoised(index, ["sg-group", peerKey, peerDetail, groupId, direction, port], () => groupAdmitsOnce(index, group, groupId, direction, port, peer));
}

function groupAdmitsOnce(index: RegionIndex, group: SecurityGroup, groupId: string, direction: Direction, port: number, peer: Peer): GroupPart {
  const intervals: Interval[] = [];
  const flags: Tri[] = [];
  const matched: string[] = [];
  const rules = rulesOf(group, direction);
  for (const permission of rules) {
    // A protocol or port left open until deploy may admit the traffic: every peer it names admits it at most "maybe".
    const vague = isUnknown(permission.IpProtocol) || isUnknown(permission.FromPort) || isUnknown(permission.ToPort);
    if (!vague && !permissionAdmitsTcpPort(permission, port)) continue;
    for (const range of permission.IpRanges ?? []) {
      const interval = range.CidrIp === undefined ? undefined : parseIpv4Cidr(range.CidrIp);
      const unknownCidr = interval === undefined && isUnknown(range.CidrIp);
      if (!unknownCidr && (interval === undefined || intervalCoverage(interval, peerAddresses(peer)) === "no")) continue;
      if (vague || interval === undefined) flags.push("maybe");
      else intervals.push(interval);
      matched.push(`${groupId} ${portText(permission)} ${range.CidrIp}${vague || unknownCidr ? " (may cover)" : ""}`);
    }
    for (const list of permission.PrefixListIds ?? []) {
      if (list.PrefixListId === undefined) continue;
      const covers = prefixListCovers(index, list.PrefixListId, peer);
      if (covers === "no") continue;
      flags.push(vague ? "maybe" : covers);
      matched.push(`${groupId} ${portText(permission)} ${list.PrefixListId}${covers === "maybe" || vague ? " (may cover)" : ""}`);
    }
    for (const pair of permission.UserIdGroupPairs ?? []) {
      const unknownGroup = isUnknown(pair.GroupId);
      if (peer.kind === "subnet" && pair.GroupId !== undefined && (unknownGroup || peer.groupIds.includes(pair.GroupId))) {
        flags.push(vague || unknownGroup ? "maybe" : "yes");
        matched.push(`${groupId} ${portText(permission)} ${pair.GroupId}${vague || unknownGroup ? " (may cover)" : ""}`);
      }
    }
  }
  return { ruleCount: rules.length, intervals, flags, matched };
}

/** The hop for a security-group check, naming groups, port, peer and the rules that decided. */
export function securityGroupHop(
  index: RegionIndex,
  groupIds: readonly string[],
  direction: Direction,
  port: number,
  peer: Peer,
  owner: string,
): Hop {
  // Group lists are keyed by identity: the model passes one array per distinct list (a miss only recomputes).
  const compute = () => securityGroupHopOnce(index, groupIds, direction, port, peer, owner);
  if (peer.kind === "service") return memoised(index, ["sg-hop-service", peer.service, peer.gatewayPrefixListId ?? "", groupIds, direction, port, owner], compute);
  return memoised(index, ["sg-hop-subnet", peer.addresses, peer.subnetId, peer.groupIds, groupIds, direction, port, owner], compute);
}

function securityGroupHopOnce(index: RegionIndex, groupIds: readonly string[], direction: Direction, port: number, peer: Peer, owner: string): Hop {
  const component: ComponentRef = { type: "security-group", id: groupIds[0] ?? "(none)", ...(groupIds.length > 1 ? { name: groupIds.join(",") } : {}) };
  const groups = groupIds.length === 0 ? "(no security groups)" : groupIds.join(", ");
  const towards = direction === "egress" ? `to ${describePeer(peer)}` : `from ${describePeer(peer)}`;
  const bound = direction === "egress" ? "outbound" : "inbound";
  if (groupIds.length === 0) {
    return hop(component, "unknown", "ENI_SG_RULES_MISMATCH", `${owner} lists no security groups, so TCP ${port} ${towards} can't be checked.`, {
      direction,
      setting: `attach a security group to ${owner}`,
    });
  }
  const decision = securityGroupAdmits(index, groupIds, direction, port, peer);
  if (decision.admits === "yes") {
    return hop(component, "pass", "SG_ADMITS", `${groups} (${owner}) ${bound} admits TCP ${port} ${towards}: ${decision.matched.join("; ")}.`, { direction });
  }
  if (decision.admits === "maybe" && decision.missing.length > 0 && decision.matched.length === 0) {
    return missingHop(index, "DescribeSecurityGroups", { type: "security-group", id: decision.missing[0] ?? component.id }, `${owner}'s ${bound} TCP ${port} ${towards}`);
  }
  const suggestion = suggestedPeer(peer);
  const setting = `${groupIds[0]} ${bound} rules: add TCP ${port} ${direction === "egress" ? "to" : "from"} ${suggestion}`;
  if (decision.admits === "maybe") {
    const partial = decision.matched.length > 0 ? `only ${decision.matched.join("; ")}, which may not cover it` : `groups ${decision.missing.join(", ")} are not in the data`;
    return hop(component, "unknown", "ENI_SG_RULES_MISMATCH", `${groups} (${owner}) ${bound} may not admit TCP ${port} ${towards}: ${partial}.`, { direction, setting });
  }
  const code = decision.noRules ? "SG_HAS_NO_RULES" : "ENI_SG_RULES_MISMATCH";
  const none = decision.noRules ? `has no ${bound} rules at all` : `has no ${bound} rule admitting TCP ${port} ${towards}`;
  return hop(component, "fail", code, `${groups} (${owner}) ${none}.`, { direction, setting });
}

function suggestedPeer(peer: Peer): string {
  if (peer.kind === "service") return peer.gatewayPrefixListId ?? "0.0.0.0/0";
  return peer.groupIds[0] ?? cidrOf(peer.addresses);
}
