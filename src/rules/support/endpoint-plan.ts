import type { NetworkModel, RegionIndex } from "../../model/model.js";
import type { PathResult } from "../../model/types.js";
import { functionGroups } from "./commands.js";
import { functionOf, subnetsOnePerAz } from "./hops.js";
import { pathsOfRegion } from "./region-paths.js";
import { sortedUnique } from "./text.js";

/**
 * The endpoint a VPC needs for a service, planned once for all its functions. An interface endpoint with private DNS
 * captures the service's hostname for the whole VPC, so it must have a network interface in an AZ of each function's
 * subnets and admit every function's security groups; a gateway endpoint goes on every route table they use. Both
 * the no-path summaries (when a missing endpoint is what is in the way) and nat-where-privatelink print this one plan,
 * so one run of either fix serves every function, and no fix creates a second endpoint that AWS would refuse.
 */
export interface EndpointPlan {
  readonly vpcId: string;
  readonly service: string;
  /** The VPC's paths to the service that don't go through an endpoint of it. */
  readonly paths: readonly PathResult[];
  /** One subnet per AZ of those paths (lowest id first). */
  readonly subnets: readonly string[];
  /** The security groups of their functions, sorted. */
  readonly groups: readonly string[];
  /** The route tables of their subnets (explicit association, else the VPC's main table), sorted. */
  readonly routeTables: readonly string[];
}

interface RegionPlans {
  /** The region's paths not through an endpoint, by VPC and service (built in one pass). */
  readonly paths: ReadonlyMap<string, readonly PathResult[]>;
  readonly plans: Map<string, EndpointPlan>;
}

const plansByModel = new WeakMap<NetworkModel, Map<RegionIndex, RegionPlans>>();

function planKey(vpcId: string, service: string): string {
  return `${vpcId}\n${service}`;
}

function plansOf(model: NetworkModel, region: RegionIndex): RegionPlans {
  let byRegion = plansByModel.get(model);
  if (byRegion === undefined) plansByModel.set(model, (byRegion = new Map()));
  let plans = byRegion.get(region);
  if (plans === undefined) {
    const paths = new Map<string, PathResult[]>();
    for (const path of pathsOfRegion(model, region).all) {
      if (path.verdict === "reachable-via-endpoint") continue;
      const key = planKey(path.vpcId, path.service);
      const list = paths.get(key);
      if (list === undefined) paths.set(key, [path]);
      else list.push(path);
    }
    byRegion.set(region, (plans = { paths, plans: new Map() }));
  }
  return plans;
}

export function endpointPlan(model: NetworkModel, region: RegionIndex, vpcId: string, service: string): EndpointPlan {
  const regionPlans = plansOf(model, region);
  const key = planKey(vpcId, service);
  const known = regionPlans.plans.get(key);
  if (known !== undefined) return known;
  const paths = regionPlans.paths.get(key) ?? [];
  const plan: EndpointPlan = {
    vpcId,
    service,
    paths,
    subnets: subnetsOnePerAz(paths),
    groups: sortedUnique(paths.flatMap((p) => functionGroups(functionOf(region, p)))),
    routeTables: sortedUnique(paths.flatMap((p) => region.routeTableFor(p.subnetId)?.RouteTableId ?? [])),
  };
  regionPlans.plans.set(key, plan);
  return plan;
}
