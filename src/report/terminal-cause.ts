import type { ChalkInstance } from "chalk";
import type { Finding } from "../engine/types.js";
import type { Hop, PathResult } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import { naturalCompare } from "../text/natural.js";
import { hasUnsafeCharacters, visible } from "../text/visible.js";
import type { ReportContext } from "./context.js";
import { displayWidth, wrap, wrapCommand, type Span } from "./layout.js";
import { findingPlace } from "./place.js";
import { functionsOf, SUMMARY_RULES, type AffectedFunction, type RootCause } from "./root-causes.js";
import { relativeSnapshotPath } from "./snapshot-path.js";
import { ESCAPED_COMMANDS, plural, STATUS_MARK } from "./text.js";

/** What every part of the terminal report reads. */
export interface Term {
  readonly chalk: ChalkInstance;
  readonly width: number;
  readonly verbose: boolean;
  readonly context: ReportContext;
  /** The blocked paths by function (ARN, else name) and service: where a summary's hops are, subnet by subnet. */
  readonly blockedPaths: ReadonlyMap<string, readonly PathResult[]>;
  /** The shown findings (not summaries) that report each blocking hop (by hopKey), for the functions they affect. */
  readonly reporters: ReadonlyMap<string, readonly Finding[]>;
}

/** A hop as findings report it: component, code, direction and detail. */
export function hopKey(hop: Hop): string {
  return [hop.component.type, hop.component.id, hop.code, hop.direction ?? "", hop.detail].join("\u0000");
}

export function blockedPathKey(functionId: string, service: string): string {
  return `${functionId}\u0000${service}`;
}

export function severityStyle(chalk: ChalkInstance, severity: Severity): (text: string) => string {
  return severity === "error" ? chalk.red.bold : severity === "warning" ? chalk.yellow.bold : chalk.blue;
}

function hopStyle(chalk: ChalkInstance, hop: Hop): (text: string) => string {
  return hop.status === "fail" ? chalk.red : hop.status === "unknown" ? chalk.yellow : hop.status === "pass" ? chalk.green : chalk.dim;
}

const INDENT = "  ";
const HANG = "    ";
/** Default caps, lifted by --verbose: hops shown per root cause, lines of function names. */
const HOPS_SHOWN = 3;
const NAME_LINES = 2;

function isProblem(hop: Hop): boolean {
  return hop.status === "fail" || hop.status === "unknown";
}

/** The hops to show: the blocking ones, each component and code once; with --verbose, every distinct hop of the evidence. */
function shownHops(findings: readonly Finding[], verbose: boolean): Hop[] {
  const seen = new Set<string>();
  const hops: Hop[] = [];
  for (const finding of findings) {
    for (const hop of finding.evidence) {
      if (!verbose && !isProblem(hop)) continue;
      const key = [hop.component.type, hop.component.id, hop.code, hop.direction ?? "", verbose ? hop.detail : ""].join("\u0000");
      if (seen.has(key)) continue;
      seen.add(key);
      hops.push(hop);
    }
  }
  return hops;
}

function resourceLabel(finding: Finding): string {
  return visible(finding.resource.id);
}

/** The headline's text: severity, rule, resource, what is wrong, the function (or how many), marks (new, suppressed, place). */
function headline(t: Term, cause: RootCause): Span[] {
  const { chalk } = t;
  const lead = cause.lead;
  const single = cause.findings.length === 1;
  const spans: Span[] = [{ text: cause.severity, style: severityStyle(chalk, cause.severity) }, { text: " " }, { text: lead.ruleId, style: chalk.bold }];
  if (single) spans.push({ text: ` ${resourceLabel(lead)}` });
  spans.push({ text: `: ${visible(lead.headline ?? lead.message)}` });
  const count = cause.functions.length;
  const onOwn = single && !cause.component;
  if (count === 1 && !onOwn) spans.push({ text: ` · ${visible(cause.functions[0]!.name)}`, style: chalk.dim });
  else if (count > 1) spans.push({ text: ` · ${plural(count, "function")}`, style: chalk.dim });
  const all = [...cause.findings, ...cause.absorbed];
  if (all.some((f) => f.baselineState === "new")) spans.push({ text: " · " }, { text: "new", style: chalk.magenta.bold });
  if (lead.suppression) spans.push({ text: ` · suppressed: ${visible(lead.suppression.reason)}`, style: chalk.dim });
  if (lead.expiredSuppression) spans.push({ text: ` · suppression expired ${visible(lead.expiredSuppression.expires)}`, style: chalk.dim });
  const place = findingPlace(lead, t.context);
  if (place !== undefined) spans.push({ text: ` · ${visible(relativeSnapshotPath(place.path, t.context.workingDirectory))}:${place.line}`, style: chalk.dim });
  return spans;
}

