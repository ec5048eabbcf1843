import { InputError } from "../errors.js";
import { formatJsonPath } from "./json-path.js";
import type { SnapshotProblem } from "./problem.js";
import { findCidrProblem } from "./cidr-problem.js";
import { findReferenceProblem } from "./reference-problem.js";
import { findSchemaProblem } from "./schema-problem.js";
import type { Snapshot } from "./types.js";

export type { SnapshotProblem } from "./problem.js";
export { READABLE_SNAPSHOT_VERSIONS } from "./schema.js";

/** The first problem of a parsed snapshot (schema first, then references, then CIDR blocks), or undefined when it is valid. */
export function findSnapshotProblem(value: unknown): SnapshotProblem | undefined {
  return findSchemaProblem(value) ?? findReferenceProblem(value as Snapshot) ?? findCidrProblem(value as Snapshot);
}

/** Returns the value as a Snapshot, or throws InputError naming the file, the JSON path and what was expected. */
export function validateSnapshot(value: unknown, file: string): Snapshot {
  const problem = findSnapshotProblem(value);
  if (problem) throw new InputError(file, formatJsonPath(problem.segments), problem.expected);
  return value as Snapshot;
}
