import {
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  paginateListHostedZones,
  type HostedZone,
  type HostedZoneSummary,
  type ResourceRecordSet,
  type Route53Client,
  type VPCRegion,
} from "@aws-sdk/client-route-53";
import type { HostedZonesByVpcRecord, RegionCalls, ResourceRecordSetsRecord } from "../snapshot/types.js";
import type { CallRunner } from "./call-record.js";
import { after, allItems, allSettledOrThrow } from "./pages.js";

/** Route 53 page limits: ListHostedZones 100, ListHostedZonesByVPC 100, ListResourceRecordSets 300. */
export const ROUTE53_PAGE_SIZES = { ListHostedZones: 100, ListHostedZonesByVPC: 100, ListResourceRecordSets: 300 } as const;

/** The DNS suffixes of AWS service host names (<service>.<region>.amazonaws.com; China: amazonaws.com.cn). */
const SERVICE_DOMAINS = ["amazonaws.com", "amazonaws.com.cn"];
const REGION_LABEL = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export type Route53Calls = { readonly [K in "ListHostedZonesByVPC" | "ListHostedZones" | "ListResourceRecordSets"]-?: Promise<NonNullable<RegionCalls[K]>> };

export interface Route53Scope {
  readonly account: string;
  readonly region: string;
  /** The region's DescribeVpcs record: ListHostedZonesByVPC asks about each VPC the account owns. */
  readonly vpcs: Promise<NonNullable<RegionCalls["DescribeVpcs"]>>;
}

/**
 * Route 53 is global; what it says is kept in the region it is about (docs/snapshot-format.md): the private zones
 * associated with each of the region's VPCs (whoever owns them), the account's own private zones, and the records of
 * those that cover AWS service host names of this region.
 */
export function startRoute53Calls(route53: Route53Client, run: CallRunner, scope: Route53Scope, abortSignal: AbortSignal): Route53Calls {
  const opts = { abortSignal };
  const zones = run("ListHostedZones", async () => ({
    HostedZones: await allItems(
      paginateListHostedZones({ client: route53, pageSize: ROUTE53_PAGE_SIZES.ListHostedZones }, { HostedZoneType: "PrivateHostedZone" }, opts),
      (p) => p.HostedZones,
    ),
  }));
  return {
    ListHostedZonesByVPC: after("DescribeVpcs", scope.vpcs, (data) =>
      run("ListHostedZonesByVPC", () =>
        allSettledOrThrow(
          data.Vpcs.filter((vpc) => vpc.VpcId !== undefined && (vpc.OwnerId === undefined || vpc.OwnerId === scope.account)).map((vpc) =>
            zonesOfVpc(route53, vpc.VpcId as string, scope.region, abortSignal),
          ),
        ),
      ),
    ),
    ListHostedZones: zones,
    ListResourceRecordSets: after("ListHostedZones", zones, (data) =>
      run("ListResourceRecordSets", () =>
        allSettledOrThrow(data.HostedZones.filter((zone) => recordsBelongHere(zone, scope.region)).map((zone) => recordSets(route53, zoneId(zone), abortSignal))),
      ),
    ),
  };
}

/** "/hostedzone/Z123" → "Z123". */
export function zoneId(zone: Pick<HostedZone, "Id">): string {
  return (zone.Id ?? "").replace(/^\/hostedzone\//, "");
}

/** A zone named amazonaws.com or under it covers service host names; a region label puts it in that region only. */
export function recordsBelongHere(zone: Pick<HostedZone, "Name" | "Config">, region: string): boolean {
  if (zone.Config?.PrivateZone === false) return false;
  const name = (zone.Name ?? "").toLowerCase().replace(/\.$/, "");
  if (!SERVICE_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`))) return false;
  const regionLabel = name.split(".").find((label) => REGION_LABEL.test(label));
  return regionLabel === undefined || regionLabel === region;
}

async function zonesOfVpc(route53: Route53Client, VPCId: string, VPCRegion: string, abortSignal: AbortSignal): Promise<HostedZonesByVpcRecord> {
  const HostedZoneSummaries: HostedZoneSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await route53.send(
      new ListHostedZonesByVPCCommand({ VPCId, VPCRegion: VPCRegion as VPCRegion, MaxItems: ROUTE53_PAGE_SIZES.ListHostedZonesByVPC, NextToken }),
      { abortSignal },
    );
    HostedZoneSummaries.push(...(page.HostedZoneSummaries ?? []));
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return { VPCId, VPCRegion, HostedZoneSummaries };
}

async function recordSets(route53: Route53Client, HostedZoneId: string, abortSignal: AbortSignal): Promise<ResourceRecordSetsRecord> {
  const ResourceRecordSets: ResourceRecordSet[] = [];
  let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet["Type"]; StartRecordIdentifier?: string } = {};
  for (;;) {
    const page = await route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId, MaxItems: ROUTE53_PAGE_SIZES.ListResourceRecordSets, ...start }),
      { abortSignal },
    );
    ResourceRecordSets.push(...(page.ResourceRecordSets ?? []));
    if (page.IsTruncated !== true || page.NextRecordName === undefined) break;
    start = {
      StartRecordName: page.NextRecordName,
      ...(page.NextRecordType === undefined ? {} : { StartRecordType: page.NextRecordType }),
      ...(page.NextRecordIdentifier === undefined ? {} : { StartRecordIdentifier: page.NextRecordIdentifier }),
    };
  }
  return { HostedZoneId, ResourceRecordSets };
}