/** "a, b and c", or as many names as fit in `lines` lines followed by "… and N more". */
function names(t: Term, functions: readonly AffectedFunction[], label: string): string[] {
  const all = functions.map((f) => visible(f.name));
  const room = t.width * NAME_LINES - INDENT.length - HANG.length * (NAME_LINES - 1) - label.length - 2;
  let shown = all;
  if (!t.verbose) {
    let used = 0;
    let count = 0;
    for (const name of all) {
      const cost = displayWidth(name) + 2;
      if (count > 0 && used + cost + 20 > room) break;
      used += cost;
      count += 1;
    }
    shown = all.slice(0, count);
  }
  const rest = all.length - shown.length;
  const text = rest > 0 ? `${shown.join(", ")} … and ${rest} more (--verbose lists them)` : shown.join(", ");
  return wrap([{ text: `${label}:`, style: t.chalk.dim }, ` ${text}`], t.width, INDENT, HANG);
}

/** "functions", or with the severities when they differ: "functions (4 errors, 2 notes)". */
function functionsLabel(cause: RootCause): string {
  const severities = new Set(cause.findings.map((f) => f.severity));
  if (severities.size <= 1) return "functions";
  const counts = (["error", "warning", "note"] as const).flatMap((s) => {
    const n = cause.findings.filter((f) => f.severity === s).length;
    return n === 0 ? [] : [plural(n, s)];
  });
  return `functions (${counts.join(", ")})`;
}

