import type { PathResult } from "../../model/types.js";
import { ownerOf } from "./hops.js";
import { describeHop, listing } from "./text.js";

export function subnetLabel(result: PathResult): string {
  return result.availabilityZone ? `${result.subnetId} (${result.availabilityZone})` : result.subnetId;
}

/**
 * "subnet-a (ap-northeast-1a) and subnet-c (ap-northeast-1c): hop; hop", subnets with the same hops merged, each hop
 * pointing at the rule that owns it.
 */
export function hopsBySubnet(results: readonly PathResult[]): string {
  const bySubnet = new Map<string, string[]>();
  for (const r of results) {
    const hops = r.blocking.map((hop) => {
      const owner = ownerOf(hop);
      return owner === undefined ? describeHop(hop) : `${describeHop(hop)} (see ${owner})`;
    });
    const text = hops.length > 0 ? hops.join("; ") : "no blocking hop recorded";
    bySubnet.set(text, [...(bySubnet.get(text) ?? []), subnetLabel(r)]);
  }
  return [...bySubnet].map(([text, subnets]) => `${listing(subnets)}: ${text}`).join(" | ");
}
