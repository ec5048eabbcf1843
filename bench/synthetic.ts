/**
 * A seeded, deterministic synthetic snapshot of realistic shape at any size: one VPC per `functionsPerVpc`
 * functions, spread over regions; per VPC three AZs with public, endpoint, data and app subnets, route tables with
 * dozens of routes (transit gateway, peering, prefix lists), network ACLs with many entries, a dozen security groups
 * with many rules and references, NAT gateways with Elastic IPs or a transit-gateway egress, KMS and other interface
 * endpoints and S3 gateway endpoints; some of them broken, so the paths are a mix of reachable, blocked and unverifiable.
 */
import { ACCOUNT, activeState, regionCalls } from "../test/support/build.js";
import { noLandingZone } from "../test/support/landing-zone.js";
import type { RegionCalls, Snapshot } from "../src/snapshot/types.js";
import { buildFunctions } from "./synthetic/functions.js";
import { idMaker } from "./synthetic/ids.js";
import { buildNetwork } from "./synthetic/network.js";
import { planVpc } from "./synthetic/plan.js";
import { seededRandom } from "./synthetic/random.js";
import { finishRegion, startRegion } from "./synthetic/region.js";
import { buildSecurity } from "./synthetic/security.js";

export interface SyntheticOptions {
  readonly functions: number;
  readonly seed?: number;
  /** Regions and their share of the VPCs (a primary region and smaller ones, as accounts usually are). */
  readonly regions?: readonly { readonly name: string; readonly share: number }[];
  readonly functionsPerVpc?: number;
}

export const DEFAULT_REGIONS = [
  { name: "ap-northeast-1", share: 0.6 },
  { name: "us-east-1", share: 0.25 },
  { name: "eu-west-1", share: 0.15 },
] as const;

/** How many of `vpcCount` VPCs each region gets: by share, at least one each while there are VPCs to give. */
function vpcsPerRegion(vpcCount: number, regions: readonly { share: number }[]): number[] {
  const counts = regions.map((r) => Math.floor(vpcCount * r.share));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < vpcCount; i = (i + 1) % counts.length) counts[i] = (counts[i] as number) + 1;
  return counts;
}

/** The region calls of a synthetic account: region name -> calls. */
export function syntheticRegions(options: SyntheticOptions): Record<string, RegionCalls> {
  const random = seededRandom(options.seed ?? 1);
  const ids = idMaker();
  const perVpc = options.functionsPerVpc ?? 100;
  const regions = options.regions ?? DEFAULT_REGIONS;
  const vpcCount = Math.max(1, Math.ceil(options.functions / perVpc));
  const counts = vpcsPerRegion(vpcCount, regions);
  const result: Record<string, RegionCalls> = {};
  let vpcIndex = 0;
  let functionIndex = 0;
  regions.forEach((region, r) => {
    const { data, shared } = startRegion(region.name, ACCOUNT, ids, random);
    const context = { data, ids, random, shared, account: ACCOUNT };
    for (let v = 0; v < (counts[r] as number); v += 1) {
      const plan = planVpc(random, vpcIndex, region.name);
      const layout = buildNetwork(context, plan);
      const security = buildSecurity(context, layout);
      const count = Math.min(perVpc, options.functions - functionIndex);
      buildFunctions(context, layout, security, functionIndex, count);
      functionIndex += count;
      vpcIndex += 1;
    }
    finishRegion(data, ids, random, counts[r] as number);
    result[region.name] = regionCalls(data);
  });
  return result;
}

/**
 * The calls a live collection of the account records: the generated ones, the state of every VPC function
 * (GetFunctionConfiguration) and the calls beyond the VPC, which find nothing here. The analysis sizes leave them out,
 * so that their figures stay comparable with earlier runs.
 */
export function asCollected(regions: Readonly<Record<string, RegionCalls>>): Record<string, RegionCalls> {
  return Object.fromEntries(
    Object.entries(regions).map(([name, calls]) => {
      const functions = calls.ListFunctions?.status === "ok" ? calls.ListFunctions.data.Functions : [];
      const vpcIds = calls.DescribeVpcs?.status === "ok" ? calls.DescribeVpcs.data.Vpcs.map((v) => v.VpcId as string) : [];
      const states = functions.filter((f) => (f.VpcConfig?.SubnetIds ?? []).length > 0).map(activeState);
      return [name, { ...calls, GetFunctionConfiguration: { status: "ok" as const, data: states }, ...noLandingZone(name, vpcIds) }];
    }),
  );
}

export function syntheticSnapshot(options: SyntheticOptions): Snapshot {
  return {
    format: "kms-audit/snapshot",
    version: 1,
    collectedAt: "2026-01-01T00:00:00.000Z",
    source: { kind: "synthetic", description: `kms-audit bench: ${options.functions} functions, seed ${options.seed ?? 1}` },
    accounts: { [ACCOUNT]: { regions: Object.fromEntries(Object.entries(syntheticRegions(options)).map(([name, calls]) => [name, { calls }])) } },
  };
}
