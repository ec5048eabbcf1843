import { Ajv, type ValidateFunction } from "ajv";
import { parseDocument } from "yaml";
import { InputError } from "../errors.js";
import { describeJsonSyntaxError } from "../snapshot/json-syntax.js";
import { checkConfig, type RawConfig } from "./check-config.js";
import { formatPlace } from "./place.js";
import { CONFIG_SCHEMA } from "./schema.js";
import { schemaProblem } from "./schema-problem.js";
import type { Config } from "./types.js";

let compiled: ValidateFunction | undefined;

/** yaml's own default: enough for any real configuration, and stops exponential alias expansion. */
const MAX_ALIAS_COUNT = 100;

/** Compiled on first use: a scan without a config file doesn't pay for it. */
function configValidator(): ValidateFunction {
  compiled ??= new Ajv({ strict: true, allErrors: false, verbose: true }).compile(CONFIG_SCHEMA);
  return compiled;
}

function parseText(text: string, file: string): unknown {
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const syntax = describeJsonSyntaxError(text);
      throw new InputError(file, syntax.place, syntax.expected);
    }
  }
  const document = parseDocument(text, { uniqueKeys: true });
  const first = document.errors[0];
  if (first !== undefined) {
    const at = first.linePos?.[0];
    const place = at ? `line ${at.line}, column ${at.col}` : "(file)";
    throw new InputError(file, place, `expected YAML: ${(first.message.split("\n")[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, "")}`);
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    // An alias expanding to too many nodes ("billion laughs"): the yaml library stops it; the message says why.
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) throw new InputError(file, "(file)", `expected YAML whose aliases expand to at most ${MAX_ALIAS_COUNT} nodes each (an alias bomb?)`);
    throw new InputError(file, "(file)", "expected YAML that converts to plain data");
  }
}

/**
 * Parses and validates a configuration text. `file` is the name errors and suppression sources carry.
 * Unknown keys, rule ids and services are InputErrors naming the place, e.g. rules.lambda-no-kms-pth.
 */
export function parseConfig(text: string, file: string, ruleIds: readonly string[]): Config {
  const data = parseText(text, file) ?? {};
  const validate = configValidator();
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
