import { EC2_PAGE_SIZES } from "../../src/collectors/ec2.js";
import type { RegionCalls } from "../../src/snapshot/types.js";
import type { LoggedRequest } from "./server-process.js";

/**
 * The longest chain of requests that must happen one after another, in requests (multiply by the latency):
 *   1 (sts:GetCallerIdentity) + 1 (ec2:DescribeRegions) + max over regions of the region's longest chain, where a
 *   region's chains are
 *   - each paginated list: its page count (page n+1 needs page n's token), taken from the server's request log;
 *   - DescribeVpcs pages + 1 (DescribeVpcAttribute per VPC, all at once, needs the VPC ids);
 *   - DescribeManagedPrefixLists pages + the most pages any one list's GetManagedPrefixListEntries takes;
 *   - ListFunctions pages, and GetResources pages (function tags, in bulk);
 *   - GetServiceQuota (+ GetAWSDefaultServiceQuota when the first answers NoSuchResource).
 * Calls made per resource count one level, because the collectors issue them concurrently.
 */
export interface CriticalPath {
  readonly requests: number;
  readonly region: string;
  readonly chain: string;
  readonly totalRequests: number;
}

const SEQUENTIAL = new Set([
  "DescribeVpcs", "DescribeSubnets", "DescribeRouteTables", "DescribeInternetGateways", "DescribeEgressOnlyInternetGateways", "DescribeNatGateways",
  "DescribeVpcEndpoints", "DescribeVpcEndpointServices", "DescribeSecurityGroups", "DescribeNetworkAcls", "DescribeManagedPrefixLists",
  "DescribeDhcpOptions", "DescribeAddresses", "DescribeAccountAttributes", "ListFunctions", "GetResources",
]);

function count(log: readonly LoggedRequest[], region: string, operation: string): number {
  return log.filter(([, op, r, status]) => r === region && op === operation && status < 300).length;
}

function prefixListEntryPages(calls: RegionCalls): number {
  const records = calls.GetManagedPrefixListEntries?.status === "ok" ? calls.GetManagedPrefixListEntries.data : [];
  return Math.max(0, ...records.map((r) => Math.max(1, Math.ceil(r.Entries.length / EC2_PAGE_SIZES.GetManagedPrefixListEntries))));
}

/** Computed from the successful requests of the log (retries of throttled requests are not part of the path). */
export function criticalPath(log: readonly LoggedRequest[], regions: Readonly<Record<string, RegionCalls>>): CriticalPath {
  let best = { requests: 0, region: "", chain: "" };
  for (const [region, calls] of Object.entries(regions)) {
    const chains: [string, number][] = [];
    for (const operation of SEQUENTIAL) chains.push([operation, count(log, region, operation)]);
    const vpcs = count(log, region, "DescribeVpcs");
    chains.push(["DescribeVpcs + DescribeVpcAttribute", vpcs + (count(log, region, "DescribeVpcAttribute") > 0 ? 1 : 0)]);
    chains.push(["DescribeManagedPrefixLists + GetManagedPrefixListEntries", count(log, region, "DescribeManagedPrefixLists") + prefixListEntryPages(calls)]);
    chains.push(["GetServiceQuota", count(log, region, "GetServiceQuota") + count(log, region, "GetAWSDefaultServiceQuota")]);
    const [chain, length] = chains.reduce((a, b) => (b[1] > a[1] ? b : a));
    if (length > best.requests) best = { requests: length, region, chain };
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
