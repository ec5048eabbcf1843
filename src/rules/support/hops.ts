import type { Hop, PathAttempt, PathResult } from "../../model/types.js";
import type { NetworkModel, RegionIndex } from "../../model/model.js";
import type { LambdaFunction } from "../../snapshot/types.js";
import type { RuleSettings, Severity } from "../types.js";
import { kmsUseEvidence } from "./kms-evidence.js";
import { listing } from "./text.js";

/**
 * Which rule explains a hop. Each kind of hop belongs to exactly one rule, so a broken component is reported once;
 * lambda-no-kms-path, the function-level summary, points at these owners instead of repeating them.
 */
export function ownerOf(hop: Hop): string | undefined {
  const type = hop.component.type;
  switch (hop.code) {
    case "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS":
      return "lambda-public-subnet";
    case "BAD_STATE_ROUTE":
      return "route-blackhole";
    case "NAT_PRIVATE_CONNECTIVITY":
    case "NAT_NOT_IN_PUBLIC_SUBNET":
    case "NAT_NO_PUBLIC_IP":
    case "IGW_NOT_ATTACHED":
      return "nat-path-broken";
    case "ENDPOINT_STATE":
      return "endpoint-not-available";
    case "BAD_STATE":
      if (type === "vpc-endpoint") return "endpoint-not-available";
      if (type === "nat-gateway" || type === "internet-gateway") return "nat-path-broken";
      return undefined;
    case "PRIVATE_DNS_DISABLED":
    case "VPC_DNS_SUPPORT_DISABLED":
    case "VPC_DNS_HOSTNAMES_DISABLED":
      return "endpoint-private-dns-off";
    case "ENI_SG_RULES_MISMATCH":
    case "SG_HAS_NO_RULES":
      return hop.direction === "ingress" ? "endpoint-sg-no-https" : "lambda-sg-egress-blocked";
    case "SUBNET_ACL_RESTRICTION":
      return "nacl-blocks-path";
    case "VPCE_SERVICE_NOT_INSTALLED_IN_AZ":
      return "endpoint-az-gap";
    case "AVAILABILITY_ZONE_CROSSED":
      return type === "nat-gateway" ? "nat-cross-az" : "endpoint-az-gap";
    case "ENDPOINT_POLICY_DENIES":
      return "endpoint-policy-denies";
    default:
      return undefined;
  }
}

export interface OwnedHop {
  readonly result: PathResult;
  /** The attempt the hop belongs to, when it is one of the attempt's hops. */
  readonly attempt?: PathAttempt;
  readonly hop: Hop;
}

function sameHop(a: Hop, b: Hop): boolean {
  return a === b || (a.component.id === b.component.id && a.code === b.code && a.direction === b.direction && a.detail === b.detail);
}

function attemptOf(result: PathResult, hop: Hop): PathAttempt | undefined {
  return result.attempts.find((attempt) => attempt.hops.some((candidate) => sameHop(candidate, hop)));
}

const pathsByRegion = new WeakMap<NetworkModel, Map<RegionIndex, readonly PathResult[]>>();

/** The region's paths in model order; grouped once per model, so each rule doesn't filter every path again. */
export function regionPaths(model: NetworkModel, region: RegionIndex): PathResult[] {
  let byRegion = pathsByRegion.get(model);
  if (byRegion === undefined) {
    byRegion = groupPathsByRegion(model);
    pathsByRegion.set(model, byRegion);
  }
  return [...(byRegion.get(region) ?? model.paths.filter((p) => p.account === region.account && p.region === region.region))];
}

function groupPathsByRegion(model: NetworkModel): Map<RegionIndex, readonly PathResult[]> {
  const byKey = new Map<string, PathResult[]>();
  for (const path of model.paths) {
    const key = `${path.account}/${path.region}`;
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [path]);
    else list.push(path);
  }
  return new Map(model.regions.map((region) => [region, byKey.get(`${region.account}/${region.region}`) ?? []]));
}

/** Owned hops of one region by rule id, blocking hops only and with the notes: sorted out in one pass for all rules. */
interface OwnedByRule {
  readonly blocking: ReadonlyMap<string, readonly OwnedHop[]>;
  readonly withNotes: ReadonlyMap<string, readonly OwnedHop[]>;
}

const ownedByModel = new WeakMap<NetworkModel, Map<RegionIndex, OwnedByRule>>();

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function sortOwned(model: NetworkModel, region: RegionIndex): OwnedByRule {
  const blocking = new Map<string, OwnedHop[]>();
  const withNotes = new Map<string, OwnedHop[]>();
  for (const result of regionPaths(model, region)) {
    const seenBlocking = new Map<string, Hop[]>();
    const seenWithNotes = new Map<string, Hop[]>();
    const visit = (hop: Hop, isNote: boolean) => {
      const owner = ownerOf(hop);
      if (owner === undefined) return;
      const inBlocking = !isNote && !(seenBlocking.get(owner) ?? []).some((seen) => sameHop(seen, hop));
      const inWithNotes = !(seenWithNotes.get(owner) ?? []).some((seen) => sameHop(seen, hop));
      if (!inBlocking && !inWithNotes) return;
      const attempt = attemptOf(result, hop);
      const owned: OwnedHop = attempt === undefined ? { result, hop } : { result, attempt, hop };
      if (inBlocking) {
        push(seenBlocking, owner, hop);
        push(blocking, owner, owned);
      }
      if (inWithNotes) {
        push(seenWithNotes, owner, hop);
        push(withNotes, owner, owned);
      }
    };
    for (const hop of result.blocking) visit(hop, false);
    for (const hop of result.notes) visit(hop, true);
  }
  return { blocking, withNotes };
}

