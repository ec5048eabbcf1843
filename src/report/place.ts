import type { Finding } from "../engine/types.js";
import type { ReportContext, SourcePlace } from "./context.js";

/**
 * Where a template or plan defines what a finding is about: its resource, else the first function it affects that the
 * input defines (a note on a subnet the template only imports points at the function that names it). Undefined when
 * the scan read no template, or the input defines none of them.
 */
export function findingPlace(finding: Finding, context: Pick<ReportContext, "sourcePlace">): SourcePlace | undefined {
  const placeOf = context.sourcePlace;
  if (placeOf === undefined) return undefined;
  const own = placeOf(finding.resource);
  if (own !== undefined) return own;
  const { account, region } = finding.resource;
  for (const fn of finding.affected?.functions ?? []) {
    const at = placeOf({ type: "lambda-function", id: fn.name, ...(fn.arn === undefined ? {} : { arn: fn.arn }), account, region });
    if (at !== undefined) return at;
  }
  return undefined;
}
