import type { Finding } from "../engine/types.js";
import type { Hop } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import { naturalCompare } from "../text/natural.js";
import { severityRank } from "./order.js";

/** The function-level summaries: each blocking hop they name is another rule's finding. */
export const SUMMARY_RULES: ReadonlySet<string> = new Set(["lambda-no-kms-path", "lambda-no-service-path"]);

export interface AffectedFunction {
  readonly name: string;
  readonly arn?: string;
}

/**
 * A problem as people triage it: one thing to change (a security group, a network ACL, a VPC's missing endpoint) with
 * every finding it explains. The terminal report shows one section per root cause; the other formats keep every
 * finding (a finding about a component already lists the functions it affects).
 */
export interface RootCause {
  /** The most severe of its findings. */
  readonly severity: Severity;
  /** The finding whose headline, evidence and fix stand for the root cause. */
  readonly lead: Finding;
  /**
   * The lead and the findings of the same shape shown with it: function findings of one rule with the same headline and
   * the same fix (or none), or function summaries with the same fix (one endpoint for a VPC) or the same blocking hops,
   * whatever their severity (a KMS path is an error only for functions known to call KMS).
   */
  readonly findings: readonly Finding[];
  /** Function summaries (SUMMARY_RULES) whose every blocking hop this root cause's findings report: listed, not repeated. */
  readonly absorbed: readonly Finding[];
  /** True when the lead is about a component (not a function). */
  readonly component: boolean;
  /** Every function concerned, in natural order. */
  readonly functions: readonly AffectedFunction[];
}

function isProblem(hop: Hop): boolean {
  return hop.status === "fail" || hop.status === "unknown";
}

function hopId(hop: Hop): string {
  return [hop.component.type, hop.component.id, hop.code, hop.direction ?? "", hop.detail].join("\u0000");
}

function hopShape(hop: Hop): string {
  return [hop.component.type, hop.component.id, hop.code].join("\u0000");
}

function functionId(fn: AffectedFunction): string {
  return fn.arn ?? fn.name;
}

/** The functions a finding is about: those it affects, or the function it is on. */
export function functionsOf(finding: Finding): AffectedFunction[] {
  const listed = finding.affected?.functions ?? [];
  if (listed.length > 0) return [...listed];
  if (finding.resource.type !== "lambda-function") return [];
  return [finding.resource.arn === undefined ? { name: finding.resource.id } : { name: finding.resource.id, arn: finding.resource.arn }];
}

function unionOfFunctions(findings: readonly Finding[]): AffectedFunction[] {
  const byId = new Map<string, AffectedFunction>();
  for (const finding of findings) for (const fn of functionsOf(finding)) if (!byId.has(functionId(fn))) byId.set(functionId(fn), fn);
  return [...byId.values()].sort((a, b) => naturalCompare(a.name, b.name) || naturalCompare(a.arn ?? "", b.arn ?? ""));
}

function mostSevere(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>((worst, f) => (severityRank(f.severity) < severityRank(worst) ? f.severity : worst), "note");
}

function suppressionKey(finding: Finding): string {
  return finding.suppression === undefined ? "" : `suppressed\u0000${finding.suppression.reason}`;
}

/** Which findings are shown together (see RootCause.findings); a component finding is its own root cause. */
function shapeKey(finding: Finding): string {
  const commands = finding.remediation.commands.join("\n");
  if (SUMMARY_RULES.has(finding.ruleId)) {
    const hops = commands !== "" ? "" : [...new Set(finding.evidence.filter(isProblem).map(hopShape))].sort().join("\u0001");
    return ["summary", finding.ruleId, finding.key ?? "", commands, hops, suppressionKey(finding)].join("\u0002");
  }
  if (finding.resource.type !== "lambda-function") return `component\u0002${finding.fingerprint}`;
  return ["function", finding.ruleId, finding.severity, finding.headline ?? finding.message, commands, suppressionKey(finding)].join("\u0002");
}

