/**
 * The fix checker: a finding's printed commands, run in a real shell against a stub `aws`, applied to a copy of the
 * snapshot by the simulator, then the account scanned again. A fix is proven when its finding is gone and no new
 * error appeared. Every step that can't be taken (an option the CLI lacks, a call AWS would refuse, a value the
 * account can't supply, a command the simulator doesn't know) is a failure with the reason.
 */
import { scan } from "../../../src/engine/scan.js";
import type { Finding, ScanOptions, ScanResult } from "../../../src/engine/types.js";
import type { Hop } from "../../../src/model/types.js";
import { buildRegionIndex } from "../../../src/model/region-index.js";
import { parseSnapshot } from "../../../src/snapshot/load.js";
import type { Snapshot } from "../../../src/snapshot/types.js";
import { answerChoices } from "./choose.js";
import { ownerOf } from "../../../src/rules/support/owner.js";
import { evaluateQuery, parseCli } from "./cli-args.js";
import { CAPTURED, runFixLines } from "./run-fix.js";
import { optionsOf, RegionSimulator } from "./simulator.js";

export type FixVerdict =
  /** The finding is gone and no new error appeared. */
  | "proven"
  /** Only a note resting on unknown hops remains: what the fix deliberately left alone (a deny, a partial rule). */
  | "reduced-to-a-maybe"
  /** No command: a note, or a comment saying why nothing is printed (a deny to review). */
  | "no-command"
  /** No command of its own: proven by applying the fixes of the findings that own its hops. */
  | "proven-by-owners";

export interface FixCheck {
  readonly verdict: FixVerdict;
  /** The AWS calls the fix made, after the ids were mapped. */
  readonly calls: readonly (readonly string[])[];
  /**
   * New errors the fix brought to light on paths that were broken before it (the next problem of a component the fix
   * replaced, say), as "rule on resource". Never on a path that worked: that fails the check.
   */
  readonly revealed: readonly string[];
}

export class FixFailure extends Error {}

