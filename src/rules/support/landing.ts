import type { NetworkModel, RegionIndex } from "../../model/model.js";
import type { PathResult } from "../../model/types.js";
import { comment, type FixLine } from "../fix.js";
import type { OwnedHop } from "./owned-hops.js";
import { listing, sortedUnique } from "./text.js";

/**
 * What rules about a landing zone's shared resources (a hub's route tables, a transit gateway's tables, a zone) say
 * about the paths that meet them: the spoke VPCs (with their accounts) and the functions, one clause per VPC.
 */
export function affectedSpokes(region: RegionIndex, items: readonly OwnedHop[]): string {
  const byVpc = new Map<string, { account: string; functions: Map<string, Set<string>> }>();
  for (const { result } of items) {
    const entry = byVpc.get(result.vpcId) ?? { account: result.account, functions: new Map<string, Set<string>>() };
    entry.functions.set(result.functionName, (entry.functions.get(result.functionName) ?? new Set()).add(result.subnetId));
    byVpc.set(result.vpcId, entry);
  }
  const clauses = (functions: Map<string, Set<string>>) => [...functions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, subnets]) => `${name} from ${listing([...subnets].sort())}`);
  return [...byVpc]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([vpc, { account, functions }]) => `${vpc}${account === region.account ? "" : ` (account ${account})`}: ${listing(clauses(functions))}`)
    .join("; ");
}

/** The function subnet's CIDR, from the function's own account and region. */
export function functionSubnetCidr(model: NetworkModel, result: PathResult): string | undefined {
  return model.regionOf(result.account, result.region)?.subnets.get(result.subnetId)?.CidrBlock;
}

/** The account commands must run in, said before them when it is not the finding's own. */
export function inAccountComment(account: string, findingAccount: string, what: string): FixLine[] {
  return account === findingAccount ? [] : [comment(`in account ${account} (${what}):`)];
}

export function sortedSubnets(items: readonly OwnedHop[]): string[] {
  return sortedUnique(items.map((o) => o.result.subnetId));
}
