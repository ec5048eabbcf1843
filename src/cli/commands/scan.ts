import { scan } from "../../engine/scan.js";
import type { ScanResult } from "../../engine/types.js";
import type { Snapshot } from "../../snapshot/types.js";
import { UsageError } from "../../errors.js";
import { FORMAT_NAMES, formatters, isFormatName, type InputDescription, type ReportContext } from "../../report/index.js";
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
}

/** Exit code for a scan in which a rule threw: the report is incomplete, so it must not pass. */
export const TOOL_ERROR_EXIT = 3;

function validate(args: ScanArgs) {
  if (!isFormatName(args.format)) throw new UsageError(`--format: expected one of ${FORMAT_NAMES.join(", ")}; got "${args.format}"`);
  if (!isFailOn(args.failOn)) throw new UsageError(`--fail-on: expected one of ${FAIL_ON_VALUES.join(", ")}; got "${args.failOn}"`);
  if (args.output === "") throw new UsageError("--output: expected a file path");
  return { format: args.format, failOn: args.failOn };
}

/** scan: load, evaluate, format, write (stdout or atomically to --output), and turn findings into the exit code. */
export async function runScan(args: ScanArgs, io: CliIo): Promise<number> {
  const { format, failOn } = validate(args);
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
    colorLevel: colorLevel(io.env, (args.output === undefined || args.output === STDOUT) && io.stdoutIsTTY),
    rules: rules.map((rule) => rule.meta),
    failOn,
    disabledRules: ci.disabledRules,
    withBaseline: ci.withBaseline,
  };
  const text = formatters[format](result, context);
  if (args.output === undefined) io.stdout(text);
  else await writeOutput(args.output, text, "--output", io);
  if (result.toolErrors.length > 0) {
    const failed = [...new Set(result.toolErrors.map((e) => e.ruleId))].sort().join(", ");
    io.stderr(stderrLine(`${result.toolErrors.length} rule error(s) (${failed}); the report is incomplete: ${result.toolErrors[0]?.message ?? ""}`));
    return TOOL_ERROR_EXIT;
  }
  return exitCodeFor(findingsThatCount(result.findings, ci.withBaseline), failOn);
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
 * --region names the region to collect; undefined for a template scanned alone, where --region and --account name
 * where it deploys.
 */
function plannedSource(args: ScanArgs & TemplateArgs): SnapshotSource | undefined {
  const overDeployed = args.snapshot !== undefined || args["aws-cli-dir"] !== undefined || args.live === true;
  if (!overDeployed) {
    if (args.regions !== undefined) throw new UsageError("--regions: a template deploys to one region; use --region");
    const liveFlag = (["profile", "endpoint-url", "concurrency", "saveSnapshot"] as const).find((k) => args[k] !== undefined);
    if (liveFlag !== undefined) throw new UsageError(`--${liveFlag === "saveSnapshot" ? "save-snapshot" : liveFlag}: with --template applies to --live collection only`);
    return undefined;
  }
  if (args.account !== undefined) throw new UsageError("--account: the deployed data names the account; --account applies to a template scanned alone");
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
