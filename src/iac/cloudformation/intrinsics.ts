import { unknownValue } from "../../model/unknown.js";

/** A value the template leaves open until deploy, with what must be provided to know it. */
export class Unknown {
  constructor(readonly what: string) {}
}

/** AWS::NoValue: the property or list element is removed. */
export const NO_VALUE = Symbol("AWS::NoValue");

export interface IntrinsicContext {
  /** Ref of a parameter, pseudo parameter or resource; undefined when the name is none of them. */
  ref(name: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  condition(name: string): boolean | Unknown;
  mapping(name: string): Readonly<Record<string, unknown>> | undefined;
  readonly region: string;
}

const JSON_EQUAL = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The first unknown inside a value (a list or object holding one is unknown as a whole where a scalar is needed). */
function firstUnknown(value: unknown): Unknown | undefined {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) for (const item of value) {
    const found = firstUnknown(item);
    if (found) return found;
  }
  return undefined;
}

function text(value: unknown): string | Unknown {
  if (value instanceof Unknown) return value;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return new Unknown("a value the template builds in a way kms-audit does not evaluate");
}

function list(value: unknown): unknown[] | Unknown {
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return value.split(",");
  return new Unknown("a list the template builds in a way kms-audit does not evaluate");
}

/** Fn::Cidr: `count` consecutive blocks of 2^cidrBits addresses from the start of ipBlock. */
function cidrs(ipBlock: string, count: number, bits: number): string[] | Unknown {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(ipBlock);
  if (match === null || !Number.isInteger(count) || !Number.isInteger(bits)) return new Unknown(`Fn::Cidr of ${ipBlock}`);
  const start = match.slice(1, 5).reduce((acc, part) => acc * 256 + Number(part), 0);
  const size = 2 ** bits;
  const prefix = 32 - bits;
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    const value = start + i * size;
    result.push(`${[24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".")}/${prefix}`);
  }
  return result;
}

function sub(template: string, variables: Readonly<Record<string, unknown>>, ctx: IntrinsicContext): string | Unknown {
  let out = "";
  let cursor = 0;
  const pattern = /\$\{([^}]*)\}/g;
  for (let match = pattern.exec(template); match !== null; match = pattern.exec(template)) {
    out += template.slice(cursor, match.index);
    cursor = match.index + match[0].length;
    const name = (match[1] ?? "").trim();
    if (name.startsWith("!")) {
      out += `\${${name.slice(1)}}`;
      continue;
    }
    let value: unknown;
    if (name in variables) value = variables[name];
    else if (name.includes(".") && !name.startsWith("AWS::")) value = ctx.getAtt(name.slice(0, name.indexOf(".")), name.slice(name.indexOf(".") + 1));
    else value = ctx.ref(name) ?? new Unknown(`\${${name}} of Fn::Sub`);
    const part = text(value);
    if (part instanceof Unknown) return part;
    out += part;
  }
  return out + template.slice(cursor);
}

function truth(value: unknown): boolean | Unknown {
  if (value instanceof Unknown || typeof value === "boolean") return value;
  return value === "true" ? true : value === "false" ? false : new Unknown("a condition kms-audit can't evaluate");
}

