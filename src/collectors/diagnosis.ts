/**
 * What went wrong with an AWS call, told apart the way a user fixes it: the network, the endpoint, the region, the
 * service, the credentials or a permission. Each diagnosis is words and a next step, never the SDK's internals
 * (stack frames, "@smithy/node-http-handler - ...", "Could not load credentials from any providers").
 */

export type FailureKind = "network" | "timeout" | "endpoint" | "region" | "server" | "credentials" | "permission" | "throttled" | "other";

export interface Failure {
  readonly kind: FailureKind;
  /** AWS's error code, or a name for a failure without one (ConnectionRefused, Timeout, HTTP502...). */
  readonly code: string;
  /** What happened, in words. */
  readonly what: string;
  /** What to do next. */
  readonly next: string;
}

/** Where the call went: the endpoint URL when one is configured (--endpoint-url, AWS_ENDPOINT_URL...). */
export interface CallPlace {
  readonly region: string;
  readonly endpoint?: string;
}

/**
 * Failures that no other call can escape either: the collection stops with the diagnosis instead of recording gaps.
 * Credentials are checked by the first call (STS GetCallerIdentity), which stops on any failure; a call rejecting them
 * later is about that call or region (a region not enabled answers AuthFailure), so it stays a gap.
 */
const FATAL: ReadonlySet<FailureKind> = new Set(["network", "timeout", "endpoint", "region"]);

export function isFatal(failure: Failure): boolean {
  return FATAL.has(failure.kind);
}

const CREDENTIAL_CODES = new Set([
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidToken",
  "UnrecognizedClientException",
  "AuthFailure",
  "InvalidAccessKeyId",
  "InvalidSecurity",
  "MissingAuthenticationToken",
  "RequestExpired",
]);
const PERMISSION_CODES = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException", "Forbidden"]);
const THROTTLE_CODES = new Set(["Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled", "SlowDown"]);
const NETWORK_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL", "EPROTO"]);

const CREDENTIALS_HINT =
  "configure credentials (--profile or AWS_PROFILE, `aws sso login`, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, web identity, instance or container role), " +
  "or scan a saved snapshot with --snapshot FILE";

interface ErrorFields {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly Code?: unknown;
  readonly message?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly attempts?: unknown };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** AWS's own message, on one line and bounded (it is shown, and it is external text). */
