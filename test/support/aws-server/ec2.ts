import type { RegionCalls } from "../../../src/snapshot/types.js";
import type { RegionIndex, ServedAccount } from "./account.js";
import { ec2Response } from "./ec2-xml.js";
import { filterItems } from "./ec2-filters.js";
import { errorResponse, statusOf, XML, type WireResponse } from "./protocol.js";
import { transitGatewayOutput } from "./transit-gateways.js";

interface ListOperation {
  readonly call: keyof RegionCalls;
  readonly key: string;
  /** MaxResults range (EC2 API Reference); `capAbove` = larger values are served as `max` instead of rejected. */
  readonly min: number;
  readonly max: number;
  readonly capAbove?: boolean;
}

const LISTS: Readonly<Record<string, ListOperation>> = {
  DescribeVpcs: { call: "DescribeVpcs", key: "Vpcs", min: 5, max: 1000 },
  DescribeSubnets: { call: "DescribeSubnets", key: "Subnets", min: 5, max: 1000 },
  DescribeRouteTables: { call: "DescribeRouteTables", key: "RouteTables", min: 5, max: 100 },
  DescribeInternetGateways: { call: "DescribeInternetGateways", key: "InternetGateways", min: 5, max: 1000 },
  DescribeEgressOnlyInternetGateways: { call: "DescribeEgressOnlyInternetGateways", key: "EgressOnlyInternetGateways", min: 5, max: 255 },
  DescribeNatGateways: { call: "DescribeNatGateways", key: "NatGateways", min: 5, max: 1000 },
  DescribeVpcEndpoints: { call: "DescribeVpcEndpoints", key: "VpcEndpoints", min: 1, max: 1000, capAbove: true },
  DescribeSecurityGroups: { call: "DescribeSecurityGroups", key: "SecurityGroups", min: 5, max: 1000 },
  DescribeNetworkAcls: { call: "DescribeNetworkAcls", key: "NetworkAcls", min: 5, max: 1000 },
  DescribeManagedPrefixLists: { call: "DescribeManagedPrefixLists", key: "PrefixLists", min: 1, max: 100 },
  DescribeDhcpOptions: { call: "DescribeDhcpOptions", key: "DhcpOptions", min: 5, max: 1000 },
};

export interface Ec2Request {
  readonly operation: string;
  readonly params: URLSearchParams;
  readonly region: RegionIndex | undefined;
  readonly regionName: string;
  readonly account: ServedAccount;
  readonly requestId: string;
  readonly pageCap: number | undefined;
}

export class Ec2Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function handleEc2(request: Ec2Request): WireResponse {
  try {
    const output = ec2Output(request);
    return { status: 200, headers: XML, body: ec2Response(request.operation, output, request.requestId) };
  } catch (error) {
    if (error instanceof Ec2Failure) return errorResponse("ec2", error.status, error.code, error.message, request.requestId);
    throw error;
  }
}

function ec2Output(request: Ec2Request): Record<string, unknown> {
  const { operation, params } = request;
  if (operation === "DescribeRegions") return describeRegions(request);
  const region = request.region;
  if (region === undefined) throw new Ec2Failure(401, "AuthFailure", `region ${request.regionName} is not enabled for this account`);
  const list = LISTS[operation];
  if (list) {
    const items = filterItems(operation, params, (okData(region.calls, list.call) as Record<string, unknown[]> | undefined)?.[list.key] ?? []);
    const { page, next } = paginate(items, params.get("MaxResults"), params.get("NextToken"), list, request.pageCap, operation);
    return { [list.key]: page, ...(next ? { NextToken: next } : {}) };
  }
  switch (operation) {
    case "DescribeVpcAttribute":
      return vpcAttribute(region, params);
    case "DescribeVpcEndpointServices":
      return endpointServices(region, params, request.pageCap);
    case "GetManagedPrefixListEntries":
      return prefixListEntries(region, params, request.pageCap);
    case "DescribeAddresses":
      return { Addresses: (okData(region.calls, "DescribeAddresses") as { Addresses: unknown[] } | undefined)?.Addresses ?? [] };
    case "DescribeAccountAttributes":
      return accountAttributes(region, params);
    default:
      return transitGatewayOutput(operation, region, params, request.pageCap) ?? unknownAction(operation);
  }
}

function unknownAction(operation: string): never {
  throw new Ec2Failure(400, "InvalidAction", `The action ${operation} is not valid for this web service.`);
}

/** The data of a call the fixture recorded; its error when it recorded a failure; undefined when absent. */
export function okData(calls: RegionCalls, call: keyof RegionCalls): unknown {
  const record = calls[call];
  if (record?.status === "failed") throw new Ec2Failure(statusOf(record.error.code), record.error.code, record.error.message);
  return record?.data;
}

