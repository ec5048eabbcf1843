import { scan } from "../../engine/scan.js";
import type { ScanResult } from "../../engine/types.js";
import type { Snapshot } from "../../snapshot/types.js";
import { UsageError } from "../../errors.js";
import { FORMAT_NAMES, formatters, isFormatName, type InputDescription, type ReportContext } from "../../report/index.js";
import { DEFAULT_WIDTH } from "../../report/terminal.js";
import { rules } from "../../rules/index.js";
import { findingsThatCount, prepareCi, withConfiguredRegions } from "../ci-options.js";
import { colorLevel } from "../color.js";
import { emptySnapshotWarning } from "../empty-warnings.js";
import { exitCodeFor, FAIL_ON_VALUES, isFailOn } from "../fail-on.js";
import { obtainScanInput, requireSnapshotFile } from "../input.js";
import { stderrLine, type CliIo } from "../io.js";
import { toolVersion } from "../version.js";
import { sourceOf, type SourceArgs } from "../source.js";
import { clobberChecks } from "../output-files.js";
import { refuseClobbering, STDOUT, writeOutput } from "../write-output.js";
import { obtainTemplateInput, type TemplateArgs } from "../template-input.js";
import type { ScanInput } from "../input.js";
import type { SnapshotSource } from "../source.js";

export interface ScanArgs extends SourceArgs, Partial<TemplateArgs> {
  /** With --template: lay the change over a live collection (otherwise over --snapshot / --aws-cli-dir, or nothing). */
  readonly live?: boolean;
  /** With --template: report only findings the change introduces (absent from a scan of the deployed data alone). */
  readonly changedOnly?: boolean;
  readonly format: string;
  /** Where to save a collected snapshot (live or --aws-cli-dir); SARIF results then point at it. */
  readonly saveSnapshot?: string;
  readonly output?: string;
  readonly failOn: string;
  /** Configuration file; absent = .kms-audit.{yml,yaml,json} in the working directory, if any. */
  readonly config?: string;
  /** An earlier JSON report to compare with. */
  readonly baseline?: string;
  /** Terminal and Markdown: the least severe findings shown. */
  readonly severity?: string;
  /** Terminal: every hop, function and message. */
  readonly verbose?: boolean;
  /** Terminal: list the functions with nothing wrong too. */
  readonly showPassing?: boolean;
  /** Terminal: columns to wrap to. */
  readonly width?: number;
}

const SHOWN_SEVERITIES = ["error", "warning", "note"] as const;
type ShownSeverity = (typeof SHOWN_SEVERITIES)[number];

function isShownSeverity(value: string): value is ShownSeverity {
  return (SHOWN_SEVERITIES as readonly string[]).includes(value);
}

/** Exit code for a scan in which a rule threw: the report is incomplete, so it must not pass. */
export const TOOL_ERROR_EXIT = 3;

