/** The configuration file (.kms-audit.yml / .kms-audit.json): loading, validation, and what it feeds the scan. */
export { CONFIG_FILE_NAMES, loadConfig } from "./load.js";
export { parseConfig } from "./parse.js";
export { scanOptionsFrom } from "./scan-options.js";
export { applySuppressions, isExpired, utcDate } from "./suppress.js";
export { EMPTY_CONFIG, type Config, type FunctionDeclaration, type FunctionSelector, type Suppression } from "./types.js";
