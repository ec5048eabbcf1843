import { scan } from "../../src/engine/scan.js";
import type { ScanResult } from "../../src/engine/types.js";
import { plannedSnapshot, readPlannedInput, type IacOptions, type PlannedSnapshot } from "../../src/iac/index.js";

export interface IacScan {
  readonly planned: PlannedSnapshot;
  readonly result: ScanResult;
}

/** Reads an input as the CLI does and scans the snapshot after the change. */
export async function scanInput(path: string, options: IacOptions = {}): Promise<IacScan> {
  const input = await readPlannedInput(path, options);
  const planned = plannedSnapshot(input, options);
  return { planned, result: scan(planned.snapshot) };
}

/** "rule severity resource file:line", one per finding, in report order. */
export function findingsAt({ planned, result }: IacScan): string[] {
  return result.findings.map((f) => {
    const at = planned.locate(f.resource);
    return `${f.ruleId} ${f.severity} ${f.resource.id} ${at === undefined ? "(no location)" : `${at.file}:${at.line}`}`;
  });
}

/** "function subnet service verdict", one per path. */
export function verdicts({ result }: IacScan): string[] {
  return result.paths.map((p) => `${p.functionName} ${p.subnetId} ${p.service} ${p.verdict}`);
}
