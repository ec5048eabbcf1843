import type { Hop, PathResult } from "../../model/types.js";
import { ownerOf } from "./owner.js";
import { describeHop, listing } from "./text.js";

export function subnetLabel(result: PathResult): string {
  return result.availabilityZone ? `${result.subnetId} (${result.availabilityZone})` : result.subnetId;
}

/** A path's blocking hops as one clause list, each hop pointing at the rule that owns it. */
export function describeBlocking(hops: readonly Hop[]): string {
  if (hops.length === 0) return "no blocking hop recorded";
  return hops
    .map((hop) => {
      const owner = ownerOf(hop);
      return owner === undefined ? describeHop(hop) : `${describeHop(hop)} (see ${owner})`;
    })
    .join("; ");
}

/**
 * describeBlocking, remembered per list of hops for the caller's lifetime: paths decided by one shared evaluation
 * share its list of blocking hops, so a rule describes each list once.
 */
export function blockingDescriber(): (hops: readonly Hop[]) => string {
  const texts = new Map<readonly Hop[], string>();
  return (hops) => {
    let text = texts.get(hops);
    if (text === undefined) {
      text = describeBlocking(hops);
      texts.set(hops, text);
    }
    return text;
  };
}

/**
 * "subnet-a (ap-northeast-1a) and subnet-c (ap-northeast-1c): hop; hop", subnets with the same hops merged, each hop
 * pointing at the rule that owns it.
 */
export function hopsBySubnet(results: readonly PathResult[], describe: (hops: readonly Hop[]) => string = describeBlocking): string {
  if (results.length === 1) return `${subnetLabel(results[0]!)}: ${describe(results[0]!.blocking)}`;
  const bySubnet = new Map<string, string[]>();
  for (const r of results) {
    const text = describe(r.blocking);
    const subnets = bySubnet.get(text);
    if (subnets === undefined) bySubnet.set(text, [subnetLabel(r)]);
    else subnets.push(subnetLabel(r));
  }
  let merged = "";
  for (const [text, subnets] of bySubnet) merged += `${merged === "" ? "" : " | "}${listing(subnets)}: ${text}`;
  return merged;
}
