import type { NetworkModel, RegionIndex } from "../../model/model.js";
import type { PathResult, Verdict } from "../../model/types.js";

/**
 * One region's paths in model order, grouped once per model for every rule: by function and by verdict, so that a
 * rule reads only the paths it is about instead of filtering all of them again.
 */
export interface RegionPaths {
  readonly all: readonly PathResult[];
  /** Keyed like NetworkModel.pathsFor: the function's ARN, else its id. */
  readonly byFunction: ReadonlyMap<string, readonly PathResult[]>;
  readonly byVerdict: ReadonlyMap<Verdict, readonly PathResult[]>;
}

class RegionPathsBuilder implements RegionPaths {
  readonly all: PathResult[] = [];
  readonly byFunction = new Map<string, PathResult[]>();
  readonly byVerdict = new Map<Verdict, PathResult[]>();
  private lastFunction: string | undefined;
  private lastFunctionPaths: PathResult[] = [];

  add(path: PathResult): void {
    this.all.push(path);
    const key = functionKey(path);
    if (key !== this.lastFunction) {
      this.lastFunction = key;
      this.lastFunctionPaths = listIn(this.byFunction, key);
    }
    this.lastFunctionPaths.push(path);
    listIn(this.byVerdict, path.verdict).push(path);
  }
}

const NO_PATHS: RegionPaths = { all: [], byFunction: new Map(), byVerdict: new Map() };

const groupedByModel = new WeakMap<NetworkModel, ReadonlyMap<RegionIndex, RegionPaths>>();

function functionKey(path: PathResult): string {
  return path.function.arn ?? path.function.id;
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  return list;
}

/** Paths by function (ARN, else id), in their order. */
export function groupByFunction(paths: readonly PathResult[]): Map<string, PathResult[]> {
  const byFunction = new Map<string, PathResult[]>();
  for (const path of paths) listIn(byFunction, functionKey(path)).push(path);
  return byFunction;
}

/** Splits the model's paths by account and region in one pass (runs of one region are consecutive, but not assumed). */
function groupModelPaths(model: NetworkModel): ReadonlyMap<RegionIndex, RegionPaths> {
  const byAccount = new Map<string, Map<string, RegionPathsBuilder>>();
  let last: PathResult | undefined;
  let builder = new RegionPathsBuilder();
  for (const path of model.paths) {
    if (last === undefined || path.account !== last.account || path.region !== last.region) {
      let regions = byAccount.get(path.account);
      if (regions === undefined) byAccount.set(path.account, (regions = new Map()));
      const known = regions.get(path.region);
      builder = known ?? new RegionPathsBuilder();
      if (known === undefined) regions.set(path.region, builder);
    }
    last = path;
    builder.add(path);
  }
  return new Map(model.regions.map((region) => [region, byAccount.get(region.account)?.get(region.region) ?? NO_PATHS]));
}

function modelPaths(model: NetworkModel): ReadonlyMap<RegionIndex, RegionPaths> {
  let grouped = groupedByModel.get(model);
  if (grouped === undefined) {
    grouped = groupModelPaths(model);
    groupedByModel.set(model, grouped);
  }
  return grouped;
}

function collect(paths: readonly PathResult[]): RegionPaths {
  const builder = new RegionPathsBuilder();
  for (const path of paths) builder.add(path);
  return builder;
}

/** The region's paths, grouped once per model. A region the model doesn't list gets its paths filtered out directly. */
export function pathsOfRegion(model: NetworkModel, region: RegionIndex): RegionPaths {
  return modelPaths(model).get(region) ?? collect(model.paths.filter((p) => p.account === region.account && p.region === region.region));
}

/** The region's paths in model order, as a fresh array the caller may change. */
export function regionPaths(model: NetworkModel, region: RegionIndex): PathResult[] {
  return [...pathsOfRegion(model, region).all];
}

/** The region's paths with this verdict, in model order. */
export function pathsWithVerdict(model: NetworkModel, region: RegionIndex, verdict: Verdict): readonly PathResult[] {
  return pathsOfRegion(model, region).byVerdict.get(verdict) ?? [];
}

/** The paths of one function in this region: model.pathsFor(functionArn) restricted to the region, without the filtering. */
export function functionPathsIn(model: NetworkModel, region: RegionIndex, functionArn: string): readonly PathResult[] {
  return pathsOfRegion(model, region).byFunction.get(functionArn) ?? [];
}
