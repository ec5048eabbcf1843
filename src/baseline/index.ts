/** Baselines: an earlier JSON report against which findings are new, unchanged or absent (fixed). */
export { applyBaseline, baselineCounts, findingsThatCount, type BaselineCounts, type EvaluatedIn } from "./apply.js";
export { loadBaseline, parseBaseline } from "./load.js";
export { evaluatedScope } from "./scope.js";
