import type { CallGap, RegionIndex } from "../model/model.js";
import type { Rule } from "../rules/types.js";

export function describeGap(gap: CallGap): string {
  if (gap.reason === "failed") {
    return gap.error ? `${gap.call} failed: ${gap.error.code} (${gap.error.message})` : `${gap.call} failed`;
  }
  return `${gap.call} was not collected`;
}

/** Why the rule can't be evaluated in the region, or undefined when all the calls it reads are there. */
export function missingEvidence(rule: Rule, region: RegionIndex): string | undefined {
  const reasons = rule.meta.requires.flatMap((call) => {
    const gap = region.gaps.get(call);
    return gap === undefined ? [] : [describeGap(gap)];
  });
  return reasons.length === 0 ? undefined : reasons.join("; ");
}
