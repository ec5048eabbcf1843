/** How each service answers errors on the wire, and the codes it uses for throttling, 500s and denial. */
import { ec2Error } from "./ec2-xml.js";

export type Service = "ec2" | "sts" | "lambda" | "servicequotas" | "cloudwatch" | "tag" | "route53" | "route53resolver" | "route53profiles" | "organizations";

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const XML = { "content-type": "text/xml;charset=UTF-8" };

const JSON_TYPES: Readonly<Record<Service, string>> = {
  ec2: "text/xml",
  sts: "text/xml",
  lambda: "application/json",
  servicequotas: "application/x-amz-json-1.1",
  cloudwatch: "application/x-amz-json-1.0",
  tag: "application/x-amz-json-1.1",
  route53: "text/xml",
  route53resolver: "application/x-amz-json-1.1",
  route53profiles: "application/json",
  organizations: "application/x-amz-json-1.1",
};

export function json(service: Service, body: unknown, status = 200): WireResponse {
  return { status, headers: { "content-type": JSON_TYPES[service] }, body: JSON.stringify(body) };
}

export function errorResponse(service: Service, status: number, code: string, message: string, requestId: string): WireResponse {
  switch (service) {
    case "ec2":
      return { status, headers: XML, body: ec2Error(code, message, requestId) };
    case "sts":
      return {
        status,
        headers: XML,
        body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case "lambda":
      return { status, headers: { "content-type": "application/json", "x-amzn-errortype": code, "x-amzn-requestid": requestId }, body: JSON.stringify({ Type: "User", message }) };
    case "route53":
      return {
        status,
        headers: XML,
        body: `<?xml version="1.0"?>\n<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case "route53profiles":
      return { status, headers: { "content-type": "application/json", "x-amzn-errortype": code, "x-amzn-requestid": requestId }, body: JSON.stringify({ Message: message }) };
    case "servicequotas":
    case "tag":
    case "route53resolver":
    case "organizations":
      return { status, headers: { "content-type": JSON_TYPES[service] }, body: JSON.stringify({ __type: code, Message: message }) };
    case "cloudwatch":
      return {
        status,
        headers: { "content-type": JSON_TYPES.cloudwatch, "x-amzn-query-error": `${code};${status >= 500 ? "Receiver" : "Sender"}` },
        body: JSON.stringify({ __type: code, message }),
      };
  }
}

/** [status, code, message] of a throttled request per service (aws-semantics.md §7; EC2 observed 503, D4). */
export const THROTTLE: Readonly<Record<Service, readonly [number, string, string]>> = {
  ec2: [503, "RequestLimitExceeded", "Request limit exceeded."],
  sts: [400, "Throttling", "Rate exceeded"],
  lambda: [429, "TooManyRequestsException", "Rate exceeded"],
  servicequotas: [400, "TooManyRequestsException", "Rate exceeded"],
  cloudwatch: [400, "Throttling", "Rate exceeded"],
  tag: [400, "ThrottledException", "Rate exceeded"],
  route53: [400, "Throttling", "Rate exceeded"],
  route53resolver: [400, "ThrottlingException", "Rate exceeded"],
  route53profiles: [429, "ThrottlingException", "Rate exceeded"],
  organizations: [400, "TooManyRequestsException", "Rate exceeded"],
};

export const SERVER_ERROR: Readonly<Record<Service, readonly [number, string, string]>> = {
  ec2: [500, "InternalError", "An internal error has occurred"],
  sts: [500, "InternalFailure", "An internal error has occurred"],
  lambda: [500, "ServiceException", "An internal error has occurred"],
  servicequotas: [500, "ServiceException", "An internal error has occurred"],
  cloudwatch: [500, "InternalServiceError", "An internal error has occurred"],
  tag: [500, "InternalServiceException", "An internal error has occurred"],
  route53: [500, "InternalFailure", "An internal error has occurred"],
  route53resolver: [500, "InternalServiceErrorException", "An internal error has occurred"],
  route53profiles: [500, "InternalServiceErrorException", "An internal error has occurred"],
  organizations: [500, "ServiceException", "An internal error has occurred"],
};

export const DENIED: Readonly<Record<Service, readonly [number, string, string]>> = {
  ec2: [403, "UnauthorizedOperation", "You are not authorized to perform this operation."],
  sts: [403, "AccessDenied", "not authorized"],
  lambda: [403, "AccessDeniedException", "not authorized"],
  servicequotas: [400, "AccessDeniedException", "not authorized"],
  cloudwatch: [403, "AccessDenied", "not authorized"],
  tag: [400, "AccessDeniedException", "not authorized"],
  route53: [403, "AccessDenied", "not authorized"],
  route53resolver: [400, "AccessDeniedException", "not authorized"],
  route53profiles: [403, "AccessDeniedException", "not authorized"],
  organizations: [400, "AccessDeniedException", "not authorized"],
};

/** HTTP status for an error code a fixture recorded as a failed call. */
export function statusOf(code: string): number {
  return /denied|unauthorized|forbidden/i.test(code) ? 403 : 400;
}
