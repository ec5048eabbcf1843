import { buildModel } from "../../src/model/index.js";
import type { Hop, PathResult } from "../../src/model/types.js";
import type { RegionCalls } from "../../src/snapshot/types.js";
import { ids, toSnapshot, type RegionData } from "../support/build.js";

/** The path result of the scenario's function in one subnet for one service. */
export function pathOf(d: RegionData, subnetId: string = ids.privateA, service = "kms", edit?: (calls: RegionCalls) => RegionCalls): PathResult {
  const model = buildModel(toSnapshot(d, edit), { servicesFor: () => [service] });
  const found = model.paths.find((p) => p.subnetId === subnetId && p.service === service);
  if (found === undefined) throw new Error(`no path for ${subnetId}/${service}`);
  return found;
}

/** "status CODE component" triples, compact enough to compare exactly. */
export function summary(hops: readonly Hop[]): string[] {
  return hops.map((h) => `${h.status} ${h.code} ${h.component.id}`);
}

export function codes(hops: readonly Hop[]): string[] {
  return hops.map((h) => h.code);
}
