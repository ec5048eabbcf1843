import { scan } from "../../engine/scan.js";
import { UsageError } from "../../errors.js";
import { FORMAT_NAMES, formatters, isFormatName, type ReportContext } from "../../report/index.js";
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
import { STDOUT, writeOutput } from "../write-output.js";

export interface ScanArgs extends SourceArgs {
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
  const given = sourceOf(args);
  await clobberChecks(args, given, io.cwd);
  const ci = await prepareCi(args, io, rules);
  const source = withConfiguredRegions(given, ci.config);
  if (source.kind === "file" && args.saveSnapshot !== undefined) throw new UsageError("--save-snapshot: applies to live collection and --aws-cli-dir only");
  requireSnapshotFile(format, source, args.saveSnapshot);
  const input = await obtainScanInput(source, io, args.saveSnapshot);
  const empty = emptySnapshotWarning(input.snapshot);
  if (empty !== undefined) io.stderr(stderrLine(`warning: ${input.path === "" ? "" : `${input.path}: `}${empty}`));
  const result = ci.finish(input.snapshot, scan(input.snapshot, ci.scanOptions));
  const context: ReportContext = {
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
