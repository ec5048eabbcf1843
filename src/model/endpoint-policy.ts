import { wildcardMatch } from "../text/wildcard.js";
import type { Tri } from "./tri.js";

/** Who calls what through the endpoint. */
export interface PolicyRequest {
  /** e.g. kms:Decrypt */
  readonly action: string;
  /** The function's execution role ARN. */
  readonly roleArn?: string;
  /** The account the snapshot is of (the function's and its role's, unless the role ARN says otherwise). */
  readonly account: string;
  /** aws:SourceVpc: the VPC of the endpoint the call goes through. */
  readonly vpcId?: string;
  /** aws:SourceVpce: the endpoint the call goes through. */
  readonly endpointId?: string;
  /** aws:PrincipalOrgID, when the organization id is known (the snapshot usually doesn't hold it). */
  readonly organizationId?: string;
}

/** The request a function's call through `endpoint` makes: its VPC and id are the aws:SourceVpc and aws:SourceVpce. */
export function policyRequest(endpoint: { readonly VpcEndpointId?: string; readonly VpcId?: string }, action: string, account: string, roleArn: string | undefined): PolicyRequest {
  return {
    action,
    account,
    ...(roleArn === undefined ? {} : { roleArn }),
    ...(endpoint.VpcId === undefined ? {} : { vpcId: endpoint.VpcId }),
    ...(endpoint.VpcEndpointId === undefined ? {} : { endpointId: endpoint.VpcEndpointId }),
  };
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

/** A three-valued answer and, for "maybe", what the snapshot doesn't say. */
interface Part {
  readonly tri: Tri;
  readonly why?: string;
}

const YES: Part = { tri: "yes" };
const NO: Part = { tri: "no" };

function maybe(why: string): Part {
  return { tri: "maybe", why };
}

function strings(value: Json): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** Condition values may be strings, numbers or booleans (IAM compares their string forms). */
function conditionValues(value: Json): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean").map(String);
}

/** IAM wildcard match: * any run, ? one character; actions compare case-insensitively. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = true): boolean {
  return wildcardMatch(pattern, value, { questionMark: true, ignoreCase });
}

function actionMatches(statement: Statement, action: string): Part {
  if (statement.NotAction !== undefined) return strings(statement.NotAction).some((p) => wildcardMatches(p, action)) ? NO : YES;
  return strings(statement.Action).some((p) => wildcardMatches(p, action)) ? YES : NO;
}

/** arn:<partition>:iam::<account>:role/<path/>name → its account and name. */
function roleParts(roleArn: string | undefined): { account: string; name: string } | undefined {
  const match = /^arn:[^:]+:iam::(\d{12}):role\/([^:]+)$/.exec(roleArn ?? "");
  if (match === null) return undefined;
  const name = match[2]!.slice(match[2]!.lastIndexOf("/") + 1);
  return name === "" ? undefined : { account: match[1]!, name };
}

function principalAccount(request: PolicyRequest): string {
  return roleParts(request.roleArn)?.account ?? request.account;
}

/** An assumed-role session of the function's role: arn:<partition>:sts::<account>:assumed-role/<role name>/<session>. */
function isSessionOfRole(principal: string, request: PolicyRequest): boolean {
  const role = roleParts(request.roleArn);
  if (role === undefined) return false;
  const match = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return match !== null && match[1] === role.account && match[2] === role.name;
}

function awsPrincipals(element: Json): string[] | "any" {
  if (element === "*") return "any";
  if (typeof element !== "object" || element === null || Array.isArray(element)) return [];
  const aws = strings((element as Record<string, Json>)["AWS"]);
  return aws.includes("*") ? "any" : aws;
}

/**
 * Whether the function's calls are among `Principal`. They arrive as a session of the execution role; a policy naming
 * the role (or its account) covers its sessions. A policy naming one session can't be decided: the session name
 * Lambda uses is not in the snapshot.
 */
function principalMatches(statement: Statement, request: PolicyRequest): Part {
  if (statement.NotPrincipal !== undefined) return notPrincipalMatches(statement, request);
  if (statement.Principal === undefined) return NO;
  const listed = awsPrincipals(statement.Principal);
  if (listed === "any") return YES;
  const account = principalAccount(request);
  const root = `arn:aws:iam::${account}:root`;
  if (listed.some((p) => p === account || p === root || (request.roleArn !== undefined && p === request.roleArn))) return YES;
  if (listed.some((p) => isSessionOfRole(p, request))) return maybe("it names one session of the function's role, and the session name Lambda uses is not in the snapshot");
  return NO;
}

