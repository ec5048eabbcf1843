import type { PathSegment } from "./json-path.js";

/** One thing wrong with a snapshot: where (JSON path segments) and what was expected there. */
export interface SnapshotProblem {
  readonly segments: readonly PathSegment[];
  readonly expected: string;
}
