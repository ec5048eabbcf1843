import { stat } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.js";
import { readInputText } from "../read-input.js";
import { EMPTY_CONFIG, type Config } from "./types.js";

/** Looked for in the working directory, in this order; more than one of them is an error. */
export const CONFIG_FILE_NAMES = [".kms-audit.yml", ".kms-audit.yaml", ".kms-audit.json"] as const;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function shown(file: string, workingDirectory: string): string {
  const relative = path.relative(workingDirectory, path.resolve(workingDirectory, file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}

async function readConfigFile(file: string, workingDirectory: string, ruleIds: readonly string[]): Promise<Config> {
  const name = shown(file, workingDirectory);
  let text: string;
  try {
    text = await readInputText(path.resolve(workingDirectory, file), "--config");
  } catch (error) {
    if (error instanceof InputError) throw new InputError(name, error.place, error.expected);
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "found a directory" : (code ?? String(error));
    throw new InputError(name, "--config", `expected a readable configuration file (${why})`);
  }
  // The YAML parser and the validator load only when there is a file to read.
  const { parseConfig } = await import("./parse.js");
  return parseConfig(text, name, ruleIds);
}

/**
 * The configuration: the --config file when given, else the one .kms-audit.{yml,yaml,json} in the working directory,
 * else the empty configuration.
 */
export async function loadConfig(explicit: string | undefined, workingDirectory: string, ruleIds: readonly string[]): Promise<Config> {
  if (explicit !== undefined) return readConfigFile(explicit, workingDirectory, ruleIds);
  const present = await Promise.all(CONFIG_FILE_NAMES.map((name) => isFile(path.join(workingDirectory, name))));
  const found = CONFIG_FILE_NAMES.filter((_, i) => present[i]);
  if (found.length > 1) throw new InputError(found.join(", "), "(working directory)", "expected one configuration file; keep one, or pass --config");
  const only = found[0];
  return only === undefined ? EMPTY_CONFIG : readConfigFile(only, workingDirectory, ruleIds);
}
