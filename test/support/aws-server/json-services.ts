/** Lambda (restJson1), Service Quotas and Resource Groups Tagging API (awsJson1_1), CloudWatch (awsJson1_0, query-compatible) and STS (awsQuery). */
import type { RegionIndex, ServedAccount } from "./account.js";
import { errorResponse, json, statusOf, XML, type WireResponse } from "./protocol.js";
import type { CallRecord } from "../../../src/snapshot/types.js";

const LIST_FUNCTIONS_MAX = 50;

export function listFunctions(region: RegionIndex, query: URLSearchParams, pageCap: number | undefined, requestId: string): WireResponse {
  const failed = failure("lambda", region.calls.ListFunctions, requestId);
  if (failed) return failed;
  const maxItems = query.get("MaxItems");
  let size = LIST_FUNCTIONS_MAX;
  if (maxItems !== null) {
    const n = Number(maxItems);
    if (!Number.isInteger(n) || n < 1 || n > 10000) return errorResponse("lambda", 400, "InvalidParameterValueException", "MaxItems", requestId);
    size = Math.min(n, LIST_FUNCTIONS_MAX);
  }
  if (pageCap !== undefined) size = Math.min(size, pageCap);
  const marker = query.get("Marker");
  const offset = marker === null ? 0 : Number(marker.replace(/^fn\./, ""));
  if (!Number.isInteger(offset) || offset < 0) return errorResponse("lambda", 400, "InvalidParameterValueException", "Marker", requestId);
  const end = offset + size;
  const page = region.functions.slice(offset, end);
  return json("lambda", { Functions: page, ...(end < region.functions.length ? { NextMarker: `fn.${end}` } : {}) });
}

/**
 * GetFunctionConfiguration by name or ARN: the function as ListFunctions serves it (environment values included, as
 * AWS returns them) with its recorded state fields. When the account records the call, a function it holds no record
 * for answers ResourceNotFound (deleted since ListFunctions); when it doesn't, every listed function is served as is.
 */
export function getFunctionConfiguration(region: RegionIndex, name: string, requestId: string): WireResponse {
  const record = region.calls.GetFunctionConfiguration;
  const failed = failure("lambda", record, requestId);
  if (failed) return failed;
  const listed = region.functions.find((fn) => fn.FunctionName === name || fn.FunctionArn === name);
  const state = record?.status === "ok" ? record.data.find((s) => s.FunctionArn === listed?.FunctionArn) : {};
  if (listed === undefined || state === undefined) {
    return errorResponse("lambda", 404, "ResourceNotFoundException", `Function not found: ${name}`, requestId);
  }
  return json("lambda", { ...listed, ...state });
}

const GET_RESOURCES_MAX = 100;

/** Resource Groups Tagging API GetResources for lambda:function; the last page's PaginationToken is "", as AWS sends. */
export function getResources(region: RegionIndex, body: Record<string, unknown>, pageCap: number | undefined, requestId: string): WireResponse {
  const filters = body.ResourceTypeFilters;
  if (!Array.isArray(filters) || filters.length !== 1 || filters[0] !== "lambda:function") {
    return errorResponse("tag", 400, "InvalidParameterException", "this server serves ResourceTypeFilters [\"lambda:function\"] only", requestId);
  }
  let size = GET_RESOURCES_MAX;
  if (body.ResourcesPerPage !== undefined) {
    const n = body.ResourcesPerPage;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > GET_RESOURCES_MAX) {
      return errorResponse("tag", 400, "InvalidParameterException", "ResourcesPerPage must be between 1 and 100", requestId);
    }
    size = n;
  }
  if (pageCap !== undefined) size = Math.min(size, pageCap);
  const token = typeof body.PaginationToken === "string" ? body.PaginationToken : "";
  if (token !== "" && !/^tag\.\d+$/.test(token)) return errorResponse("tag", 400, "InvalidParameterException", "PaginationToken", requestId);
  const offset = token === "" ? 0 : Number(token.slice("tag.".length));
  const end = offset + size;
  const page = region.taggedFunctions.slice(offset, end);
  return json("tag", { ResourceTagMappingList: page, PaginationToken: end < region.taggedFunctions.length ? `tag.${end}` : "" });
}

export function serviceQuota(region: RegionIndex, operation: string, body: Record<string, unknown>, requestId: string): WireResponse {
  if (body.ServiceCode !== "ec2" || body.QuotaCode !== "L-0263D0A3") {
    return errorResponse("servicequotas", 400, "NoSuchResourceException", "The request failed because the specified quota doesn't exist.", requestId);
  }
  const record = operation === "GetServiceQuota" ? region.calls.GetServiceQuota : region.calls.GetAWSDefaultServiceQuota;
  if (record === undefined) {
    return errorResponse("servicequotas", 400, "NoSuchResourceException", "The request failed because the specified quota doesn't exist.", requestId);
  }
  return failure("servicequotas", record, requestId) ?? json("servicequotas", (record as { data: unknown }).data);
}

interface MetricQuery {
  readonly Id: string;
  readonly MetricStat?: { readonly Metric?: { readonly MetricName?: string; readonly Dimensions?: readonly { Name?: string; Value?: string }[] } };
}

/** Each NAT gateway's recorded total, served as two datapoints (so the collector must add them up). */
export function getMetricData(region: RegionIndex, body: Record<string, unknown>, pageCap: number | undefined, requestId: string): WireResponse {
  const failed = failure("cloudwatch", region.calls.NatGatewayTraffic, requestId);
  if (failed) return failed;
  const queries = (body.MetricDataQueries as MetricQuery[] | undefined) ?? [];
  if (queries.length > 500) return errorResponse("cloudwatch", 400, "InvalidParameterValue", "at most 500 queries", requestId);
  const start = typeof body.StartTime === "number" ? body.StartTime : 0;
  const offset = typeof body.NextToken === "string" ? Number(body.NextToken) : 0;
  const end = offset + (pageCap ?? queries.length);
  const results = queries.slice(offset, end).map((q) => {
    const metric = q.MetricStat?.Metric;
    const nat = metric?.Dimensions?.find((d) => d.Name === "NatGatewayId")?.Value ?? "";
    const traffic = region.trafficByNat.get(nat);
    const total = traffic ? Number(traffic[metric?.MetricName as "BytesOutToDestination" | "BytesInFromDestination"] ?? 0) : undefined;
    const values = total === undefined ? [] : [Math.floor(total / 2), total - Math.floor(total / 2)];
    return { Id: q.Id, Label: metric?.MetricName, Timestamps: values.map((_, i) => start + i * 86400), Values: values, StatusCode: "Complete" };
  });
  return json("cloudwatch", { MetricDataResults: results, Messages: [], ...(end < queries.length ? { NextToken: String(end) } : {}) });
}

export function getCallerIdentity(account: ServedAccount, requestId: string): WireResponse {
  const body =
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
    `<Arn>arn:aws:iam::${account.accountId}:user/kms-audit-test</Arn><UserId>AIDATESTTESTTESTTEST</UserId><Account>${account.accountId}</Account>` +
    `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  return { status: 200, headers: XML, body };
}

function failure(service: "lambda" | "servicequotas" | "cloudwatch", record: CallRecord<unknown> | undefined, requestId: string): WireResponse | undefined {
  if (record?.status !== "failed") return undefined;
  return errorResponse(service, statusOf(record.error.code), record.error.code, record.error.message, requestId);
}