/** The blocking hops (and, with `includeNotes`, the info notes) of the region's paths that belong to `ruleId`. */
export function ownedHops(model: NetworkModel, region: RegionIndex, ruleId: string, includeNotes = false): OwnedHop[] {
  let byRegion = ownedByModel.get(model);
  if (byRegion === undefined) {
    byRegion = new Map();
    ownedByModel.set(model, byRegion);
  }
  let sorted = byRegion.get(region);
  if (sorted === undefined) {
    sorted = sortOwned(model, region);
    byRegion.set(region, sorted);
  }
  return [...((includeNotes ? sorted.withNotes : sorted.blocking).get(ruleId) ?? [])];
}

/**
 * Failed hops of this rule on attempts that lost to another path: e.g. an endpoint with private DNS off while calls
 * go out through a NAT gateway. The function works, but not the way its owners built it to.
 */
export function bypassedHops(model: NetworkModel, region: RegionIndex, ruleId: string): OwnedHop[] {
  const found: OwnedHop[] = [];
  for (const result of regionPaths(model, region)) {
    if (result.verdict !== "reachable-via-endpoint" && result.verdict !== "reachable-via-nat") continue;
    for (const attempt of result.attempts) {
      if (attempt.outcome === "reachable") continue;
      for (const hop of attempt.hops) if (hop.status === "fail" && ownerOf(hop) === ruleId) found.push({ result, attempt, hop });
    }
  }
  return found;
}

interface FunctionLookup {
  readonly byArn: ReadonlyMap<string | undefined, number>;
  readonly byName: ReadonlyMap<string, number>;
}

const functionLookups = new WeakMap<RegionIndex, FunctionLookup>();

/** Position of the first function per ARN and per name, built once per region. */
function functionLookup(region: RegionIndex): FunctionLookup {
  const known = functionLookups.get(region);
  if (known !== undefined) return known;
  const byArn = new Map<string | undefined, number>();
  const byName = new Map<string, number>();
  region.functions.forEach((fn, i) => {
    if (!byArn.has(fn.FunctionArn)) byArn.set(fn.FunctionArn, i);
    if (!byName.has(fn.FunctionName)) byName.set(fn.FunctionName, i);
  });
  const built = { byArn, byName };
  functionLookups.set(region, built);
  return built;
}

/** The first of the region's functions with the result's ARN or name. */
export function functionOf(region: RegionIndex, result: PathResult): LambdaFunction | undefined {
  const lookup = functionLookup(region);
  const byArn = lookup.byArn.get(result.function.arn) ?? Infinity;
  const byName = lookup.byName.get(result.functionName) ?? Infinity;
  const first = Math.min(byArn, byName);
  return first === Infinity ? undefined : region.functions[first];
}

/**
 * How much a broken path matters: KMS paths of functions without evidence of run-time KMS calls are only a note
 * (see lambda-no-kms-path); any other evaluated service was asked for, so it keeps the rule's severity.
 */
export function pathImportance(region: RegionIndex, result: PathResult, settings: RuleSettings): "needed" | "unproven" {
  if (result.service !== "kms") return "needed";
  const fn = functionOf(region, result);
  return fn !== undefined && kmsUseEvidence(fn, settings) !== undefined ? "needed" : "unproven";
}

/** The rule's severity, lowered to note when none of the affected paths is known to be needed. */
export function severityFor(
  base: Severity,
  region: RegionIndex,
  results: readonly PathResult[],
  settings: RuleSettings,
): Severity {
  return results.some((r) => pathImportance(region, r, settings) === "needed") ? base : "note";
}

/** Groups items by a key, keeping first-seen order of keys. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** "decrypt-orders calling kms from subnet-a and subnet-c", one clause per (function, service), sorted. */
export function affectedPaths(results: readonly PathResult[]): string {
  const subnets = new Map<string, Set<string>>();
  for (const r of results) {
    const clause = `${r.functionName} calling ${r.service}`;
    subnets.set(clause, (subnets.get(clause) ?? new Set()).add(r.subnetId));
  }
  return [...subnets]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([clause, ids]) => `${clause} from ${listing([...ids].sort())}`)
    .join("; ");
}

/** One subnet per AZ (an interface endpoint takes at most one subnet per AZ), sorted by subnet id. */
export function subnetsOnePerAz(results: readonly PathResult[]): string[] {
  const byAz = new Map<string, string>();
  for (const r of [...results].sort((a, b) => (a.subnetId < b.subnetId ? -1 : a.subnetId > b.subnetId ? 1 : 0))) {
    const az = r.availabilityZone ?? r.subnetId;
    if (!byAz.has(az)) byAz.set(az, r.subnetId);
  }
  return [...byAz.values()].sort();
}
