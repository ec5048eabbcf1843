import type { Finding } from "../engine/types.js";
import { globMatcher } from "./glob.js";
import type { Suppression } from "./types.js";

/** "Today" as the scan sees it: the UTC calendar date, YYYY-MM-DD. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Expired when its last day is before today (the expiry date itself still suppresses). */
export function isExpired(suppression: Suppression, today: string): boolean {
  return suppression.expires !== undefined && suppression.expires < today;
}

/**
 * The rule matches, and the pattern matches the finding's resource (id or ARN) or, for a finding about a component
 * that affects functions (a security group, a VPC...), every function it affects (name or ARN): a suppression written
 * for some functions keeps covering a finding about what they share, as long as it concerns only them.
 */
function matcher(suppression: Suppression): (finding: Finding) => boolean {
  const resource = globMatcher(suppression.resource);
  const named = (id: string, arn: string | undefined) => resource(id) || (arn !== undefined && resource(arn));
  return (finding) => {
    if (suppression.rule !== "*" && suppression.rule !== finding.ruleId) return false;
    if (named(finding.resource.id, finding.resource.arn)) return true;
    const functions = finding.affected?.functions ?? [];
    return finding.resource.type !== "lambda-function" && functions.length > 0 && functions.every((f) => named(f.name, f.arn));
  };
}

/**
 * Marks findings matched by a live suppression (they stay in the report, out of counts and --fail-on). A finding
 * matched only by expired suppressions is not suppressed: it carries the first of them and its message says so.
 */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], today: string): Finding[] {
  const compiled = suppressions.map((s) => ({ suppression: s, matches: matcher(s) }));
  return findings.map((finding) => {
    const matching = compiled.filter((c) => c.matches(finding)).map((c) => c.suppression);
    const live = matching.find((s) => !isExpired(s, today));
    if (live !== undefined) {
      return { ...finding, suppression: { reason: live.reason, ...(live.expires === undefined ? {} : { expires: live.expires }), source: live.source } };
    }
    const expired = matching[0];
    if (expired?.expires === undefined) return finding;
    return {
      ...finding,
      message: `${finding.message} [Suppression expired on ${expired.expires} (${expired.source}): ${expired.reason}]`,
      expiredSuppression: { reason: expired.reason, expires: expired.expires, source: expired.source },
    };
  });
}