export function paginate<T>(
  items: readonly T[],
  maxResults: string | null,
  token: string | null,
  range: { readonly min: number; readonly max: number; readonly capAbove?: boolean },
  pageCap: number | undefined,
  operation: string,
): { page: readonly T[]; next: string | undefined; offset: number } {
  let size = items.length;
  if (maxResults !== null) {
    const n = Number(maxResults);
    if (!Number.isInteger(n) || n < range.min || (n > range.max && !range.capAbove)) {
      throw new Ec2Failure(400, "InvalidParameterValue", `Value (${maxResults}) for parameter maxResults is invalid. Expecting a value between ${range.min} and ${range.max}.`);
    }
    size = Math.min(n, range.max);
  }
  if (pageCap !== undefined) size = Math.min(size, pageCap);
  const offset = token === null || token === "" ? 0 : tokenOffset(token, operation);
  const end = offset + Math.max(size, 1);
  return { page: items.slice(offset, end), next: end < items.length ? `${operation}.${end}` : undefined, offset };
}

function tokenOffset(token: string, operation: string): number {
  const [op, offset] = token.split(".");
  const n = Number(offset);
  if (op !== operation || !Number.isInteger(n) || n < 0) throw new Ec2Failure(400, "InvalidNextToken", `The token '${token}' is invalid.`);
  return n;
}

function vpcAttribute(region: RegionIndex, params: URLSearchParams): Record<string, unknown> {
  okData(region.calls, "DescribeVpcAttribute");
  const vpcId = params.get("VpcId") ?? "";
  const attribute = params.get("Attribute") ?? "";
  if (attribute !== "enableDnsSupport" && attribute !== "enableDnsHostnames") {
    throw new Ec2Failure(400, "InvalidParameterValue", `Value (${attribute}) for parameter attribute is invalid.`);
  }
  const record = region.vpcAttributes.get(`${vpcId}|${attribute}`);
  if (!record) throw new Ec2Failure(400, "InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
  return { ...record };
}

function endpointServices(region: RegionIndex, params: URLSearchParams, pageCap: number | undefined): Record<string, unknown> {
  const data = okData(region.calls, "DescribeVpcEndpointServices") as { ServiceNames: string[]; ServiceDetails?: unknown[] } | undefined;
  const names = data?.ServiceNames ?? [];
  const range = { min: 1, max: 1000, capAbove: true };
  const { page, next, offset } = paginate(names, params.get("MaxResults"), params.get("NextToken"), range, pageCap, "DescribeVpcEndpointServices");
  const details = data?.ServiceDetails?.slice(offset, offset + page.length);
  return { ServiceNames: page, ...(details ? { ServiceDetails: details } : {}), ...(next ? { NextToken: next } : {}) };
}

function prefixListEntries(region: RegionIndex, params: URLSearchParams, pageCap: number | undefined): Record<string, unknown> {
  okData(region.calls, "GetManagedPrefixListEntries");
  const id = params.get("PrefixListId") ?? "";
  const entries = region.prefixListEntries.get(id);
  if (!entries) throw new Ec2Failure(400, "InvalidPrefixListID.NotFound", `The prefix list ID '${id}' does not exist`);
  const { page, next } = paginate(entries, params.get("MaxResults"), params.get("NextToken"), { min: 1, max: 100 }, pageCap, "GetManagedPrefixListEntries");
  return { Entries: page, ...(next ? { NextToken: next } : {}) };
}

function accountAttributes(region: RegionIndex, params: URLSearchParams): Record<string, unknown> {
  const all = (okData(region.calls, "DescribeAccountAttributes") as { AccountAttributes: { AttributeName?: string }[] } | undefined)?.AccountAttributes ?? [];
  const wanted = [...params.entries()].filter(([k]) => /^AttributeName\.\d+$/.test(k)).map(([, v]) => v);
  return { AccountAttributes: wanted.length === 0 ? all : all.filter((a) => wanted.includes(a.AttributeName ?? "")) };
}

function describeRegions(request: Ec2Request): Record<string, unknown> {
  const statuses = new Map<string, string>(Object.keys(request.account.regions).map((r) => [r, "opt-in-not-required"]));
  for (const [region, status] of Object.entries(request.account.optIn ?? {})) statuses.set(region, status);
  const all = request.params.get("AllRegions") === "true";
  const regions = [...statuses]
    .filter(([, status]) => all || status !== "not-opted-in")
    .map(([RegionName, OptInStatus]) => ({ RegionName, Endpoint: `ec2.${RegionName}.amazonaws.com`, OptInStatus }));
  return { Regions: regions };
}