/**
 * NotPrincipal (supported with Deny only): the statement applies to every principal it does not list. AWS checks the
 * account, the role and the assumed-role session separately, so a list naming only the role ARN (and the account)
 * still covers the role's sessions, which are what the function's calls carry (IAM User Guide, "AWS JSON policy
 * elements: NotPrincipal"; aws-semantics.md §10). Only a list naming a session of the function's role might exempt it.
 */
function notPrincipalMatches(statement: Statement, request: PolicyRequest): Part {
  if (statement.Effect !== "Deny") return maybe("NotPrincipal is supported with Deny only, so how AWS applies it with Allow is not defined");
  const listed = awsPrincipals(statement.NotPrincipal);
  if (listed === "any") return NO;
  if (listed.some((p) => isSessionOfRole(p, request))) {
    return maybe("its NotPrincipal names a session of the function's role, and the session name Lambda uses is not in the snapshot");
  }
  if (request.roleArn === undefined && listed.some((p) => p.includes(":assumed-role/"))) return maybe("the function's role is not in the snapshot");
  return YES;
}

/** Covers every resource of the service: "*", or an ARN whose fields after the service are all wildcards/empty. */
function coversAllResources(pattern: string, service: string): boolean {
  if (pattern === "*") return true;
  const parts = pattern.split(":");
  if (parts[0] !== "arn" || !(parts[1] === "aws" || parts[1] === "*") || !(parts[2] === service || parts[2] === "*")) return false;
  const rest = parts.slice(3);
  return rest.length > 0 && rest[rest.length - 1] === "*" && rest.every((p) => p === "" || p === "*");
}

function resourceMatches(statement: Statement, service: string): Part {
  const unknown = "which resource the function calls is not in the snapshot";
  if (statement.NotResource !== undefined) {
    return strings(statement.NotResource).some((p) => coversAllResources(p, service)) ? NO : maybe(`its NotResource excludes specific resources, and ${unknown}`);
  }
  const patterns = strings(statement.Resource);
  if (patterns.some((p) => coversAllResources(p, service))) return YES;
  return patterns.length > 0 ? maybe(`it names specific resources, and ${unknown}`) : NO;
}

/** The request context's value of a condition key, undefined when the snapshot doesn't decide it. */
function contextValue(key: string, request: PolicyRequest): string | undefined {
  switch (key.toLowerCase()) {
    case "aws:sourcevpc":
      return request.vpcId;
    case "aws:sourcevpce":
      return request.endpointId;
    case "aws:principalarn":
      // For a role session, aws:PrincipalArn is the role's ARN, not the session's.
      return request.roleArn;
    case "aws:principalaccount":
      return request.roleArn === undefined ? undefined : principalAccount(request);
    case "aws:principalorgid":
      return request.organizationId;
    default:
      return undefined;
  }
}