function validate(args: ScanArgs) {
  if (!isFormatName(args.format)) throw new UsageError(`--format: expected one of ${FORMAT_NAMES.join(", ")}; got "${args.format}"`);
  if (!isFailOn(args.failOn)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON_VALUES.join(", ")}; got "${args.failOn}"`);
  if (args.output === "") throw new UsageError("--output: expected a file path");
  if (args.severity !== undefined && !isShownSeverity(args.severity)) throw new UsageError(`--severity: expected one of ${SHOWN_SEVERITIES.join(", ")}; got "${args.severity}"`);
  if (args.width !== undefined && !(Number.isInteger(args.width) && args.width >= 40 && args.width <= 1000)) {
    throw new UsageError(`--width: expected a number of columns from 40 to 1000; got ${String(args.width)}`);
  }
  return { format: args.format, failOn: args.failOn, ...(args.severity === undefined ? {} : { severity: args.severity as ShownSeverity }) };
}

/** scan: load, evaluate, format, write (stdout or atomically to --output), and turn findings into the exit code. */
export async function runScan(args: ScanArgs, io: CliIo): Promise<number> {
  const { format, failOn, severity } = validate(args);
  const given = args.template === undefined ? deployedSource(args) : plannedSource(args as ScanArgs & TemplateArgs);
  await clobberChecks(args, given ?? NOTHING_DEPLOYED, io.cwd);
  if (args.template !== undefined && args.output !== undefined && args.output !== STDOUT) {
    await refuseClobbering([{ flag: "--output", path: args.output }], [{ flag: "--template", path: args.template }]);
  }
  const ci = await prepareCi(args, io, rules);
  const base = given === undefined ? undefined : await deployedInput(withConfiguredRegions(given, ci.config), args, io, format);
  const planned = args.template === undefined ? undefined : await obtainTemplateInput(args as ScanArgs & TemplateArgs, base);
  for (const note of planned?.notes ?? []) io.stderr(stderrLine(`note: ${note.region === undefined ? "" : `${note.region}: `}${note.message}`));
  const input = (planned ?? base) as ScanInput;
  const empty = emptySnapshotWarning(input.snapshot);
  if (empty !== undefined) io.stderr(stderrLine(`warning: ${input.path === "" ? "" : `${input.path}: `}${empty}`));
  const scanned = scan(input.snapshot, ci.scanOptions);
  const finished = ci.finish(input.snapshot, args.changedOnly === true ? introducedBy(scanned, planned?.base, ci.scanOptions) : scanned);
  const result = planned === undefined ? finished : planned.withTemplateFixes(finished);
  const toStdout = args.output === undefined || args.output === STDOUT;
  const context: ReportContext = {
    ...(planned === undefined ? {} : { sourcePlace: planned.sourcePlace }),
    ...(planned?.fallbackPlace === undefined ? {} : { fallbackPlace: planned.fallbackPlace }),
    input: describeInput(given, args.template),
    ...(ci.config.file === undefined ? {} : { configFile: ci.config.file }),
    snapshot: input.snapshot,
    snapshotPath: input.path,
    snapshotText: input.text,
    workingDirectory: io.cwd,
    toolVersion: toolVersion(),
    colorLevel: colorLevel(io.env, toStdout && io.stdoutIsTTY),
    rules: rules.map((rule) => rule.meta),
    failOn,
    disabledRules: ci.disabledRules,
    withBaseline: ci.withBaseline,
    width: args.width ?? (toStdout ? io.stdoutColumns : undefined) ?? DEFAULT_WIDTH,
    ...(args.verbose === true ? { verbose: true } : {}),
    ...(args.showPassing === true ? { showPassing: true } : {}),
    ...(severity === undefined ? {} : { showSeverity: severity }),
  };
  const text = formatters[format](result, context);
  if (args.output === undefined) io.stdout(text);
  else {
    await writeOutput(args.output, text, "--output", io);
    if (args.output !== STDOUT) io.stderr(stderrLine(`wrote the ${format} report to ${args.output}: ${findingsCount(result)}`));
  }
  if (result.toolErrors.length > 0) {
    const failed = [...new Set(result.toolErrors.map((e) => e.ruleId))].sort().join(", ");
    io.stderr(stderrLine(`${result.toolErrors.length} rule error(s) (${failed}); the report is incomplete: ${result.toolErrors[0]?.message ?? ""}`));
    return TOOL_ERROR_EXIT;
  }
  return exitCodeFor(findingsThatCount(result.findings, ci.withBaseline), failOn);
}

/** "3 findings (1 error, 2 notes), 1 suppressed", as the line after writing a report says it. */
function findingsCount(result: ScanResult): string {
  const counted = result.findings.filter((f) => f.baselineState !== "absent" && f.suppression === undefined);
  const bySeverity = SHOWN_SEVERITIES.flatMap((s) => {
    const n = counted.filter((f) => f.severity === s).length;
    return n === 0 ? [] : [`${n} ${s}${n === 1 ? "" : "s"}`];
  });
  const suppressed = result.findings.filter((f) => f.baselineState !== "absent" && f.suppression !== undefined).length;
  const total = `${counted.length} finding${counted.length === 1 ? "" : "s"}${bySeverity.length > 0 ? ` (${bySeverity.join(", ")})` : ""}`;
  return suppressed > 0 ? `${total}, ${suppressed} suppressed` : total;
}

/** What the report's header names: the snapshot file, AWS CLI directory or live collection, and a change laid over it. */
function describeInput(given: SnapshotSource | undefined, template: string | undefined): InputDescription {
  const deployed: InputDescription | undefined =
    given === undefined ? undefined : given.kind === "file" ? { kind: "snapshot", path: given.path } : given.kind === "aws-cli-dir" ? { kind: "aws-cli-dir", path: given.dir } : { kind: "live" };
  if (template === undefined) return deployed ?? { kind: "live" };
  return deployed === undefined ? { kind: "template", path: template } : { kind: "template", path: template, over: deployed };
}

/** No deployed data: a template scanned alone (nothing to check for clobbering). */
const NOTHING_DEPLOYED: SnapshotSource = { kind: "live", live: { withTraffic: false, quiet: true } };

/** The account as it is: a snapshot file, AWS CLI output or a live collection. */
function deployedSource(args: ScanArgs): SnapshotSource {
  if (args.changedOnly === true) throw new UsageError("--changed-only: applies to --template only");
  const stray = args.live === true ? "live" : args.parameter !== undefined ? "parameter" : args["tf-dir"] !== undefined ? "tf-dir" : args.account !== undefined ? "account" : undefined;
  if (stray !== undefined) throw new UsageError(`--${stray}: applies to --template only`);
  return sourceOf(args);
}

/**
 * The deployed account a change (--template) is laid over: --snapshot, --aws-cli-dir or (--live) a collection, where
 * --region names the region to collect; undefined for a template scanned alone, where --region names where it deploys.
 * --account names the account it deploys to (over deployed data of several accounts, one of them).
 */
function plannedSource(args: ScanArgs & TemplateArgs): SnapshotSource | undefined {
  const overDeployed = args.snapshot !== undefined || args["aws-cli-dir"] !== undefined || args.live === true;
  if (!overDeployed) {
    if (args.regions !== undefined) throw new UsageError("--regions: a template deploys to one region; use --region");
    const liveFlag = (["profile", "endpoint-url", "concurrency", "saveSnapshot"] as const).find((k) => args[k] !== undefined);
    if (liveFlag !== undefined) throw new UsageError(`--${liveFlag === "saveSnapshot" ? "save-snapshot" : liveFlag}: with --template applies to --live collection only`);
    return undefined;
  }
  const { region: _region, ...withoutRegion } = args;
  return sourceOf(args.live === true ? args : withoutRegion);
}

async function deployedInput(source: SnapshotSource, args: ScanArgs, io: CliIo, format: string): Promise<ScanInput> {
  if (source.kind === "file" && args.saveSnapshot !== undefined) throw new UsageError("--save-snapshot: applies to live collection and --aws-cli-dir only");
  requireSnapshotFile(format, source, args.saveSnapshot);
  return obtainScanInput(source, io, args.saveSnapshot);
}

/** The findings of the scan after the change that a scan of the deployed data alone does not have (by fingerprint). */
function introducedBy(after: ScanResult, base: Snapshot | undefined, options: Parameters<typeof scan>[1]): ScanResult {
  if (base === undefined) return after;
  const before = new Set(scan(base, options).findings.map((f) => f.fingerprint));
  return { ...after, findings: after.findings.filter((f) => !before.has(f.fingerprint)) };
}
