import { EC2_PAGE_SIZES } from "../../src/collectors/ec2.js";
import { ROUTE53_PAGE_SIZES } from "../../src/collectors/route53.js";
import { RESOLVER_PAGE_SIZE } from "../../src/collectors/resolver.js";
import { TGW_PAGE_SIZE } from "../../src/collectors/transit-gateways.js";
import type { RegionCalls } from "../../src/snapshot/types.js";
import type { LoggedRequest } from "./server-process.js";

/**
 * The longest chain of requests that must happen one after another, in requests (multiply by the latency):
 *   1 (sts:GetCallerIdentity) + 1 (ec2:DescribeRegions) + max over regions of the region's longest chain, where a
 *   region's chains are (`regionChain`)
 *   - each paginated list: its page count (page n+1 needs page n's token), taken from the server's request log;
 *   - DescribeVpcs pages + 1 (DescribeVpcAttribute per VPC, all at once, needs the VPC ids);
 *   - DescribeVpcs pages + the most pages any VPC's ListHostedZonesByVPC takes;
 *   - DescribeManagedPrefixLists pages + the most pages any one list's GetManagedPrefixListEntries takes;
 *   - ListHostedZones pages + the most pages any zone's ListResourceRecordSets takes;
 *   - DescribeTransitGatewayRouteTables pages + the most pages any table's associations, propagations or routes take;
 *   - ListProfiles pages + the most pages any Profile's resource associations take;
 *   - ListFunctions pages, alongside GetResources pages (function tags, in bulk), + 1 (GetFunctionConfiguration per
 *     VPC function, all at once, needs the functions);
 *   - GetServiceQuota (+ GetAWSDefaultServiceQuota when the first answers NoSuchResource).
 * Calls made per resource count one level, because the collectors issue them concurrently. Route 53 is global (its
 * requests are not logged under the region they are about), so its page counts come from the served data.
 */
export interface CriticalPath {
  readonly requests: number;
  readonly region: string;
  readonly chain: string;
  readonly totalRequests: number;
}

export interface Chain {
  readonly requests: number;
  readonly chain: string;
}

const SEQUENTIAL = [
  "DescribeVpcs", "DescribeSubnets", "DescribeRouteTables", "DescribeInternetGateways", "DescribeEgressOnlyInternetGateways", "DescribeNatGateways",
  "DescribeVpcEndpoints", "DescribeVpcEndpointServices", "DescribeSecurityGroups", "DescribeNetworkAcls", "DescribeManagedPrefixLists",
  "DescribeDhcpOptions", "DescribeAddresses", "DescribeAccountAttributes", "DescribeTransitGateways", "DescribeTransitGatewayAttachments",
  "DescribeTransitGatewayVpcAttachments", "DescribeVpcPeeringConnections", "ListResolverRules", "ListResolverRuleAssociations", "ListProfileAssociations",
] as const;

/** Successful requests of one operation (in one account's region, for the caller to decide). */
export type RequestCount = (operation: string) => number;

function pages(items: number, size: number): number {
  return Math.max(1, Math.ceil(items / size));
}

/** The most pages any one record's list takes; 0 when there is no record (no request at all). */
function mostPages<R>(records: readonly R[] | undefined, length: (record: R) => number, size: number): number {
  return Math.max(0, ...(records ?? []).map((r) => pages(length(r), size)));
}

function ok<K extends keyof RegionCalls>(calls: RegionCalls, call: K): Extract<NonNullable<RegionCalls[K]>, { status: "ok" }>["data"] | undefined {
  const record = calls[call];
  return record?.status === "ok" ? (record.data as Extract<NonNullable<RegionCalls[K]>, { status: "ok" }>["data"]) : undefined;
}