/** ARN operators compare each of the six colon-separated fields on its own (wildcards don't cross a colon). */
function arnMatches(pattern: string, value: string): boolean {
  const split = (arn: string): string[] => {
    const parts = arn.split(":");
    return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const p = split(pattern);
  const v = split(value);
  return p.length === 6 && v.length === 6 && p.every((piece, i) => wildcardMatch(piece, v[i]!, { questionMark: true }));
}

const OPERATORS: Readonly<Record<string, { readonly matches: (pattern: string, value: string) => boolean; readonly negated: boolean }>> = {
  stringequals: { matches: (p, v) => p === v, negated: false },
  stringnotequals: { matches: (p, v) => p === v, negated: true },
  stringequalsignorecase: { matches: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
  stringnotequalsignorecase: { matches: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: true },
  stringlike: { matches: (p, v) => wildcardMatch(p, v, { questionMark: true }), negated: false },
  stringnotlike: { matches: (p, v) => wildcardMatch(p, v, { questionMark: true }), negated: true },
  arnequals: { matches: arnMatches, negated: false },
  arnlike: { matches: arnMatches, negated: false },
  arnnotequals: { matches: arnMatches, negated: true },
  arnnotlike: { matches: arnMatches, negated: true },
};

/**
 * One condition operator over one key. The keys decided here are single-valued and present on every call through a
 * VPC endpoint (aws:PrincipalOrgID only when the account is in an organization), so IfExists changes nothing and
 * ForAnyValue/ForAllValues reduce to the plain operator.
 */
function conditionHolds(operator: string, key: string, values: Json, request: PolicyRequest): Part {
  const base = operator.replace(/^for(?:anyvalue|allvalues):/i, "").replace(/ifexists$/i, "").toLowerCase();
  const value = contextValue(key, request);
  if (value === undefined) {
    const what = key.toLowerCase() === "aws:principalorgid" ? "the organization id is not in the snapshot" : "kms-audit can't decide it from the snapshot";
    return maybe(`its condition ${operator} on ${key} (${what})`);
  }
  const expected = conditionValues(values);
  if (base === "null") {
    // The key is present: "true" asks for it to be absent.
    return expected.some((v) => v.toLowerCase() === "false") ? YES : NO;
  }
  const op = OPERATORS[base];
  if (op === undefined) return maybe(`its condition ${operator} on ${key} (kms-audit does not evaluate that operator)`);
  const any = expected.some((pattern) => op.matches(pattern, value));
  return (op.negated ? !any : any) ? YES : NO;
}

/** Every operator and key of the Condition block must hold. */
function conditionMatches(statement: Statement, request: PolicyRequest): Part {
  const block = statement.Condition;
  if (block === undefined || typeof block !== "object" || block === null) return YES;
  let open: Part | undefined;
  for (const [operator, keys] of Object.entries(block as Record<string, Json>)) {
    if (typeof keys !== "object" || keys === null) return maybe(`its condition ${operator} is malformed`);
    for (const [key, values] of Object.entries(keys as Record<string, Json>)) {
      const part = conditionHolds(operator, key, values, request);
      if (part.tri === "no") return NO;
      if (part.tri === "maybe") open ??= part;
    }
  }
  return open ?? YES;
}

function statementApplies(statement: Statement, request: PolicyRequest, service: string): Part {
  const parts: Part[] = [actionMatches(statement, request.action), principalMatches(statement, request), resourceMatches(statement, service), conditionMatches(statement, request)];
  if (parts.some((p) => p.tri === "no")) return NO;
  return parts.find((p) => p.tri === "maybe") ?? YES;
}

function label(statement: Statement, position: number): string {
  return statement.Sid === undefined ? `statement ${position + 1}` : `statement "${statement.Sid}"`;
}

/** What made a Deny apply, for the reason text (which names no role: results are shared by functions alike). */
function denyScope(statement: Statement): string {
  const conditional = statement.Condition !== undefined && Object.keys(statement.Condition as object).length > 0;
  if (statement.NotPrincipal !== undefined) {
    return `to every principal its NotPrincipal does not list, and the function's role session is not listed${conditional ? ", with its conditions met" : ""}`;
  }
  return conditional ? "with its conditions met for the function's calls" : "to every caller and resource";
}

/**
 * Whether an endpoint policy lets the function make `request.action`. Absent policy = full access. An explicit Deny
 * that applies wins; NotPrincipal, NotAction, NotResource and the condition keys the snapshot decides (aws:SourceVpc,
 * aws:SourceVpce, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID when known) are evaluated; other
 * conditions and specific resources can't be decided offline.
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
  const open: string[] = [];
  let openDeny = false;
  for (const [position, statement] of statements.entries()) {
    const applies = statementApplies(statement, request, service);
    if (applies.tri === "no") continue;
    const name = label(statement, position);
    if (statement.Effect === "Deny") {
      if (applies.tri === "yes") return { result: "deny", reason: `${name} denies ${request.action} ${denyScope(statement)}` };
      openDeny = true;
      open.push(`${name} (Deny) may apply: ${applies.why}`);
    } else if (statement.Effect === "Allow") {
      if (applies.tri === "yes") allow.push(name);
      else open.push(`${name} (Allow) may apply: ${applies.why}`);
    }
  }
  if (allow.length > 0 && !openDeny) return { result: "allow", reason: `${allow[0]} allows ${request.action}` };
  if (allow.length > 0 || open.length > 0) return { result: "uncertain", reason: open.join("; ") };
  return { result: "deny", reason: `no statement allows ${request.action} for the function's role` };
}