type Fn = (args: unknown, ctx: IntrinsicContext, evaluate: (value: unknown) => unknown) => unknown;

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  Ref: (name, ctx) => (typeof name === "string" ? (ctx.ref(name) ?? new Unknown(`Ref ${name}`)) : new Unknown("Ref of a computed name")),
  "Fn::GetAtt": (args, ctx, evaluate) => {
    const parts = Array.isArray(args) ? args.map(evaluate) : [];
    const [id, attribute] = parts;
    return typeof id === "string" && typeof attribute === "string" ? ctx.getAtt(id, attribute) : new Unknown("Fn::GetAtt of a computed name");
  },
  "Fn::Sub": (args, ctx, evaluate) => {
    if (typeof args === "string") return sub(args, {}, ctx);
    const [template, variables] = Array.isArray(args) ? args : [];
    const vars = evaluate(variables ?? {});
    return typeof template === "string" ? sub(template, (vars ?? {}) as Record<string, unknown>, ctx) : new Unknown("Fn::Sub of a computed string");
  },
  "Fn::Join": (args, _ctx, evaluate) => {
    const [delimiter, items] = Array.isArray(args) ? args.map(evaluate) : [];
    const values = list(items);
    if (values instanceof Unknown) return values;
    const parts = values.map(text);
    return firstUnknown(parts) ?? parts.join(typeof delimiter === "string" ? delimiter : "");
  },
  "Fn::Select": (args, _ctx, evaluate) => {
    const [index, items] = Array.isArray(args) ? args.map(evaluate) : [];
    const i = Number(index);
    const values = list(items);
    if (values instanceof Unknown) return new Unknown(`item ${i} of ${values.what}`);
    return i >= 0 && i < values.length ? values[i] : new Unknown(`item ${i} of a list of ${values.length}`);
  },
  "Fn::Split": (args, _ctx, evaluate) => {
    const [delimiter, value] = Array.isArray(args) ? args.map(evaluate) : [];
    const whole = text(value);
    return whole instanceof Unknown ? whole : whole.split(String(delimiter));
  },
  "Fn::FindInMap": (args, ctx, evaluate) => {
    const [name, top, second] = Array.isArray(args) ? args.map(evaluate) : [];
    const unknown = firstUnknown([name, top, second]);
    if (unknown) return unknown;
    const value = (ctx.mapping(String(name))?.[String(top)] as Record<string, unknown> | undefined)?.[String(second)];
    return value === undefined ? new Unknown(`Fn::FindInMap ${String(name)}.${String(top)}.${String(second)}`) : evaluate(value);
  },
  "Fn::If": (args, ctx, evaluate) => {
    const [name, whenTrue, whenFalse] = Array.isArray(args) ? args : [];
    const decided = ctx.condition(String(name));
    if (decided === true) return evaluate(whenTrue);
    if (decided === false) return evaluate(whenFalse);
    const a = evaluate(whenTrue);
    const b = evaluate(whenFalse);
    return JSON_EQUAL(a, b) ? a : new Unknown(`condition ${String(name)} (${decided.what})`);
  },
  "Fn::Equals": (args, _ctx, evaluate) => {
    const [a, b] = Array.isArray(args) ? args.map(evaluate) : [];
    return firstUnknown([a, b]) ?? JSON_EQUAL(a, b);
  },
  "Fn::And": (args, _ctx, evaluate) => {
    const values = (Array.isArray(args) ? args.map(evaluate) : []).map(truth);
    return values.includes(false) ? false : (firstUnknown(values) ?? true);
  },
  "Fn::Or": (args, _ctx, evaluate) => {
    const values = (Array.isArray(args) ? args.map(evaluate) : []).map(truth);
    return values.includes(true) ? true : (firstUnknown(values) ?? false);
  },
  "Fn::Not": (args, _ctx, evaluate) => {
    const value = truth((Array.isArray(args) ? args.map(evaluate) : [])[0]);
    return value instanceof Unknown ? value : !value;
  },
  Condition: (name, ctx) => ctx.condition(String(name)),
  "Fn::ImportValue": (args, _ctx, evaluate) => {
    const name = text(evaluate(args));
    return new Unknown(`Fn::ImportValue ${name instanceof Unknown ? "(a computed export name)" : name}`);
  },
  "Fn::GetAZs": (_args, ctx) => new Unknown(`the Availability Zones of ${ctx.region} (Fn::GetAZs)`),
  "Fn::Cidr": (args, _ctx, evaluate) => {
    const [block, count, bits] = Array.isArray(args) ? args.map(evaluate) : [];
    const unknown = firstUnknown([block, count, bits]);
    return unknown ?? cidrs(String(block), Number(count), Number(bits));
  },
  "Fn::Base64": (args, _ctx, evaluate) => evaluate(args),
  "Fn::Length": (args, _ctx, evaluate) => {
    const values = list(evaluate(args));
    return values instanceof Unknown ? values : values.length;
  },
  "Fn::ToJsonString": (args, _ctx, evaluate) => {
    const value = evaluate(args);
    return firstUnknown([value]) ?? JSON.stringify(value);
  },
  "Fn::Transform": () => new Unknown("the output of a Fn::Transform macro"),
};

/** Evaluates every intrinsic function in a value; what can't be known before deploy becomes Unknown, never a guess. */
export function evaluate(value: unknown, ctx: IntrinsicContext): unknown {
  const recurse = (inner: unknown): unknown => evaluate(inner, ctx);
  if (Array.isArray(value)) return value.map(recurse).filter((item) => item !== NO_VALUE);
  if (value === null || typeof value !== "object" || value instanceof Unknown) return value;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only !== undefined && only in FUNCTIONS) {
    const argument = (value as Record<string, unknown>)[only];
    if (only === "Ref" && argument === "AWS::NoValue") return NO_VALUE;
    return (FUNCTIONS[only] as Fn)(argument, ctx, recurse);
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const inner = recurse((value as Record<string, unknown>)[key]);
    if (inner !== NO_VALUE) result[key] = inner;
  }
  return result;
}

/** An evaluated scalar as an AWS field holds it: unknown values become the model's unknown text. */
export function fieldText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const result = text(value);
  return result instanceof Unknown ? unknownValue(result.what) : result;
}

export function fieldNumber(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Unknown) return unknownValue(value.what) as unknown as number;
  const number = Number(value);
  return Number.isFinite(number) ? number : (unknownValue(`a number, found ${JSON.stringify(value)}`) as unknown as number);
}

export function fieldBoolean(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (value instanceof Unknown) return unknownValue(value.what) as unknown as boolean;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return unknownValue(`a boolean, found ${JSON.stringify(value)}`) as unknown as boolean;
}

/** A list of texts; an unknown list becomes one unknown element (a function in "some subnets" is a function in an unknown subnet). */
export function fieldList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const values = list(value);
  if (values instanceof Unknown) return [unknownValue(values.what)];
  return values.flatMap((item) => fieldText(item) ?? []);
}
