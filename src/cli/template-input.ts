import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { SourcePlace } from "../report/context.js";
import type { ResourceRef, Snapshot, SnapshotNote } from "../snapshot/types.js";
import type { ScanInput } from "./input.js";
import type { ScanResult } from "../engine/types.js";

export interface TemplateArgs {
  /** A CloudFormation/SAM template, a Terraform plan (JSON) or a cdk.out directory. */
  readonly template: string;
  readonly parameter?: readonly string[];
  readonly "tf-dir"?: string;
  readonly region?: string;
  readonly account?: string;
}

export interface TemplateScanInput extends ScanInput {
  /** Where results point that nothing locates, when there is no snapshot file: the input's first line. */
  readonly fallbackPlace?: SourcePlace;
  /** The deployed data alone, when the change is laid over it (--changed-only compares with it). */
  readonly base?: Snapshot;
  readonly sourcePlace: (resource: ResourceRef) => SourcePlace | undefined;
  /** The scan result with fixes that name resources the change creates turned into comments (src/iac/fixes.ts). */
  readonly withTemplateFixes: (result: ScanResult) => ScanResult;
  /** What the reader could not settle (printed to stderr as notes). */
  readonly notes: readonly SnapshotNote[];
}

/** --parameter Key=Value, repeatable; the value may hold "=" and ",". */
export function parameterMap(values: readonly string[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values ?? []) {
    const at = value.indexOf("=");
    if (at <= 0) throw new UsageError(`--parameter: expected Key=Value, got "${value}"`);
    map.set(value.slice(0, at), value.slice(at + 1));
  }
  return map;
}

/**
 * The snapshot after the change: the template, plan or cdk.out laid over `base` (the deployed account as a snapshot
 * file, AWS CLI output or a live collection; undefined: nothing deployed). Findings point at the line that defines
 * their resource; a resource not from the input points at the snapshot file, or at the input's first line without one.
 */
export async function obtainTemplateInput(args: TemplateArgs, base: ScanInput | undefined): Promise<TemplateScanInput> {
  if (args.template === "") throw new UsageError("--template: expected a template, a Terraform plan JSON or a cdk.out directory");
  const { readPlannedInput, plannedSnapshot } = await import("../iac/index.js");
  const { withTemplateFixes } = await import("../iac/fixes.js");
  const options = {
    parameters: parameterMap(args.parameter),
    ...(args.region === undefined ? {} : { region: args.region }),
    ...(args.account === undefined ? {} : { account: args.account }),
    ...(args["tf-dir"] === undefined ? {} : { tfDir: args["tf-dir"] }),
    ...(base === undefined ? {} : { base: base.snapshot }),
  };
  const input = await readPlannedInput(args.template, options);
  const planned = plannedSnapshot(input, options);
  const texts = new Map<string, string>();
  for (const file of planned.files) texts.set(file, await readFile(file, "utf8"));
  const fallbackFile = input.kind === "cdk" ? path.join(args.template, "manifest.json") : args.template;
  const fallback: SourcePlace | undefined = base === undefined || base.path === "" ? { path: fallbackFile, text: await readFile(fallbackFile, "utf8"), line: 1, column: 1 } : undefined;
  return {
    snapshot: planned.snapshot,
    path: base?.path ?? args.template,
    text: base?.text ?? "",
    ...(base === undefined ? {} : { base: base.snapshot }),
    notes: planned.notes,
    withTemplateFixes: (result) => ({ ...result, findings: withTemplateFixes(result.findings, planned.locate) }),
    ...(fallback === undefined ? {} : { fallbackPlace: fallback }),
    sourcePlace(resource) {
      const at = planned.locate(resource);
      if (at === undefined) return undefined;
      return { path: at.file, text: texts.get(at.file) ?? "", line: at.line, column: at.column };
    },
  };
}
