/**
 * Route 53 (REST-XML, global endpoint): ListHostedZonesByVPC, ListHostedZones and ListResourceRecordSets, serialized
 * through the SDK's own schemas like the EC2 responses. The answers come from the whole account (Route 53 is global):
 * the record of the VPC's region, the zone's records wherever the account recorded them.
 */
import * as route53 from "@aws-sdk/client-route-53";
import type { HostedZonesByVpcRecord, ResourceRecordSetsRecord } from "../../../src/snapshot/types.js";
import type { ServedAccount } from "./account.js";
import { xmlMembers } from "./ec2-xml.js";
import { errorResponse, statusOf, XML, type WireResponse } from "./protocol.js";

const XMLNS = "https://route53.amazonaws.com/doc/2013-04-01/";
const PREFIX = "/2013-04-01/";

export function route53Operation(method: string, pathname: string): string | undefined {
  if (method !== "GET") return undefined;
  if (pathname === `${PREFIX}hostedzonesbyvpc`) return "ListHostedZonesByVPC";
  if (pathname === `${PREFIX}hostedzone`) return "ListHostedZones";
  if (/^\/2013-04-01\/hostedzone\/[^/]+\/rrset$/.test(pathname)) return "ListResourceRecordSets";
  return undefined;
}

class Route53Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function handleRoute53(account: ServedAccount, operation: string, url: URL, pageCap: number | undefined, requestId: string): WireResponse {
  try {
    const output = outputOf(account, operation, url, pageCap);
    const schema = (route53 as unknown as Record<string, unknown>)[`${operation}Response$`];
    return {
      status: 200,
      headers: XML,
      body: `<?xml version="1.0"?>\n<${operation}Response xmlns="${XMLNS}">${xmlMembers(schema, output)}</${operation}Response>`,
    };
  } catch (error) {
    if (error instanceof Route53Failure) return errorResponse("route53", error.status, error.code, error.message, requestId);
    throw error;
  }
}

function outputOf(account: ServedAccount, operation: string, url: URL, pageCap: number | undefined): Record<string, unknown> {
  const query = url.searchParams;
  const max = Math.min(Number(query.get("maxitems") ?? "100"), pageCap ?? Infinity);
  switch (operation) {
    case "ListHostedZonesByVPC": {
      const vpcId = query.get("vpcid") ?? "";
      const record = data<HostedZonesByVpcRecord[]>(account, "ListHostedZonesByVPC", query.get("vpcregion") ?? "");
      const summaries = record === undefined ? [] : record.find((r) => r.VPCId === vpcId)?.HostedZoneSummaries;
      if (summaries === undefined) throw new Route53Failure(400, "InvalidVPCId", `The VPC ID '${vpcId}' is invalid or not in the region.`);
      const offset = Number(query.get("nexttoken") ?? "0");
      const end = offset + max;
      return { HostedZoneSummaries: summaries.slice(offset, end), MaxItems: max, ...(end < summaries.length ? { NextToken: String(end) } : {}) };
    }
    case "ListHostedZones": {
      if (query.get("hostedzonetype") !== "PrivateHostedZone") throw new Route53Failure(400, "InvalidInput", "this server serves hostedzonetype=PrivateHostedZone only");
      const zones = anyRegion<{ HostedZones: unknown[] }>(account, "ListHostedZones")?.HostedZones ?? [];
      const offset = Number(query.get("marker") ?? "0");
      const end = offset + max;
      return { HostedZones: zones.slice(offset, end), Marker: query.get("marker") ?? "", IsTruncated: end < zones.length, MaxItems: max, ...(end < zones.length ? { NextMarker: String(end) } : {}) };
    }
    default: {
      const zoneId = /hostedzone\/([^/]+)\/rrset/.exec(url.pathname)?.[1] ?? "";
      const records = allRegions<ResourceRecordSetsRecord[]>(account, "ListResourceRecordSets").flat().find((r) => r.HostedZoneId === zoneId)?.ResourceRecordSets;
      if (records === undefined) throw new Route53Failure(404, "NoSuchHostedZone", `No hosted zone found with ID: ${zoneId}`);
      const name = query.get("name");
      const offset =
        name === null ? 0 : records.findIndex((r) => r.Name === name && r.Type === query.get("type") && (r.SetIdentifier ?? null) === query.get("identifier"));
      if (offset < 0) throw new Route53Failure(400, "InvalidInput", "no record to start at");
      const end = offset + max;
      const next = records[end];
      return {
        ResourceRecordSets: records.slice(offset, end),
        IsTruncated: next !== undefined,
        MaxItems: max,
        ...(next ? { NextRecordName: next.Name, NextRecordType: next.Type, ...(next.SetIdentifier ? { NextRecordIdentifier: next.SetIdentifier } : {}) } : {}),
      };
    }
  }
}

type Route53Call = "ListHostedZonesByVPC" | "ListHostedZones" | "ListResourceRecordSets";

/** A region's recorded data; its failure thrown as the error AWS would answer; undefined when not recorded. */
function data<T>(account: ServedAccount, call: Route53Call, region: string): T | undefined {
  const record = account.regions[region]?.[call];
  if (record?.status === "failed") throw new Route53Failure(statusOf(record.error.code), record.error.code, record.error.message);
  return record?.data as T | undefined;
}

function allRegions<T>(account: ServedAccount, call: Route53Call): T[] {
  return Object.keys(account.regions).flatMap((region) => {
    const found = data<T>(account, call, region);
    return found === undefined ? [] : [found];
  });
}

function anyRegion<T>(account: ServedAccount, call: Route53Call): T | undefined {
  return allRegions<T>(account, call)[0];
}