/** The longest chain of one region's collection, given its successful requests by operation and the data served. */
export function regionChain(count: RequestCount, calls: RegionCalls): Chain {
  const chains: [string, number][] = SEQUENTIAL.map((operation) => [operation, count(operation)]);
  const vpcs = count("DescribeVpcs");
  chains.push(["DescribeVpcs + DescribeVpcAttribute", vpcs + (count("DescribeVpcAttribute") > 0 ? 1 : 0)]);
  chains.push(["DescribeVpcs + ListHostedZonesByVPC", vpcs + mostPages(ok(calls, "ListHostedZonesByVPC"), (r) => r.HostedZoneSummaries.length, ROUTE53_PAGE_SIZES.ListHostedZonesByVPC)]);
  chains.push(["DescribeManagedPrefixLists + GetManagedPrefixListEntries", count("DescribeManagedPrefixLists") + mostPages(ok(calls, "GetManagedPrefixListEntries"), (r) => r.Entries.length, EC2_PAGE_SIZES.GetManagedPrefixListEntries)]);
  const zones = ok(calls, "ListHostedZones");
  if (zones !== undefined) {
    chains.push(["ListHostedZones + ListResourceRecordSets", pages(zones.HostedZones.length, ROUTE53_PAGE_SIZES.ListHostedZones) + mostPages(ok(calls, "ListResourceRecordSets"), (r) => r.ResourceRecordSets.length, ROUTE53_PAGE_SIZES.ListResourceRecordSets)]);
  }
  const perTable = Math.max(
    mostPages(ok(calls, "GetTransitGatewayRouteTableAssociations"), (r) => r.Associations.length, TGW_PAGE_SIZE),
    mostPages(ok(calls, "GetTransitGatewayRouteTablePropagations"), (r) => r.TransitGatewayRouteTablePropagations.length, TGW_PAGE_SIZE),
    mostPages(ok(calls, "SearchTransitGatewayRoutes"), (r) => r.Routes.length, TGW_PAGE_SIZE),
  );
  chains.push(["DescribeTransitGatewayRouteTables + per-table calls", count("DescribeTransitGatewayRouteTables") + perTable]);
  chains.push(["ListProfiles + ListProfileResourceAssociations", count("ListProfiles") + mostPages(ok(calls, "ListProfileResourceAssociations"), (r) => r.ProfileResourceAssociations.length, RESOLVER_PAGE_SIZE)]);
  chains.push(["ListFunctions | GetResources + GetFunctionConfiguration", Math.max(count("ListFunctions"), count("GetResources")) + (count("GetFunctionConfiguration") > 0 ? 1 : 0)]);
  chains.push(["GetServiceQuota", count("GetServiceQuota") + count("GetAWSDefaultServiceQuota")]);
  const [chain, requests] = chains.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { requests, chain };
}

/** A request counter over the log's successful requests, restricted to one region (and account, when given). */
export function counter(log: readonly LoggedRequest[], region: string, account?: string): RequestCount {
  const counts = new Map<string, number>();
  for (const [, op, r, status, , acting] of log) {
    if (r === region && status < 300 && (account === undefined || acting === account)) counts.set(op, (counts.get(op) ?? 0) + 1);
  }
  return (operation) => counts.get(operation) ?? 0;
}

/** Computed from the successful requests of the log (retries of throttled requests are not part of the path). */
export function criticalPath(log: readonly LoggedRequest[], regions: Readonly<Record<string, RegionCalls>>): CriticalPath {
  let best = { requests: 0, region: "", chain: "" };
  for (const [region, calls] of Object.entries(regions)) {
    const { requests, chain } = regionChain(counter(log, region), calls);
    if (requests > best.requests) best = { requests, region, chain };
  }
  const head = log.some(([, op]) => op === "GetCallerIdentity") ? 1 : 0;
  const regionsCall = log.some(([, op]) => op === "DescribeRegions") ? 1 : 0;
  return {
    requests: head + regionsCall + best.requests,
    region: best.region,
    chain: `GetCallerIdentity -> DescribeRegions -> ${best.chain} in ${best.region}`,
    totalRequests: log.filter(([, , , status]) => status < 300).length,
  };
}