/** Summaries listed under the root cause: "→ no path to kms left for 8 of them (lambda-no-kms-path: 6 errors, 2 notes)". */
function absorbedLines(t: Term, cause: RootCause): string[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of cause.absorbed) {
    const key = `${finding.ruleId}\u0000${finding.key ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const who = group.length === 1 ? visible(first.resource.id) : group.length === cause.functions.length ? (group.length === 2 ? "both of them" : `all ${group.length} of them`) : `${group.length} of them`;
    const counts = (["error", "warning", "note"] as const).flatMap((s) => {
      const n = group.filter((f) => f.severity === s).length;
      return n === 0 ? [] : [plural(n, s)];
    });
    lines.push(...wrap([{ text: "→", style: t.chalk.dim }, ` so ${who} ${group.length === 1 ? "has" : "have"} no path to ${visible(first.key ?? "the service")} (${first.ruleId}: ${counts.join(", ")})`], t.width, INDENT, HANG));
  }
  return lines;
}

/** The fix: its commands (wrapped so that they still paste as one command each), else what to check, else the rule's advice. */
function fixLines(t: Term, cause: RootCause): string[] {
  const { chalk } = t;
  const lead = cause.lead;
  const commands = lead.remediation.commands;
  if (commands.length > 0) {
    const lines: string[] = [];
    for (const command of commands) {
      // A comment or a value to set is not a command to run: no prompt mark.
      const mark = command.startsWith("#") ? "" : `${chalk.cyan("$")} `;
      lines.push(...wrapCommand(visible(command), t.width, `${INDENT}${mark}`, `${INDENT}${mark === "" ? "" : "    "}`, chalk.cyan));
    }
    if (commands.some(hasUnsafeCharacters)) lines.push(...wrap({ text: ESCAPED_COMMANDS, style: chalk.dim }, t.width, INDENT));
    return lines;
  }
  const settings = [...new Set(shownHops(cause.findings, false).flatMap((h) => (h.setting === undefined ? [] : [visible(h.setting)])))];
  if (settings.length > 0) return wrap([{ text: "check:", style: chalk.dim }, ` ${settings.join("; ")}`], t.width, INDENT, HANG);
  return lead.remediation.text === "" ? [] : wrap([{ text: "fix:", style: chalk.dim }, ` ${visible(lead.remediation.text)}`], t.width, INDENT, HANG);
}

function hopShape(hop: Hop): string {
  return [hop.component.type, hop.component.id, hop.code, hop.direction ?? ""].join("\u0000");
}

/** For summaries: the subnets whose blocked path each hop (by component and code) is on. */
function subnetsOfHops(t: Term, cause: RootCause): Map<string, string[]> {
  const where = new Map<string, Set<string>>();
  for (const finding of cause.findings) {
    const fnId = finding.resource.arn ?? finding.resource.id;
    for (const path of t.blockedPaths.get(blockedPathKey(fnId, finding.key ?? "")) ?? []) {
      for (const hop of path.blocking) {
        const key = hopShape(hop);
        where.set(key, (where.get(key) ?? new Set()).add(path.subnetId));
      }
    }
  }
  return new Map([...where].map(([key, subnets]) => [key, [...subnets].sort(naturalCompare)]));
}

/** The shown findings (not summaries) that report the hop for the root cause's functions. */
function reportersOf(t: Term, cause: RootCause, hop: Hop): Finding[] {
  const functions = new Set(cause.functions.map((f) => f.arn ?? f.name));
  return (t.reporters.get(hopKey(hop)) ?? []).filter((f) => functionsOf(f).some((fn) => functions.has(fn.arn ?? fn.name)));
}

/**
 * The evidence to show: the blocking hops; without --verbose, not the "no endpoint" hop when the fix creates that
 * endpoint and another hop says why the traffic fails (it says "no endpoint takes the traffic" itself).
 */
function evidenceHops(cause: RootCause, verbose: boolean): Hop[] {
  const hops = shownHops(cause.findings, verbose);
  if (verbose || cause.lead.remediation.commands.length === 0) return hops;
  const others = hops.filter((h) => h.code !== "NO_ENDPOINT");
  return others.length > 0 ? others : hops;
}

/** A root cause the same fix also ends, in one line: "also note nat-where-privatelink: kms calls go out through NAT ...". */
function alsoLine(t: Term, cause: RootCause): Span[] {
  const { chalk } = t;
  const spans: Span[] = [
    { text: "also ", style: chalk.dim },
    { text: cause.severity, style: severityStyle(chalk, cause.severity) },
    { text: " " },
    { text: cause.lead.ruleId, style: chalk.bold },
    { text: `: ${visible(cause.lead.headline ?? cause.lead.message)}` },
  ];
  if ([...cause.findings, ...cause.absorbed].some((f) => f.baselineState === "new")) spans.push({ text: " · " }, { text: "new", style: chalk.magenta.bold });
  return spans;
}

/** Ids such as rtb-0a1b2c3d4e5f60001 or nat-[Logical], which make hop details about different components differ. */
const ID = /\b[a-z]+(?:-[a-z]+)*-(?:[0-9a-f]{8,17}|\[[^\]]*\])/g;

/** Hops that say the same thing about different components (one per subnet, one per NAT gateway): shown once. */
function alike(hops: readonly Hop[]): { hop: Hop; others: Hop[] }[] {
  const groups = new Map<string, { hop: Hop; others: Hop[] }>();
  for (const hop of hops) {
    const key = `${hop.status}\u0000${hop.code}\u0000${hop.detail.replace(ID, "#")}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { hop, others: [] });
    else group.others.push(hop);
  }
  return [...groups.values()];
}

/**
 * The evidence: each blocking hop once (hops alike in all but their ids once, naming the others' components), at most
 * a few without --verbose; for a summary, the subnets each blocks, and a hop another shown finding reports only named.
 */