function compareFindingsByName(a: Finding, b: Finding): number {
  return naturalCompare(a.resource.id, b.resource.id) || naturalCompare(a.key ?? "", b.key ?? "") || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);
}

interface Draft {
  readonly findings: Finding[];
  readonly absorbed: Finding[];
}

function compareCauses(a: RootCause, b: RootCause): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    Number(b.component) - Number(a.component) ||
    b.functions.length - a.functions.length ||
    (a.lead.ruleId < b.lead.ruleId ? -1 : a.lead.ruleId > b.lead.ruleId ? 1 : 0) ||
    compareFindingsByName(a.lead, b.lead)
  );
}

/**
 * The findings (without those a baseline lists as gone) as root causes, most severe first, then those about components
 * before those about single functions, then by how many functions each concerns. A function summary is absorbed by the
 * root cause of the most severe finding that reports one of its blocking hops when other findings report all of them
 * and it has no command of its own; otherwise it is shown, grouped with the summaries of the same fix or the same hops.
 */
export function rootCauses(all: readonly Finding[]): RootCause[] {
  const findings = [...all].filter((f) => f.baselineState !== "absent").sort(compareFindingsByName);
  const drafts = new Map<string, Draft>();
  const draftOf = new Map<Finding, Draft>();
  const summaries: Finding[] = [];
  for (const finding of findings) {
    if (SUMMARY_RULES.has(finding.ruleId)) {
      summaries.push(finding);
      continue;
    }
    const key = shapeKey(finding);
    let draft = drafts.get(key);
    if (draft === undefined) drafts.set(key, (draft = { findings: [], absorbed: [] }));
    draft.findings.push(finding);
    draftOf.set(finding, draft);
  }
  // Which shown findings report each blocking hop, for the functions they affect.
  const reporters = new Map<string, Finding[]>();
  for (const finding of draftOf.keys()) {
    for (const hop of finding.evidence) {
      if (!isProblem(hop)) continue;
      const list = reporters.get(hopId(hop));
      if (list === undefined) reporters.set(hopId(hop), [finding]);
      else if (!list.includes(finding)) list.push(finding);
    }
  }
  for (const summary of summaries) {
    const host = hostOf(summary, reporters);
    if (host !== undefined) {
      draftOf.get(host)!.absorbed.push(summary);
      continue;
    }
    const key = shapeKey(summary);
    let draft = drafts.get(key);
    if (draft === undefined) drafts.set(key, (draft = { findings: [], absorbed: [] }));
    draft.findings.push(summary);
  }
  const causes = [...drafts.values()].map((draft): RootCause => {
    const lead = draft.findings[0]!;
    return {
      severity: mostSevere([...draft.findings, ...draft.absorbed]),
      lead,
      findings: draft.findings,
      absorbed: draft.absorbed,
      component: lead.resource.type !== "lambda-function",
      functions: unionOfFunctions([...draft.findings, ...draft.absorbed]),
    };
  });
  return causes.sort(compareCauses);
}

/** The finding that takes a summary in: the most severe reporting one of its hops, when reporters cover every hop. */
function hostOf(summary: Finding, reporters: ReadonlyMap<string, readonly Finding[]>): Finding | undefined {
  // A fix of its own keeps it apart; comments alone (why no command, "fix the hops") are no fix of its own.
  if (summary.remediation.commands.some((c) => !c.startsWith("#"))) return undefined;
  const hops = summary.evidence.filter(isProblem);
  if (hops.length === 0) return undefined;
  const own = new Set(functionsOf(summary).map(functionId));
  const concerns = (finding: Finding) => functionsOf(finding).some((fn) => own.has(functionId(fn)));
  let host: Finding | undefined;
  for (const hop of hops) {
    const candidates = (reporters.get(hopId(hop)) ?? []).filter(concerns);
    if (candidates.length === 0) return undefined;
    for (const candidate of candidates) if (host === undefined || severityRank(candidate.severity) < severityRank(host.severity)) host = candidate;
  }
  return host;
}
