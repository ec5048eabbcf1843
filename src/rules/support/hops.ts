import type { PathAttempt, PathResult } from "../../model/types.js";
import type { RegionIndex } from "../../model/model.js";
import type { LambdaFunction } from "../../snapshot/types.js";
import type { RuleSettings, Severity } from "../types.js";
import { useEvidence } from "./kms-evidence.js";
import { listing } from "./text.js";
import { naturalCompare, naturalSort } from "../../text/natural.js";
import { functionOfPath } from "../../model/build-model.js";

export { ownerOf } from "./owner.js";
export { bypassedHops, isCertain, ownedHops, type OwnedHop } from "./owned-hops.js";
import type { OwnedHop } from "./owned-hops.js";
export { functionPathsIn, groupByFunction, pathsOfRegion, pathsWithVerdict, regionPaths } from "./region-paths.js";

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

/** The first of the region's functions with the result's ARN or name; the path's own function when it is in another region. */
export function functionOf(region: RegionIndex, result: PathResult): LambdaFunction | undefined {
  if (result.account !== undefined && (result.account !== region.account || result.region !== region.region)) return functionOfPath(result);
  const lookup = functionLookup(region);
  const byArn = lookup.byArn.get(result.function.arn) ?? Infinity;
  const byName = lookup.byName.get(result.functionName) ?? Infinity;
  const first = Math.min(byArn, byName);
  return first === Infinity ? undefined : region.functions[first];
}

/**
 * How much a broken path matters: KMS paths of functions without evidence of run-time KMS calls are only a note
 * (see lambda-no-kms-path); any other service is evaluated only on evidence or a declaration, so it keeps the rule's
 * severity.
 */
export function pathImportance(region: RegionIndex, result: PathResult, settings: RuleSettings): "needed" | "unproven" {
  if (result.service !== "kms") return "needed";
  return useEvidence(result, functionOf(region, result), settings).length > 0 ? "needed" : "unproven";
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

/**
 * The rule's severity for a finding about these hops: the base severity only when one of them definitely drops the
 * traffic of a path that is definitely blocked and known to be needed; a note otherwise (a "maybe" never becomes an
 * error, and paths without evidence of use stay notes).
 */
export function severityOf(base: Severity, region: RegionIndex, items: readonly OwnedHop[], settings: RuleSettings): Severity {
  return items.some((o) => o.certain && pathImportance(region, o.result, settings) === "needed") ? base : "note";
}

/** True when one of the hops definitely drops traffic on a blocked path: the finding says "drops", else "may drop". */
export function anyCertain(items: readonly OwnedHop[]): boolean {
  return items.some((o) => o.certain);
}

/** True when every definite failure among the hops drops only some connections (intermittent, not every call). */
export function onlySomeConnections(items: readonly OwnedHop[]): boolean {
  const certain = items.filter((o) => o.certain);
  return certain.length > 0 && certain.every((o) => o.hop.partial === true);
}

/** The destination of the route that sent a path's traffic on its way out (ROUTE_MATCHED), e.g. 0.0.0.0/0. */
export function matchedDestination(result: PathResult, attempt?: PathAttempt): string | undefined {
  for (const a of attempt === undefined ? result.attempts : [attempt]) {
    for (const hop of a.hops) if (hop.code === "ROUTE_MATCHED" && hop.route !== undefined) return hop.route.destination;
  }
  return undefined;
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

/**
 * The paths' functions as a message says them: "decrypt-orders calling kms from subnet-a and subnet-c", one clause per
 * (function, service) while there are at most three, else "5 functions calling kms and sts (fn-1, ..., fn-10) from
 * 4 subnets (subnet-a, ...)": every function and subnet named once. Names in natural order.
 */
export function affectedPaths(results: readonly PathResult[]): string {
  const subnets = new Map<string, Set<string>>();
  for (const r of results) {
    const clause = `${r.functionName} calling ${r.service}`;
    subnets.set(clause, (subnets.get(clause) ?? new Set()).add(r.subnetId));
  }
  if (subnets.size <= 3) {
    return [...subnets]
      .sort(([a], [b]) => naturalCompare(a, b))
      .map(([clause, ids]) => `${clause} from ${listing(naturalSort(ids))}`)
      .join("; ");
  }
  const functions = naturalSort(new Set(results.map((r) => r.functionName)));
  const services = naturalSort(new Set(results.map((r) => r.service)));
  const allSubnets = naturalSort(new Set(results.map((r) => r.subnetId)));
  const subnetText = allSubnets.length === 1 ? `subnet ${allSubnets[0]}` : `${allSubnets.length} subnets (${allSubnets.join(", ")})`;
  const who = functions.length === 1 ? functions[0]! : `${functions.length} functions`;
  return `${who} calling ${listing(services)}${functions.length === 1 ? "" : ` (${functions.join(", ")})`} from ${subnetText}`;
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
