import type { ScanResult } from "../engine/types.js";
import type { RuleMeta, Severity } from "../rules/types.js";
import type { ResourceRef, Snapshot } from "../snapshot/types.js";

/** A place in a file the report can point at: the file as given, its text, and a 1-based line and column. */
export interface SourcePlace {
  readonly path: string;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** What a scan read, as reports name it: a snapshot file, a directory of AWS CLI output, a live collection, or a change. */
export interface InputDescription {
  readonly kind: "snapshot" | "aws-cli-dir" | "live" | "template";
  /** The file or directory as the user gave it; absent for a live collection. */
  readonly path?: string;
  /** A change (--template) laid over deployed data: that data. */
  readonly over?: InputDescription;
}

/** chalk's colour levels: 0 none, 1 basic, 2 256 colours, 3 truecolor. */
export type ColorLevel = 0 | 1 | 2 | 3;

/** Everything a formatter may read besides the scan result. Formatters do no I/O: the CLI gathers this. */
export interface ReportContext {
  readonly snapshot: Snapshot;
  /** What was scanned; absent: the snapshot file at snapshotPath. */
  readonly input?: InputDescription;
  /** The configuration file in use, as reported (relative to the working directory); absent: none. */
  readonly configFile?: string;
  /** The snapshot file as the user gave it (relative or absolute); "" when the snapshot was collected and not saved. */
  readonly snapshotPath: string;
  /** The snapshot file's text, to locate resources in it. */
  readonly snapshotText: string;
  /** The directory paths are reported relative to (the CLI's working directory). */
  readonly workingDirectory: string;
  readonly toolVersion: string;
  readonly colorLevel: ColorLevel;
  /** Every rule of the registry (SARIF lists them all, not just those with results). */
  readonly rules: readonly RuleMeta[];
  /** The --fail-on threshold (JUnit marks failures by it); default "error". */
  readonly failOn?: "error" | "warning" | "note" | "never";
  /** Rule ids turned off by configuration (JUnit reports them as skipped). */
  readonly disabledRules?: readonly string[];
  /** Terminal report: the columns to wrap to (default 80). */
  readonly width?: number;
  /** Terminal report: every hop, every function and each finding's full message (--verbose). */
  readonly verbose?: boolean;
  /** Terminal report: also list the functions with nothing wrong (--show-passing). */
  readonly showPassing?: boolean;
  /** Terminal and Markdown reports: the least severe findings shown (--severity; default note, all of them). */
  readonly showSeverity?: Severity;
  /** True when findings carry baseline states: only new findings can fail. */
  readonly withBaseline?: boolean;
  /**
   * Where a finding's resource is written, when the scan read a template or plan (src/iac): SARIF results and the
   * terminal then point at that line (or at the line of a function the finding affects, see findingPlace) instead of
   * the snapshot file's. Undefined, or undefined for a resource: the snapshot file.
   */
  readonly sourcePlace?: (resource: ResourceRef) => SourcePlace | undefined;
  /** Where SARIF results point when nothing else locates them and there is no snapshot file: the template's first line. */
  readonly fallbackPlace?: SourcePlace;
}

export type Formatter = (result: ScanResult, context: ReportContext) => string;
