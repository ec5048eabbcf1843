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

/** Per model: each account and region's hops, keyed `account/region`. */
const ownedByModel = new WeakMap<NetworkModel, Map<string, OwnedByRule>>();

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

function emptyOwned(): OwnedByRule {
  return { blocking: new Map(), withNotes: new Map(), bypassed: new Map() };
}

/** The hops of a path sorted under the account that holds each hop's component (a hub's route table, a shared zone). */
function sortedFor(byPlace: Map<string, OwnedByRule>, result: PathResult, hop: Hop): OwnedByRule {
  const key = `${hop.component.account ?? result.account}/${result.region}`;
  let sorted = byPlace.get(key);
  if (sorted === undefined) byPlace.set(key, (sorted = emptyOwned()));
  return sorted;
}

/** Files one hop under its owner, once per owner and path: blocking hops in both lists, notes only in the one with notes. */
function fileHop(result: PathResult, hop: Hop, isNote: boolean, seen: SeenHop[], byPlace: Map<string, OwnedByRule>): void {
  const owner = ownerOf(hop);
  if (owner === undefined || alreadySeen(seen, owner, hop)) return;
  seen.push({ owner, hop });
  const attempt = attemptOf(result, hop);
  const certain = isCertain(result, hop);
  const owned: OwnedHop = attempt === undefined ? { result, hop, certain } : { result, attempt, hop, certain };
  const sorted = sortedFor(byPlace, result, hop);
  if (!isNote) push(sorted.blocking, owner, owned);
  push(sorted.withNotes, owner, owned);
}

function sortPathHops(result: PathResult, byPlace: Map<string, OwnedByRule>): void {
  if (result.blocking.length === 0 && result.notes.length === 0) return;
  const seen: SeenHop[] = [];
  for (const hop of result.blocking) fileHop(result, hop, false, seen, byPlace);
  for (const hop of result.notes) fileHop(result, hop, true, seen, byPlace);
}

function sortBypassedHops(result: PathResult, byPlace: Map<string, OwnedByRule>): void {
  if (result.verdict !== "reachable-via-endpoint" && result.verdict !== "reachable-via-nat") return;
  for (const attempt of result.attempts) {
    if (attempt.outcome === "reachable") continue;
    for (const hop of attempt.hops) {
      if (hop.status !== "fail") continue;
      const owner = ownerOf(hop);
      if (owner !== undefined) push(sortedFor(byPlace, result, hop).bypassed, owner, { result, attempt, hop, certain: false });
    }
  }
}

/** Every path of the model in one pass: each hop filed under the account and region of its component. */
function sortOwned(model: NetworkModel): Map<string, OwnedByRule> {
  const byPlace = new Map<string, OwnedByRule>();
  for (const region of model.regions) {
    for (const result of pathsOfRegion(model, region).all) {
      sortPathHops(result, byPlace);
      sortBypassedHops(result, byPlace);
    }
  }
  return byPlace;
}

const NOTHING_OWNED: OwnedByRule = emptyOwned();

/** The hops on this region's resources, from every path of the model (a hub's resources carry hops of the spokes' paths). */
function ownedOfRegion(model: NetworkModel, region: RegionIndex): OwnedByRule {
  let byPlace = ownedByModel.get(model);
  if (byPlace === undefined) {
    byPlace = sortOwned(model);
    ownedByModel.set(model, byPlace);
  }
  return byPlace.get(`${region.account}/${region.region}`) ?? NOTHING_OWNED;
}

/**
 * The blocking hops (and, with `includeNotes`, the info notes) that belong to `ruleId` and are about this region's
 * resources: the region's own paths' hops in its account, and other accounts' paths' hops on its resources.
 */
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
