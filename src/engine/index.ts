export { scan } from "./scan.js";
export { defaultSettings, functionMatcher, resolveSettings } from "./settings.js";
export { fingerprint, FINGERPRINT_RECIPE } from "./fingerprint.js";
export { compareFindings } from "./sort.js";
export type { Finding, NotEvaluated, ScanOptions, ScanResult } from "./types.js";
