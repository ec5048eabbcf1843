import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { parseDocument } from "yaml";
import { InputError } from "../errors.js";
import { checkConfig, type RawConfig } from "./check-config.js";
import { formatPlace } from "./place.js";
import { CONFIG_SCHEMA } from "./schema.js";
import { schemaProblem } from "./schema-problem.js";
import { EMPTY_CONFIG, type Config } from "./types.js";

/** Looked for in the working directory, in this order; more than one of them is an error. */
export const CONFIG_FILE_NAMES = [".kms-audit.yml", ".kms-audit.yaml", ".kms-audit.json"] as const;

const validate = new Ajv({ strict: true, allErrors: false, verbose: true }).compile(CONFIG_SCHEMA);

function parseText(text: string, file: string): unknown {
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new InputError(file, "(file)", `expected JSON: ${(error as Error).message}`);
    }
  }
  const document = parseDocument(text, { uniqueKeys: true });
  const first = document.errors[0];
  if (first !== undefined) {
    const at = first.linePos?.[0];
    const place = at ? `line ${at.line}, column ${at.col}` : "(file)";
    throw new InputError(file, place, `expected YAML: ${(first.message.split("\n")[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, "")}`);
  }
  return document.toJS() as unknown;
}

/**
 * Parses and validates a configuration text. `file` is the name errors and suppression sources carry.
 * Unknown keys, rule ids and services are InputErrors naming the place, e.g. rules.lambda-no-kms-pth.
 */
export function parseConfig(text: string, file: string, ruleIds: readonly string[]): Config {
  const data = parseText(text, file) ?? {};
  if (!validate(data)) {
    const error = validate.errors?.[0];
    if (error === undefined) throw new InputError(file, "(top level)", "expected a kms-audit configuration");
    const problem = schemaProblem(data, error);
    throw new InputError(file, formatPlace(problem.place), problem.expected);
  }
  const checked = checkConfig(data as RawConfig, file, ruleIds);
  if ("expected" in checked) throw new InputError(file, formatPlace(checked.place), checked.expected);
  return checked;
}

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
    text = await readFile(path.resolve(workingDirectory, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "found a directory" : (code ?? String(error));
    throw new InputError(name, "--config", `expected a readable configuration file (${why})`);
  }
  return parseConfig(text, name, ruleIds);
}

/**
 * The configuration: the --config file when given, else the one .kms-audit.{yml,yaml,json} in the working directory,
 * else the empty configuration.
 */
export async function loadConfig(explicit: string | undefined, workingDirectory: string, ruleIds: readonly string[]): Promise<Config> {
  if (explicit !== undefined) return readConfigFile(explicit, workingDirectory, ruleIds);
  const found: string[] = [];
  for (const name of CONFIG_FILE_NAMES) if (await isFile(path.join(workingDirectory, name))) found.push(name);
  if (found.length > 1) throw new InputError(found.join(", "), "(working directory)", "expected one configuration file; keep one, or pass --config");
  const only = found[0];
  return only === undefined ? EMPTY_CONFIG : readConfigFile(only, workingDirectory, ruleIds);
}
