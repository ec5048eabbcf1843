/**
 * Hostile input for the report formats: the fixture snapshots with every id, name, tag and policy Sid carrying
 * attacker-chosen text, a failed call whose AWS error text is hostile, suppressions and a baseline whose reasons,
 * sources and messages are hostile, and a hostile snapshot path. The scan runs on them as on any snapshot.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseBaseline } from "../../../src/baseline/index.js";
import { applyBaseline } from "../../../src/baseline/index.js";
import { applySuppressions } from "../../../src/config/index.js";
import { scanWith } from "../../../src/engine/scan.js";
import type { ScanResult } from "../../../src/engine/types.js";
import { formatJson } from "../../../src/report/json.js";
import type { ReportContext } from "../../../src/report/index.js";
import { rules } from "../../../src/rules/index.js";
import type { Rule, Violation } from "../../../src/rules/types.js";
import { parseSnapshot } from "../../../src/snapshot/load.js";
import type { CallName, Snapshot } from "../../../src/snapshot/types.js";

/** Text that has steered terminals, shells, Markdown renderers and XML readers. */
export const PAYLOADS: readonly string[] = [
  "\u001b]0;pwned\u0007", // OSC 0: window title
  "\u001b[2J\u001b[H", // CSI 2J: wipe the screen, cursor home
  "\u001b]8;;https://evil.example/\u001b\\click here\u001b]8;;\u001b\\", // OSC 8: hidden hyperlink
  "innocent\rEVIL", // CR: overwrite the line
  "\u001b[1A\u001b[2K", // cursor up, erase line
  "\u009b2J", // 8-bit CSI
  "\u009d0;title\u009c", // 8-bit OSC ... ST
  "\u001bP+q\u001b\\", // DCS
  "\u0007\u0008\u007f\u0000",
  "line\nbreak",
  "crlf\r\n",
  "\t",
  "\u2028\u2029",
  "\u202eexe.txt", // RLO
  "\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff",
  "$(printf pwned)",
  "`printf pwned`",
  ";printf pwned;",
  "'\"\\",
  "${IFS}*",
  "@team",
  "@org/security-team",
  "ping @octocat now",
  "https://evil.example/login",
  "www.evil.example",
  "ops@corp.example",
  "#1",
  "owner/repo#12",
  "GH-7",
  "```",
  "~~~",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "![x](https://evil.example/x.png)",
  "| cell |",
  "*_~",
  "]]><!--",
  "&amp;&#64;",
  '"]; x["',
  "-->",
  "\ud800",
  "\udc00x",
  "東京 ✓",
];

/** One hostile string: a payload, arbitrary Unicode (controls and lone surrogates included), or a mix. */
export function hostileText(): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ unit: "binary", maxLength: 6 }));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...PAYLOADS) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }) },
    { weight: 3, arbitrary: fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("")) },
  );
}

export const FIXTURES: readonly string[] = readdirSync("fixtures")
  .filter((name) => name.endsWith(".snapshot.json"))
  .map((name) => name.slice(0, -".snapshot.json".length))
  .sort();

const GAP_CALLS: readonly CallName[] = ["DescribeAddresses", "DescribeNetworkAcls", "DescribeVpcAttribute", "DescribeRouteTables"];

export interface HostileCase {
  readonly fixture: string;
  /** Appended to every AWS id (vpc-..., subnet-..., sg-...), one per id in turn. */
  readonly idSuffixes: readonly string[];
  readonly functionName: string;
  /** Security group names and tag values. */
  readonly names: readonly string[];
  /** The Sid of a Deny statement added to each endpoint's policy, if any. */
  readonly denySid: string | undefined;
  /** A call that failed with this AWS error code and message. */
  readonly gap: { readonly call: CallName; readonly code: string; readonly message: string } | undefined;
  readonly suppression: { readonly reason: string; readonly source: string; readonly expiredReason: string; readonly expiredSource: string };
  /** Message text of the baseline's findings (they come back as fixed since the baseline). */
  readonly baselineText: string;
  readonly toolError: string;
  readonly snapshotFile: string;
}

export function hostileCase(fixtures: readonly string[] = FIXTURES): fc.Arbitrary<HostileCase> {
  const text = hostileText();
  return fc.record({
    fixture: fc.constantFrom(...fixtures),
    idSuffixes: fc.array(text, { minLength: 1, maxLength: 5 }),
    functionName: text,
    names: fc.array(text, { minLength: 1, maxLength: 3 }),
    denySid: fc.option(text, { nil: undefined }),
    gap: fc.option(fc.record({ call: fc.constantFrom(...GAP_CALLS), code: text, message: text }), { nil: undefined }),
    suppression: fc.record({ reason: text, source: text, expiredReason: text, expiredSource: text }),
    baselineText: text,
    toolError: text,
    snapshotFile: text.map((t) => `${t}.snapshot.json`),
  });
}

const AWS_ID = /\b(?:vpc|subnet|rtb|nat|igw|sg|acl|vpce|eipalloc|eipassoc|eni|tgw|dopt|i|pcx)-[0-9a-f][0-9a-z]*/g;
/** The functions of the fixtures (a landing zone's spokes run two, in different accounts): each gets the hostile name. */
const FUNCTION_NAMES = /decrypt-(?:orders|claims|invoices)/g;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Maps every string (keys too); `trail` is the object keys leading to it (array indices left out). */
function mapJson(value: Json, trail: readonly string[], f: (text: string, trail: readonly string[]) => string): Json {
  if (typeof value === "string") return f(value, trail);
  if (Array.isArray(value)) return value.map((item) => mapJson(item, trail, f));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k, []), mapJson(v, [...trail, k], f)]));
  }
  return value;
}

