import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { Finding } from "../engine/types.js";
import { InputError } from "../errors.js";
import { readInputText } from "../read-input.js";
import { describeJsonSyntaxError } from "../snapshot/json-syntax.js";
import type { ComponentRef, Hop } from "../model/types.js";
import type { Severity } from "../rules/types.js";
import { describeValue, formatJsonPath, pointerToSegments, valueAt } from "../snapshot/json-path.js";
import type { ResourceType } from "../snapshot/types.js";
import { BASELINE_SCHEMA } from "./schema.js";

type Nullable<T> = T | null;

interface HopJson {
  component: { type: ComponentRef["type"]; id: string; arn?: Nullable<string>; name?: Nullable<string> };
  status: Hop["status"];
  code: Hop["code"];
  direction?: Nullable<"egress" | "ingress">;
  detail: string;
  setting?: Nullable<string>;
}

interface FindingJson {
  ruleId: string;
  severity: Severity;
  resource: { type: ResourceType; id: string; arn?: Nullable<string>; account: string; region: string };
  key?: Nullable<string>;
  message: string;
  evidence: HopJson[];
  remediation: { text: string; commands: string[] };
  fingerprint: string;
  baselineState?: Nullable<"new" | "unchanged" | "absent">;
}

let compiled: ValidateFunction | undefined;

/** Compiled on first use: only --baseline pays for it. */
function baselineValidator(): ValidateFunction {
  compiled ??= new Ajv({ strict: true, allowUnionTypes: true, allErrors: false }).compile(BASELINE_SCHEMA);
  return compiled;
}

function expectation(error: ErrorObject): string {
  switch (error.keyword) {
    case "const":
      return `expected ${JSON.stringify(error.params.allowedValue)}`;
    case "enum":
      return `expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `expected ${String(error.params.type).replace(",", " or ")}`;
    case "pattern":
      return `expected text matching ${String(error.params.pattern)}`;
    default:
      return `expected a value that ${error.message ?? "fits the report format"}`;
  }
}

function expectedAt(data: unknown, error: ErrorObject): { place: string; expected: string } {
  const segments = pointerToSegments(data, error.instancePath);
  if (error.keyword === "required") {
    return { place: formatJsonPath([...segments, String(error.params.missingProperty)]), expected: "expected this field of a kms-audit JSON report, found nothing" };
  }
  const found = describeValue(valueAt(data, segments));
  const what = expectation(error);
  return { place: formatJsonPath(segments), expected: `${what} (a kms-audit JSON report, --format json), found ${found}` };
}

function hop(json: HopJson): Hop {
  const component: ComponentRef = {
    type: json.component.type,
    id: json.component.id,
    ...(json.component.arn == null ? {} : { arn: json.component.arn }),
    ...(json.component.name == null ? {} : { name: json.component.name }),
  };
  return {
    component,
    status: json.status,
    code: json.code,
    ...(json.direction == null ? {} : { direction: json.direction }),
    detail: json.detail,
    ...(json.setting == null ? {} : { setting: json.setting }),
  };
}

function finding(json: FindingJson): Finding {
  const r = json.resource;
  return {
    ruleId: json.ruleId,
    severity: json.severity,
    resource: { type: r.type, id: r.id, ...(r.arn == null ? {} : { arn: r.arn }), account: r.account, region: r.region },
    ...(json.key == null ? {} : { key: json.key }),
    message: json.message,
    evidence: json.evidence.map(hop),
    remediation: { text: json.remediation.text, commands: [...json.remediation.commands] },
    fingerprint: json.fingerprint,
    ...(json.baselineState == null ? {} : { baselineState: json.baselineState }),
  };
}

/** The findings of an earlier JSON report, as that report stated them; a file that is not one is an InputError. */
export function parseBaseline(text: string, file: string): Finding[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const syntax = describeJsonSyntaxError(text);
    throw new InputError(file, syntax.place, `${syntax.expected} (a kms-audit JSON report, --format json)`);
  }
  const format = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as { format?: unknown }).format : undefined;
  if (format !== undefined && format !== "kms-audit/report") {
    throw new InputError(file, "$.format", `expected "kms-audit/report" (a kms-audit JSON report, --format json), found ${describeValue(format)}`);
  }
  const validate = baselineValidator();
  if (!validate(data)) {
    const error = validate.errors?.[0];
    const problem = error ? expectedAt(data, error) : { place: "$", expected: "expected a kms-audit JSON report" };
    throw new InputError(file, problem.place, problem.expected);
  }
  return (data as { findings: FindingJson[] }).findings.map(finding);
}

export async function loadBaseline(file: string): Promise<Finding[]> {
  let text: string;
  try {
    text = await readInputText(file, "--baseline");
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "found a directory" : (code ?? String(error));
    throw new InputError(file, "--baseline", `expected an earlier kms-audit JSON report (${why})`);
  }
  return parseBaseline(text, file);
}
