import { scan } from "../../src/engine/scan.js";
import type { ScanResult } from "../../src/engine/types.js";
import { plannedSnapshot, readPlannedInput, type IacOptions, type PlannedSnapshot } from "../../src/iac/index.js";
import { findingPlace } from "../../src/report/place.js";
import type { ResourceRef } from "../../src/snapshot/types.js";

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

/** "rule severity resource place", where the place is the resource's definition, else that of a function it affects (findingPlace). */
export function findingsAt({ planned, result }: IacScan): string[] {
  const sourcePlace = (resource: ResourceRef) => {
    const at = planned.locate(resource);
    return at === undefined ? undefined : { path: at.file, text: "", line: at.line, column: at.column };
  };
  return result.findings.map((f) => {
    const at = findingPlace(f, { sourcePlace });
    return `${f.ruleId} ${f.severity} ${f.resource.id} ${at === undefined ? "(no location)" : `${at.path}:${at.line}`}`;
  });
}

/** "function subnet service verdict", one per path. */
export function verdicts({ result }: IacScan): string[] {
  return result.paths.map((p) => `${p.functionName} ${p.subnetId} ${p.service} ${p.verdict}`);
}