function evidenceLines(t: Term, cause: RootCause): string[] {
  const { chalk } = t;
  const lines: string[] = [];
  const hops = evidenceHops(cause, t.verbose);
  const summary = SUMMARY_RULES.has(cause.lead.ruleId);
  const where = summary ? subnetsOfHops(t, cause) : undefined;
  const at = (subnets: readonly string[]) => (subnets.length === 0 ? "" : subnets.length <= 2 || t.verbose ? `${subnets.map(visible).join(", ")}: ` : `${subnets.length} subnets: `);
  const reported = new Map<string, { hop: Hop; subnets: Set<string>; ids: Set<string> }>();
  const own: Hop[] = [];
  for (const hop of hops) {
    const reporters = summary ? reportersOf(t, cause, hop) : [];
    if (reporters.length === 0) {
      own.push(hop);
      continue;
    }
    const ruleId = reporters[0]!.ruleId;
    const entry = reported.get(ruleId) ?? { hop, subnets: new Set<string>(), ids: new Set<string>() };
    for (const subnet of where?.get(hopShape(hop)) ?? []) entry.subnets.add(subnet);
    for (const reporter of reporters) if (reporter.ruleId === ruleId) entry.ids.add(reporter.resource.id);
    reported.set(ruleId, entry);
  }
  const items = t.verbose ? own.map((hop) => ({ hop, others: [] as Hop[] })) : alike(own);
  const kept = t.verbose ? items : items.slice(0, HOPS_SHOWN);
  for (const { hop, others } of kept) {
    const subnets = [...new Set([hop, ...others].flatMap((h) => where?.get(hopShape(h)) ?? []))].sort(naturalCompare);
    const detail = visible(hop.detail);
    const text = others.length === 0 ? detail : `${detail.replace(/\.$/, "")} (likewise ${[...new Set(others.map((h) => visible(h.component.id)))].join(", ")}).`;
    lines.push(...wrap([{ text: STATUS_MARK[hop.status], style: hopStyle(chalk, hop) }, ` ${at(subnets)}${text}`], t.width, INDENT, HANG));
  }
  if (kept.length < items.length) lines.push(`${INDENT}${chalk.dim(`… and ${plural(items.length - kept.length, "more hop")} (--verbose shows them)`)}`);
  for (const [ruleId, entry] of reported) {
    const subnets = [...entry.subnets].sort(naturalCompare);
    const ids = [...entry.ids].sort(naturalCompare).map(visible);
    const named = ids.length <= 3 || t.verbose ? ids.join(", ") : `${ids.slice(0, 2).join(", ")} and ${ids.length - 2} more`;
    lines.push(...wrap([{ text: STATUS_MARK[entry.hop.status], style: hopStyle(chalk, entry.hop) }, ` ${at(subnets)}`, { text: `see ${ruleId}`, style: chalk.bold }, ` ${named}`], t.width, INDENT, HANG));
  }
  return lines;
}

/**
 * One root cause: the headline, a few lines of evidence, the functions, the root causes the same fix also ends (each on
 * its headline line), and one fix block.
 */
export function causeLines(t: Term, cause: RootCause, alsoFixes: readonly RootCause[] = []): string[] {
  const lines = wrap(headline(t, cause), t.width, "", HANG);
  if (cause.lead.suppression) return lines;
  // The full message, where the headline is a summary of it.
  if (t.verbose) for (const finding of cause.findings) if (finding.headline !== undefined) lines.push(...wrap(visible(finding.message), t.width, INDENT, INDENT));
  lines.push(...evidenceLines(t, cause));
  if (cause.functions.length > 1) lines.push(...names(t, cause.functions, functionsLabel(cause)));
  lines.push(...absorbedLines(t, cause));
  for (const other of alsoFixes) lines.push(...wrap(alsoLine(t, other), t.width, INDENT, HANG));
  lines.push(...fixLines(t, cause));
  return lines;
}