function policyWithDeny(sid: string): string {
  return JSON.stringify({
    Statement: [
      { Sid: sid, Effect: "Deny", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
      { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
    ],
  });
}

/**
 * The fixture with hostile text in every id (appended, so route targets keep their kind), the function's name
 * (replaced, in its ARN too), security group names and tag values (replaced), an endpoint policy Sid and a failed call.
 */
export function hostileSnapshotText(c: HostileCase): string {
  const base = JSON.parse(readFileSync(path.join("fixtures", `${c.fixture}.snapshot.json`), "utf8")) as Json;
  const suffixOf = new Map<string, string>();
  const suffix = (id: string) => {
    if (!suffixOf.has(id)) suffixOf.set(id, c.idSuffixes[suffixOf.size % c.idSuffixes.length] ?? "");
    return suffixOf.get(id) ?? "";
  };
  let named = 0;
  const nextName = () => c.names[named++ % c.names.length] ?? "";
  const mapped = mapJson(base, [], (text, trail) => {
    const [parent, key] = trail.slice(-2);
    if (key === "GroupName" || (parent === "Tags" && key === "Value")) return nextName();
    return text.replace(AWS_ID, (id) => `${id}${suffix(id)}`).replace(FUNCTION_NAMES, () => c.functionName);
  }) as { accounts: Record<string, { regions: Record<string, { calls: Record<string, Json> }> }> };
  for (const account of Object.values(mapped.accounts)) {
    for (const region of Object.values(account.regions)) {
      const calls = region.calls;
      const functions = (calls.ListFunctions as { data?: { Functions?: { Tags?: Record<string, string> }[] } }).data?.Functions ?? [];
      for (const fn of functions) fn.Tags = { ...fn.Tags, Name: nextName(), [nextName()]: nextName() };
      const endpoints = (calls.DescribeVpcEndpoints as { data?: { VpcEndpoints?: { PolicyDocument?: string }[] } } | undefined)?.data?.VpcEndpoints ?? [];
      if (c.denySid !== undefined) for (const endpoint of endpoints) endpoint.PolicyDocument = policyWithDeny(c.denySid);
      if (c.gap) calls[c.gap.call] = { status: "failed", error: { code: c.gap.code, message: c.gap.message } };
    }
  }
  return JSON.stringify(mapped, null, 2);
}

/** A rule's violations as the engine saw them, to compare fixes with what the report prints. */
export interface Recorded {
  readonly ruleId: string;
  readonly violation: Violation;
}

export interface HostileScan {
  readonly snapshot: Snapshot;
  readonly result: ScanResult;
  readonly context: ReportContext;
  readonly violations: readonly Recorded[];
}

function recording(ruleSet: readonly Rule[], into: Recorded[]): Rule[] {
  return ruleSet.map((rule) => ({
    ...rule,
    check: (context, region) => {
      const violations = [...rule.check(context, region)];
      into.push(...violations.map((violation) => ({ ruleId: rule.meta.id, violation })));
      return violations;
    },
  }));
}

function reportContext(snapshot: Snapshot, text: string, snapshotFile: string, colorLevel: ReportContext["colorLevel"] = 0): ReportContext {
  return { snapshot, snapshotPath: snapshotFile, snapshotText: text, workingDirectory: process.cwd(), toolVersion: "0.1.0", colorLevel, rules: rules.map((r) => r.meta) };
}

/** The scan as the CLI runs it: snapshot parsed and validated, rules, suppressions from the config, a baseline. */
export function hostileScan(c: HostileCase): HostileScan {
  const text = hostileSnapshotText(c);
  const snapshot = parseSnapshot(text, c.snapshotFile);
  const violations: Recorded[] = [];
  const scanned = scanWith(recording(rules, violations), snapshot);
  const first = scanned.findings[0];
  const suppressions = [
    ...(first ? [{ rule: first.ruleId, resource: first.resource.arn ?? first.resource.id, reason: c.suppression.reason, source: c.suppression.source }] : []),
    { rule: "*", resource: "*", reason: c.suppression.expiredReason, expires: "2000-01-01", source: c.suppression.expiredSource },
  ];
  const suppressed: ScanResult = { ...scanned, findings: applySuppressions(scanned.findings, suppressions, "2026-12-04") };
  const context = reportContext(snapshot, text, c.snapshotFile);
  const baseline = JSON.parse(formatJson(scanned, context)) as { findings: { fingerprint: string; message: string; evidence: { detail: string }[] }[] };
  for (const finding of baseline.findings) {
    finding.fingerprint = createHash("sha256").update(`gone ${finding.fingerprint}`).digest("hex");
    finding.message = `${finding.message} ${c.baselineText}`;
    for (const hop of finding.evidence) hop.detail = c.baselineText;
  }
  const withBaseline = applyBaseline(suppressed, parseBaseline(JSON.stringify(baseline), "baseline.json"), () => true);
  const result: ScanResult = { ...withBaseline, toolErrors: [...withBaseline.toolErrors, { ruleId: "route-blackhole", message: c.toolError }] };
  return { snapshot, result, context, violations };
}
