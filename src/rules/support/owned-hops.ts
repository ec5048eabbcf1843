import type { NetworkModel, RegionIndex } from "../../model/model.js";
import type { Hop, PathAttempt, PathResult } from "../../model/types.js";
import { ownerOf } from "./owner.js";
import { pathsOfRegion } from "./region-paths.js";

export interface OwnedHop {
  readonly result: PathResult;
  /** The attempt the hop belongs to, when it is one of the attempt's hops. */
  readonly attempt?: PathAttempt;
  readonly hop: Hop;
  /**
   * True when the hop definitely drops the traffic (status fail) on a path that is definitely blocked. Otherwise the
   * hop only may matter: it is unknown, or the path is unverifiable (traffic may go another way). Only certain hops
   * make an error; the others are notes worded "may".
   */
  readonly certain: boolean;
}

export function isCertain(result: PathResult, hop: Hop): boolean {
  return hop.status === "fail" && result.verdict === "blocked";
}

/** A region's hops by owning rule, sorted out in one pass over its paths for all rules. */
interface OwnedByRule {
  /** Blocking hops only. */
  readonly blocking: Map<string, OwnedHop[]>;
  /** Blocking hops and info notes. */
  readonly withNotes: Map<string, OwnedHop[]>;
  /** Failed hops on attempts that lost to a path that works. */
  readonly bypassed: Map<string, OwnedHop[]>;
}

interface SeenHop {
  readonly owner: string;
  readonly hop: Hop;
}

const ownedByModel = new WeakMap<NetworkModel, Map<RegionIndex, OwnedByRule>>();

function sameHop(a: Hop, b: Hop): boolean {
  return a === b || (a.component.id === b.component.id && a.code === b.code && a.direction === b.direction && a.detail === b.detail);
}

function attemptOf(result: PathResult, hop: Hop): PathAttempt | undefined {
  for (const attempt of result.attempts) {
    for (const candidate of attempt.hops) if (sameHop(candidate, hop)) return attempt;
  }
  return undefined;
}

function push(map: Map<string, OwnedHop[]>, key: string, value: OwnedHop): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function alreadySeen(seen: readonly SeenHop[], owner: string, hop: Hop): boolean {
  for (const entry of seen) if (entry.owner === owner && sameHop(entry.hop, hop)) return true;
  return false;
}

/** Files one hop under its owner, once per owner and path: blocking hops in both lists, notes only in the one with notes. */
function fileHop(result: PathResult, hop: Hop, isNote: boolean, seen: SeenHop[], sorted: OwnedByRule): void {
  const owner = ownerOf(hop);
  if (owner === undefined || alreadySeen(seen, owner, hop)) return;
  seen.push({ owner, hop });
  const attempt = attemptOf(result, hop);
  const certain = isCertain(result, hop);
  const owned: OwnedHop = attempt === undefined ? { result, hop, certain } : { result, attempt, hop, certain };
  if (!isNote) push(sorted.blocking, owner, owned);
  push(sorted.withNotes, owner, owned);
}

function sortPathHops(result: PathResult, sorted: OwnedByRule): void {
  if (result.blocking.length === 0 && result.notes.length === 0) return;
  const seen: SeenHop[] = [];
  for (const hop of result.blocking) fileHop(result, hop, false, seen, sorted);
  for (const hop of result.notes) fileHop(result, hop, true, seen, sorted);
}

function sortBypassedHops(result: PathResult, sorted: OwnedByRule): void {
  if (result.verdict !== "reachable-via-endpoint" && result.verdict !== "reachable-via-nat") return;
  for (const attempt of result.attempts) {
    if (attempt.outcome === "reachable") continue;
    for (const hop of attempt.hops) {
      if (hop.status !== "fail") continue;
      const owner = ownerOf(hop);
      if (owner !== undefined) push(sorted.bypassed, owner, { result, attempt, hop, certain: false });
    }
  }
}

function sortOwned(paths: readonly PathResult[]): OwnedByRule {
  const sorted: OwnedByRule = { blocking: new Map(), withNotes: new Map(), bypassed: new Map() };
  for (const result of paths) {
    sortPathHops(result, sorted);
    sortBypassedHops(result, sorted);
  }
  return sorted;
}

function ownedOfRegion(model: NetworkModel, region: RegionIndex): OwnedByRule {
  let byRegion = ownedByModel.get(model);
  if (byRegion === undefined) {
    byRegion = new Map();
    ownedByModel.set(model, byRegion);
  }
  let sorted = byRegion.get(region);
  if (sorted === undefined) {
    sorted = sortOwned(pathsOfRegion(model, region).all);
    byRegion.set(region, sorted);
  }
  return sorted;
}

/** The blocking hops (and, with `includeNotes`, the info notes) of the region's paths that belong to `ruleId`. */
export function ownedHops(model: NetworkModel, region: RegionIndex, ruleId: string, includeNotes = false): OwnedHop[] {
  const sorted = ownedOfRegion(model, region);
  return [...((includeNotes ? sorted.withNotes : sorted.blocking).get(ruleId) ?? [])];
}

/**
 * Failed hops of this rule on attempts that lost to another path: e.g. an endpoint with private DNS off while calls
 * go out through a NAT gateway. The function works, but not the way its owners built it to.
 */
export function bypassedHops(model: NetworkModel, region: RegionIndex, ruleId: string): OwnedHop[] {
  return [...(ownedOfRegion(model, region).bypassed.get(ruleId) ?? [])];
}
