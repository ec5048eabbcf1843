/** Route 53 Resolver (AWS JSON 1.1) and Route 53 Profiles (REST-JSON) list calls, served from a region's records. */
import type { ProfileResourceAssociationsRecord, RegionCalls } from "../../../src/snapshot/types.js";
import type { RegionIndex } from "./account.js";
import { errorResponse, json, statusOf, type WireResponse } from "./protocol.js";

const RESOLVER_LISTS: Readonly<Record<string, { readonly call: keyof RegionCalls; readonly key: string }>> = {
  ListResolverRules: { call: "ListResolverRules", key: "ResolverRules" },
  ListResolverRuleAssociations: { call: "ListResolverRuleAssociations", key: "ResolverRuleAssociations" },
};

const PROFILE_LISTS: Readonly<Record<string, { readonly call: keyof RegionCalls; readonly key: string }>> = {
  ListProfiles: { call: "ListProfiles", key: "ProfileSummaries" },
  ListProfileAssociations: { call: "ListProfileAssociations", key: "ProfileAssociations" },
};

export function profilesOperation(method: string, pathname: string): string | undefined {
  if (method !== "GET") return undefined;
  if (pathname === "/profiles") return "ListProfiles";
  if (pathname === "/profileassociations") return "ListProfileAssociations";
  if (/^\/profileresourceassociations\/profileid\/[^/]+$/.test(pathname)) return "ListProfileResourceAssociations";
  return undefined;
}

function page<T>(items: readonly T[], maxResults: unknown, token: unknown, pageCap: number | undefined): { items: readonly T[]; next?: string } {
  const size = Math.min(typeof maxResults === "number" ? maxResults : 100, 100, pageCap ?? Infinity);
  const offset = typeof token === "string" && token !== "" ? Number(token) : 0;
  const end = offset + size;
  return { items: items.slice(offset, end), ...(end < items.length ? { next: String(end) } : {}) };
}

export function resolverList(region: RegionIndex, operation: string, body: Record<string, unknown>, pageCap: number | undefined, requestId: string): WireResponse {
  const list = RESOLVER_LISTS[operation];
  if (!list) return errorResponse("route53resolver", 400, "UnknownOperationException", operation, requestId);
  const record = region.calls[list.call];
  if (record?.status === "failed") return errorResponse("route53resolver", statusOf(record.error.code), record.error.code, record.error.message, requestId);
  const all = ((record?.data as Record<string, unknown[]> | undefined)?.[list.key] ?? []) as unknown[];
  const { items, next } = page(all, body.MaxResults, body.NextToken, pageCap);
  return json("route53resolver", { [list.key]: items, MaxResults: items.length, ...(next ? { NextToken: next } : {}) });
}

export function profilesList(region: RegionIndex, operation: string, url: URL, pageCap: number | undefined, requestId: string): WireResponse {
  const query = url.searchParams;
  const maxResults = query.get("maxResults") === null ? undefined : Number(query.get("maxResults"));
  const list = PROFILE_LISTS[operation];
  if (list) {
    const record = region.calls[list.call];
    if (record?.status === "failed") return errorResponse("route53profiles", statusOf(record.error.code), record.error.code, record.error.message, requestId);
    const all = ((record?.data as Record<string, unknown[]> | undefined)?.[list.key] ?? []) as unknown[];
    const { items, next } = page(all, maxResults, query.get("nextToken"), pageCap);
    return json("route53profiles", { [list.key]: items, ...(next ? { NextToken: next } : {}) });
  }
  const profileId = decodeURIComponent(url.pathname.split("/").at(-1) ?? "");
  const record = region.calls.ListProfileResourceAssociations;
  if (record?.status === "failed") return errorResponse("route53profiles", statusOf(record.error.code), record.error.code, record.error.message, requestId);
  const found = record === undefined ? [] : (record.data as readonly ProfileResourceAssociationsRecord[]).find((r) => r.ProfileId === profileId)?.ProfileResourceAssociations;
  if (found === undefined) return errorResponse("route53profiles", 404, "ResourceNotFoundException", `The Profile ${profileId} does not exist`, requestId);
  const { items, next } = page(found, maxResults, query.get("nextToken"), pageCap);
  return json("route53profiles", { ProfileResourceAssociations: items, ...(next ? { NextToken: next } : {}) });
}
