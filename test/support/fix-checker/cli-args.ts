/**
 * How the AWS CLI reads the argument vector of one call: `aws <service> <operation> [positional] --option value...`.
 * Options take one value, a list of values (until the next option), or none (flags). Each operation the simulator
 * knows declares its options; anything else is a failure, so a fix using an option the CLI doesn't have is caught.
 */

export type OptionKind = "one" | "list" | "flag";

export interface CliCall {
  readonly service: string;
  readonly operation: string;
  /** `aws ec2 wait nat-gateway-available ...`: the waiter name. */
  readonly positional?: string;
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly region?: string;
  readonly query?: string;
  readonly output?: string;
}

export class CliUsageError extends Error {}

const GLOBAL: Readonly<Record<string, OptionKind>> = { "--region": "one", "--query": "one", "--output": "one" };

export function parseCli(argv: readonly string[], optionsOf: (service: string, operation: string) => Readonly<Record<string, OptionKind>> | undefined): CliCall {
  if (argv[0] !== "aws" || argv.length < 3) throw new CliUsageError(`not an AWS CLI call: ${JSON.stringify(argv)}`);
  const service = argv[1]!;
  const operation = argv[2]!;
  const known = optionsOf(service, operation);
  if (known === undefined) throw new CliUsageError(`the simulator does not know "aws ${service} ${operation}"`);
  let i = 3;
  let positional: string | undefined;
  if (operation === "wait") {
    positional = argv[3];
    i = 4;
  }
  const options = new Map<string, string[]>();
  while (i < argv.length) {
    const name = argv[i]!;
    if (!name.startsWith("--")) throw new CliUsageError(`aws ${service} ${operation}: unexpected value ${JSON.stringify(name)} where an option belongs`);
    const kind = GLOBAL[name] ?? known[name];
    if (kind === undefined) throw new CliUsageError(`aws ${service} ${operation} has no option ${name}`);
    if (options.has(name)) throw new CliUsageError(`aws ${service} ${operation}: ${name} given twice`);
    const values: string[] = [];
    i += 1;
    while (i < argv.length && !argv[i]!.startsWith("--")) values.push(argv[i++]!);
    if (kind === "flag" && values.length !== 0) throw new CliUsageError(`aws ${service} ${operation}: ${name} takes no value`);
    if (kind === "one" && values.length !== 1) throw new CliUsageError(`aws ${service} ${operation}: ${name} takes one value, got ${values.length}`);
    if (kind === "list" && values.length === 0) throw new CliUsageError(`aws ${service} ${operation}: ${name} needs at least one value`);
    options.set(name, values);
  }
  const one = (name: string) => options.get(name)?.[0];
  const region = one("--region");
  const query = one("--query");
  const output = one("--output");
  return {
    service,
    operation,
    ...(positional === undefined ? {} : { positional }),
    options,
    ...(region === undefined ? {} : { region }),
    ...(query === undefined ? {} : { query }),
    ...(output === undefined ? {} : { output }),
  };
}

/** A value of the CLI's shorthand syntax (Key=value,Key=[{A=b}], lists after a key) or JSON. */
export type Shorthand = string | Shorthand[] | { [key: string]: Shorthand };

/** Splits at commas outside brackets and braces. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw new CliUsageError(`unbalanced brackets in ${JSON.stringify(text)}`);
  }
  if (depth !== 0) throw new CliUsageError(`unbalanced brackets in ${JSON.stringify(text)}`);
  parts.push(text.slice(start));
  return parts;
}

function shorthandValue(text: string): Shorthand {
  if (text.startsWith("[")) {
    if (!text.endsWith("]")) throw new CliUsageError(`unclosed list in ${JSON.stringify(text)}`);
    const inner = text.slice(1, -1);
    return inner === "" ? [] : splitTop(inner).map(shorthandValue);
  }
  if (text.startsWith("{")) {
    if (!text.endsWith("}")) throw new CliUsageError(`unclosed structure in ${JSON.stringify(text)}`);
    return parseStructure(text.slice(1, -1));
  }
  return text;
}

function parseStructure(text: string): { [key: string]: Shorthand } {
  const result: { [key: string]: Shorthand } = {};
  let last: string | undefined;
  for (const part of splitTop(text)) {
    const match = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/s.exec(part);
    if (match === null) {
      // A bare value continues the previous key's list: SubnetIds=a,b
      if (last === undefined) throw new CliUsageError(`shorthand value ${JSON.stringify(part)} has no key`);
      const previous = result[last]!;
      result[last] = Array.isArray(previous) ? [...previous, shorthandValue(part)] : [previous, shorthandValue(part)];
      continue;
    }
    const [, key, value] = match;
    if (key! in result) throw new CliUsageError(`shorthand key ${key} given twice`);
    result[key!] = shorthandValue(value!);
    last = key!;
  }
  return result;
}

/** A structure option: JSON when it starts with { or [, else shorthand. */
export function parseStructured(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // Shorthand lists also start with [.
    }
  }
  return parseStructure(trimmed);
}

/** `--query` as the CLI evaluates it, for the subset fixes use: dotted names and [n] indices. */
export function evaluateQuery(value: unknown, query: string): unknown {
  if (!/^[A-Za-z][A-Za-z0-9]*(\[[0-9]+\])?(\.[A-Za-z][A-Za-z0-9]*(\[[0-9]+\])?)*$/.test(query)) {
    throw new CliUsageError(`the simulator evaluates only dotted --query paths, not ${JSON.stringify(query)}`);
  }
  let current: unknown = value;
  for (const step of query.split(".")) {
    const [, name, index] = /^([A-Za-z0-9]+)(?:\[([0-9]+)\])?$/.exec(step)!;
    current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[name!] : undefined;
    if (index !== undefined) current = Array.isArray(current) ? current[Number(index)] : undefined;
  }
  return current;
}