/** A line that runs an AWS call changing something: not a comment, a value to choose, or a read (describe, get, list, wait). */
function changes(line: string): boolean {
  const call = /^(?:[A-Z_][A-Z0-9_]*=\$\()?aws \S+ (\S+)/.exec(line);
  return call !== null && !/^(describe-|get-|list-|wait$)/.test(call[1]!);
}

export function hasCommand(finding: Finding): boolean {
  return finding.remediation.commands.some(changes);
}

function describe(finding: Finding): string {
  return `${finding.ruleId} on ${finding.resource.id}${finding.key === undefined ? "" : ` (${finding.key})`}`;
}

export interface CheckOptions {
  readonly scan?: ScanOptions;
  /** The shells the lines run in (all must give the same calls): sh and bash unless said otherwise. */
  readonly shells?: readonly ("sh" | "bash")[];
}

/** Runs the lines in each shell (which must agree), and applies the calls to a copy of the snapshot. */
export function applyFix(snapshot: Snapshot, lines: readonly string[], account: string, region: string, shells: readonly ("sh" | "bash")[] = ["sh", "bash"]): { after: Snapshot; calls: string[][] } {
  const answered = answerChoices(lines, snapshot, account, region);
  const runs = shells.map((shell) => runFixLines(answered, shell));
  const sh = runs[0]!;
  for (const [i, other] of runs.entries()) {
    if (JSON.stringify(other.calls) !== JSON.stringify(sh.calls)) throw new FixFailure(`${shells[0]} and ${shells[i]} run the fix differently:\n${JSON.stringify(sh.calls)}\n${JSON.stringify(other.calls)}`);
  }
  const after = JSON.parse(JSON.stringify(snapshot)) as Snapshot;
  const simulator = new RegionSimulator(after, account, region);
  const ids = new Map<string, string>();
  const calls: string[][] = [];
  sh.calls.forEach((raw, i) => {
    const argv = raw.map((word) =>
      word.replace(CAPTURED, (token) => {
        const id = ids.get(token);
        if (id === undefined) throw new FixFailure(`call ${i + 1} uses ${token}, which no earlier call created: ${JSON.stringify(raw)}`);
        return id;
      }),
    );
    calls.push(argv);
    let response: unknown;
    try {
      response = simulator.apply(parseCli(argv, optionsOf));
    } catch (error) {
      throw new FixFailure(`call ${i + 1} fails: ${(error as Error).message}\n  ${argv.join(" ")}`);
    }
    const query = argv.indexOf("--query");
    if (query >= 0) {
      const value = evaluateQuery(response, argv[query + 1]!);
      if (typeof value !== "string" || value === "") throw new FixFailure(`call ${i + 1}: --query ${argv[query + 1]} yields ${JSON.stringify(value)} from ${JSON.stringify(response)}`);
      ids.set(`fixid-${i + 1}`, value);
    }
  });
  // The changed snapshot must still be one kms-audit accepts (ids unique, references resolved).
  try {
    parseSnapshot(JSON.stringify(after), "after-fix.json");
  } catch (error) {
    throw new FixFailure(`the account after the fix is not a valid snapshot: ${(error as Error).message}`);
  }
  return { after, calls };
}

function sameHop(a: Hop, b: Hop): boolean {
  return a.component.id === b.component.id && a.code === b.code && a.direction === b.direction;
}

function newErrors(before: ScanResult, after: ScanResult): Finding[] {
  const errors = new Set(before.findings.filter((f) => f.severity === "error").map((f) => f.fingerprint));
  return after.findings.filter((f) => f.severity === "error" && !errors.has(f.fingerprint));
}

/** Each subnet's routes as destination texts (propagated routes stand for their gateway), through its route table. */
function subnetRoutes(snapshot: Snapshot, account: string, region: string): Map<string, Set<string>> {
  const index = buildRegionIndex(account, region, snapshot.accounts[account]!.regions[region]!.calls);
  const routes = new Map<string, Set<string>>();
  for (const subnetId of index.subnets.keys()) {
    const table = index.routeTableFor(subnetId);
    const destinations = new Set<string>();
    for (const route of table?.Routes ?? []) {
      if (route.Origin === "EnableVgwRoutePropagation") continue;
      destinations.add(route.DestinationCidrBlock ?? route.DestinationPrefixListId ?? route.DestinationIpv6CidrBlock ?? "?");
    }
    for (const vgw of table?.PropagatingVgws ?? []) destinations.add(`propagated from ${vgw.GatewayId}`);
    routes.set(subnetId, destinations);
  }
  return routes;
}

/** A fix may re-target routes, never take one away from a subnet: other traffic depends on them. */
function assertRoutesKept(before: Snapshot, after: Snapshot, account: string, region: string): void {
  const old = subnetRoutes(before, account, region);
  const now = subnetRoutes(after, account, region);
  for (const [subnetId, destinations] of old) {
    const lost = [...destinations].filter((d) => !(now.get(subnetId)?.has(d) ?? false));
    if (lost.length > 0) throw new FixFailure(`the fix takes routes away from ${subnetId}: ${lost.join(", ")}`);
  }
}

/** A path that worked before the fix must still work. */
function assertPathsKept(before: ScanResult, after: ScanResult): void {
  const key = (p: ScanResult["paths"][number]) => `${p.function.arn ?? p.function.id} ${p.subnetId} ${p.service}`;
  const now = new Map(after.paths.map((p) => [key(p), p.verdict]));
  for (const path of before.paths) {
    if (!path.verdict.startsWith("reachable")) continue;
    const verdict = now.get(key(path));
    if (verdict === undefined || !verdict.startsWith("reachable")) throw new FixFailure(`the fix breaks a working path: ${path.functionName} from ${path.subnetId} to ${path.service} was ${path.verdict}, is ${verdict ?? "gone"}`);
  }
}

/**
 * A new error is harm unless every hop it rests on was already failing before the fix, where no rule reported it (a
 * replaced endpoint's security group that never admitted HTTPS, say): the fix brought a problem to light, it made none.
 * An error on a hop the fix made fail (a NAT gateway routed to itself) or on no hop at all is harm.
 */
function revealedOnly(error: Finding, before: ScanResult): boolean {
  const failing = before.paths.flatMap((p) => p.blocking);
  return error.evidence.length > 0 && error.evidence.every((h) => failing.some((b) => b.status === h.status && sameHop(b, h)));
}

function judge(finding: Finding, before: ScanResult, after: ScanResult): { verdict: "proven" | "reduced-to-a-maybe"; revealed: string[] } {
  if (after.toolErrors.length > 0) throw new FixFailure(`the scan after the fix reports tool errors: ${JSON.stringify(after.toolErrors)}`);
  assertPathsKept(before, after);
  const appeared = newErrors(before, after);
  const harm = appeared.filter((f) => !revealedOnly(f, before));
  if (harm.length > 0) throw new FixFailure(`the fix of ${describe(finding)} causes new errors:\n${harm.map((f) => `  ${describe(f)}: ${f.message}`).join("\n")}`);
  const revealed = appeared.map(describe);
  const remaining = after.findings.find((f) => f.fingerprint === finding.fingerprint);
  if (remaining === undefined) return { verdict: "proven", revealed };
  const onlyMaybe = remaining.severity === "note" && remaining.evidence.length > 0 && remaining.evidence.every((h) => h.status === "unknown");
  // What definitely failed is fixed; what remains is a maybe the fix deliberately leaves (a deny of one address, say).
  if (onlyMaybe && finding.evidence.some((h) => h.status === "fail")) return { verdict: "reduced-to-a-maybe", revealed };
  throw new FixFailure(`the fix of ${describe(finding)} leaves the finding in place (${remaining.severity}): ${remaining.message}`);
}

/** Proves one finding's fix (or, for a summary without commands, the fixes of the findings owning its hops). */
export function checkFinding(snapshot: Snapshot, finding: Finding, before: ScanResult, checkOptions: CheckOptions = {}): FixCheck {
  const { account, region } = finding.resource;
  const options = checkOptions.scan ?? {};
  if (hasCommand(finding)) {
    const { after, calls } = applyFix(snapshot, finding.remediation.commands, account, region, checkOptions.shells);
    assertRoutesKept(snapshot, after, account, region);
    return { ...judge(finding, before, scan(after, options)), calls };
  }
  // Owners may be in other accounts: a spoke function's summary points at a hub's route table or endpoint.
  // The owner of a shared hop is the rule ownerOf names, not another function's summary that shares the hop.
  const owners = before.findings.filter((f) => f !== finding && f.resource.region === region && f.evidence.some((h) => ownerOf(h) === f.ruleId && finding.evidence.some((e) => sameHop(e, h))));
  const explained = finding.remediation.commands.some((line) => line.startsWith("#"));
  // A chain that ends at a finding without commands (a deny to review) is explained there.
  const ownersExplain = owners.some((f) => !hasCommand(f) && f.remediation.commands.length > 0);
  if (owners.length === 0 || ownersExplain || finding.severity === "note") {
    if (finding.severity !== "note" && !explained && finding.evidence.length > 0) {
      throw new FixFailure(`${describe(finding)} (${finding.severity}) has no command, no comment saying why, and no other finding fixes its hops`);
    }
    return { verdict: "no-command", calls: [], revealed: [] };
  }
  // Each owner's commands run in its own account, one account after the other.
  let after = snapshot;
  const calls: string[][] = [];
  for (const owner of [...new Set(owners.map((f) => f.resource.account))].sort()) {
    const applied = applyFix(after, owners.filter((f) => f.resource.account === owner).flatMap((f) => f.remediation.commands), owner, region, checkOptions.shells);
    assertRoutesKept(after, applied.after, owner, region);
    after = applied.after;
    calls.push(...applied.calls);
  }
  const judged = judge(finding, before, scan(after, options));
  return { verdict: judged.verdict === "proven" ? "proven-by-owners" : judged.verdict, calls, revealed: judged.revealed };
}
