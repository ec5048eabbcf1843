import { wildcardMatch } from "../text/wildcard.js";
import type { Tri } from "./tri.js";

/** Who calls what through the endpoint. */
export interface PolicyRequest {
  /** e.g. kms:Decrypt */
  readonly action: string;
  /** The function's execution role ARN. */
  readonly roleArn?: string;
  readonly account: string;
}

export interface PolicyDecision {
  readonly result: "allow" | "deny" | "uncertain";
  /** One sentence: which statement decided, or why it can't be decided. */
  readonly reason: string;
}

type Json = unknown;

interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: Json;
  readonly NotAction?: Json;
  readonly Principal?: Json;
  readonly NotPrincipal?: Json;
  readonly Resource?: Json;
  readonly NotResource?: Json;
  readonly Condition?: Json;
}

function strings(value: Json): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** IAM wildcard match: * any run, ? one character; actions compare case-insensitively. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = true): boolean {
  return wildcardMatch(pattern, value, { questionMark: true, ignoreCase });
}

function actionMatches(statement: Statement, action: string): Tri {
  if (statement.NotAction !== undefined) return strings(statement.NotAction).some((p) => wildcardMatches(p, action)) ? "no" : "maybe";
  return strings(statement.Action).some((p) => wildcardMatches(p, action)) ? "yes" : "no";
}

function principalMatches(statement: Statement, request: PolicyRequest): Tri {
  if (statement.NotPrincipal !== undefined) return "maybe";
  const principal = statement.Principal;
  if (principal === undefined) return "no";
  if (principal === "*") return "yes";
  if (typeof principal !== "object" || principal === null) return "no";
  const aws = strings((principal as Record<string, Json>)["AWS"]);
  const root = `arn:aws:iam::${request.account}:root`;
  const matches = aws.some((p) => p === "*" || p === request.account || p === root || (request.roleArn !== undefined && p === request.roleArn));
  return matches ? "yes" : "no";
}

/** Covers every resource of the service: "*", or an ARN whose fields after the service are all wildcards/empty. */
function coversAllResources(pattern: string, service: string): boolean {
  if (pattern === "*") return true;
  const parts = pattern.split(":");
  if (parts[0] !== "arn" || !(parts[1] === "aws" || parts[1] === "*") || !(parts[2] === service || parts[2] === "*")) return false;
  const rest = parts.slice(3);
  return rest.length > 0 && rest[rest.length - 1] === "*" && rest.every((p) => p === "" || p === "*");
}

function resourceMatches(statement: Statement, service: string): Tri {
  if (statement.NotResource !== undefined) return "maybe";
  const patterns = strings(statement.Resource);
  if (patterns.some((p) => coversAllResources(p, service))) return "yes";
  return patterns.length > 0 ? "maybe" : "no";
}

function statementApplies(statement: Statement, request: PolicyRequest, service: string): Tri {
  const parts: Tri[] = [actionMatches(statement, request.action), principalMatches(statement, request), resourceMatches(statement, service)];
  if (parts.includes("no")) return "no";
  if (statement.Condition !== undefined && Object.keys(statement.Condition as object).length > 0) return "maybe";
  return parts.includes("maybe") ? "maybe" : "yes";
}

function label(statement: Statement, position: number): string {
  return statement.Sid === undefined ? `statement ${position + 1}` : `statement "${statement.Sid}"`;
}

/**
 * Whether an endpoint policy lets the function make `request.action`. Absent policy = full access. An explicit
 * unconditional Deny wins; conditions, Not* elements and specific resources can't be decided offline.
 */
export function evaluateEndpointPolicy(document: string | undefined, request: PolicyRequest): PolicyDecision {
  if (document === undefined || document.trim() === "") return { result: "allow", reason: "no endpoint policy: full access" };
  let parsed: Json;
  try {
    parsed = JSON.parse(document);
  } catch {
    return { result: "uncertain", reason: "the policy document is not valid JSON" };
  }
  const raw = (parsed as { Statement?: Json } | null)?.Statement;
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((s): s is Statement => typeof s === "object" && s !== null);
  const service = request.action.split(":")[0] ?? "";
  const allow: string[] = [];
  const maybeAllow: string[] = [];
  const maybeDeny: string[] = [];
  for (const [position, statement] of statements.entries()) {
    const applies = statementApplies(statement, request, service);
    if (applies === "no") continue;
    const name = label(statement, position);
    if (statement.Effect === "Deny") {
      if (applies === "yes") return { result: "deny", reason: `${name} denies ${request.action} to every caller and resource` };
      maybeDeny.push(name);
    } else if (statement.Effect === "Allow") {
      (applies === "yes" ? allow : maybeAllow).push(name);
    }
  }
  if (allow.length > 0 && maybeDeny.length === 0) return { result: "allow", reason: `${allow[0]} allows ${request.action}` };
  if (allow.length > 0 || maybeAllow.length > 0 || maybeDeny.length > 0) {
    const open = [...maybeDeny.map((s) => `${s} (Deny)`), ...maybeAllow.map((s) => `${s} (Allow)`)];
    return { result: "uncertain", reason: `${open.join(", ")} depend on conditions, Not* elements or specific resources (which key or principal the function uses is not in the snapshot)` };
  }
  return { result: "deny", reason: `no statement allows ${request.action} for the function's role` };
}