function awsMessage(message: string | undefined): string {
  const line = (message ?? "").replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function endpointOf(fields: ErrorFields, place: CallPlace): string {
  const address = text(fields.address);
  if (address !== undefined) return typeof fields.port === "number" ? `${address}:${fields.port}` : address;
  return place.endpoint ?? "the AWS endpoint";
}

const ENDPOINT_HINT = (place: CallPlace): string =>
  place.endpoint === undefined
    ? "check the network path to AWS (proxy settings, firewall, DNS), or scan a saved snapshot with --snapshot FILE"
    : "check the endpoint URL (--endpoint-url, AWS_ENDPOINT_URL) and that the service behind it is running";

function attempts(fields: ErrorFields): string {
  const count = fields.$metadata?.attempts;
  return typeof count === "number" && count > 1 ? ` (${count} attempts)` : "";
}

export function diagnose(error: unknown, place: CallPlace): Failure {
  const fields: ErrorFields = typeof error === "object" && error !== null ? (error as ErrorFields) : { message: String(error) };
  const name = text(fields.name) ?? "Error";
  const nodeCode = text(fields.code);
  const awsCode = text(fields.Code) ?? (fields.$metadata !== undefined && fields.$fault !== undefined ? name : undefined);
  const message = text(fields.message) ?? "";
  const status = typeof fields.$metadata?.httpStatusCode === "number" ? fields.$metadata.httpStatusCode : undefined;

  if (name === "CredentialsProviderError") return { kind: "credentials", code: "NoCredentials", what: "no AWS credentials found", next: CREDENTIALS_HINT };
  if (awsCode !== undefined && CREDENTIAL_CODES.has(awsCode)) {
    const next = /expired/i.test(awsCode) ? `refresh them (\`aws sso login\`, a new session), or ${CREDENTIALS_HINT.replace(/^configure credentials/, "configure others")}` : CREDENTIALS_HINT;
    return { kind: "credentials", code: awsCode, what: `AWS rejected the credentials (${awsCode}: ${awsMessage(message)})`, next };
  }
  if (awsCode !== undefined && PERMISSION_CODES.has(awsCode)) {
    return { kind: "permission", code: awsCode, what: `permission denied (${awsCode}: ${awsMessage(message)})`, next: "attach the read-only policy docs/iam-policy.json to the role" };
  }
  if (awsCode !== undefined && THROTTLE_CODES.has(awsCode)) {
    return { kind: "throttled", code: awsCode, what: `throttled by AWS after retries${attempts(fields)} (${awsCode})`, next: "run again later, or lower --concurrency" };
  }
  if (nodeCode === "ECONNREFUSED") {
    return { kind: "network", code: "ConnectionRefused", what: `connection refused by ${endpointOf(fields, place)}${attempts(fields)}`, next: ENDPOINT_HINT(place) };
  }
  if (nodeCode === "ENOTFOUND" || nodeCode === "EAI_AGAIN") {
    const host = text(fields.hostname) ?? "the endpoint's host name";
    const next =
      place.endpoint === undefined
        ? `check the region name (${place.region}) and the machine's DNS settings`
        : "check the host name of the endpoint URL (--endpoint-url, AWS_ENDPOINT_URL) and the machine's DNS settings";
    return { kind: "network", code: "DnsFailure", what: `DNS could not resolve ${host}`, next };
  }
  if (name === "TimeoutError" || nodeCode === "ETIMEDOUT") {
    return { kind: "timeout", code: "Timeout", what: `no answer from ${endpointOf(fields, place)} in time${attempts(fields)}`, next: ENDPOINT_HINT(place) };
  }
  if (nodeCode !== undefined && NETWORK_CODES.has(nodeCode)) {
    return { kind: "network", code: "ConnectionFailed", what: `the connection to ${endpointOf(fields, place)} failed (${nodeCode})`, next: ENDPOINT_HINT(place) };
  }
  if (nodeCode !== undefined && /^(CERT_|ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(nodeCode)) {
    return {
      kind: "network",
      code: "TlsFailure",
      what: `the TLS handshake with ${endpointOf(fields, place)} failed (${nodeCode})`,
      next: "check the endpoint URL, or give a TLS-intercepting proxy's CA with NODE_EXTRA_CA_CERTS",
    };
  }
  if (nodeCode === "ERR_INVALID_URL" || (name === "TypeError" && /invalid url/i.test(message))) {
    return { kind: "endpoint", code: "InvalidEndpoint", what: "the endpoint URL is not a valid URL", next: "give an http(s) URL such as http://localhost:4566 in --endpoint-url or AWS_ENDPOINT_URL" };
  }
  if (/^Region not accepted|invalid region/i.test(message) || name === "InvalidRegion") {
    return { kind: "region", code: "InvalidRegion", what: `"${place.region}" is not a valid region name`, next: "give a region such as ap-northeast-1 (--region, AWS_REGION or the profile's region)" };
  }
  if ((status !== undefined && status >= 500) || fields.$fault === "server") {
    const code = awsCode !== undefined && awsCode !== "Unknown" ? awsCode : `HTTP${status ?? 500}`;
    const said = awsCode !== undefined && awsCode !== "Unknown" ? ` (${awsCode}: ${awsMessage(message)})` : " without an AWS error (a proxy or a load balancer in between?)";
    return {
      kind: "server",
      code,
      what: `${endpointOf(fields, place)} answered HTTP ${status ?? "5xx"}${said}${attempts(fields)}`,
      next: place.endpoint === undefined ? "AWS or a proxy in between is failing: run again later" : "the service behind the endpoint URL is failing: check it, or run again later",
    };
  }
  if (awsCode !== undefined) return { kind: "other", code: awsCode, what: `AWS answered ${awsCode}${status === undefined ? "" : ` (HTTP ${status})`}: ${awsMessage(message)}`, next: "see AWS's message" };
  return { kind: "other", code: nodeCode ?? name, what: `the call failed (${nodeCode ?? name}: ${awsMessage(message)})`, next: "see the message" };
}
