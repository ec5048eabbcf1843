import type { RegionCalls } from "../snapshot/types.js";
import type { CallRunner } from "./call-record.js";
import { after, allSettledOrThrow } from "./pages.js";
import {
  ListProfileAssociationsCommand,
  ListProfileResourceAssociationsCommand,
  ListProfilesCommand,
  ListResolverRuleAssociationsCommand,
  ListResolverRulesCommand,
  type ListPageInput,
  type ProfilesClient,
  type ResolverClient,
} from "./route53-regional-clients.js";

/** Route 53 Resolver and Profiles list calls accept at most 100 items a page. */
export const RESOLVER_PAGE_SIZE = 100;

type DnsRuleCallName = "ListResolverRules" | "ListResolverRuleAssociations" | "ListProfiles" | "ListProfileAssociations" | "ListProfileResourceAssociations";

export type DnsRuleCalls = { readonly [K in DnsRuleCallName]-?: Promise<NonNullable<RegionCalls[K]>> };

interface Sender {
  send(command: unknown, options: { abortSignal: AbortSignal }): Promise<unknown>;
}

/** Every item of a NextToken-paged list. */
async function listAll<T>(client: Sender, make: (page: ListPageInput) => unknown, key: string, abortSignal: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let NextToken: string | undefined;
  do {
    const page = (await client.send(make({ MaxResults: RESOLVER_PAGE_SIZE, ...(NextToken ? { NextToken } : {}) }), { abortSignal })) as Record<string, unknown>;
    items.push(...(((page[key] as T[] | undefined) ?? []) as T[]));
    NextToken = typeof page.NextToken === "string" && page.NextToken !== "" ? page.NextToken : undefined;
  } while (NextToken);
  return items;
}

/**
 * Resolver rules (the account's and those shared with it) and their VPC associations; Route 53 Profiles, their VPC
 * associations, and what each Profile the account owns carries (a Profile shared with the account is read by its owner).
 */
export function startDnsRuleCalls(resolver: ResolverClient, profiles: ProfilesClient, run: CallRunner, abortSignal: AbortSignal): DnsRuleCalls {
  const r = resolver as unknown as Sender;
  const p = profiles as unknown as Sender;
  const summaries = run("ListProfiles", async () => ({
    ProfileSummaries: await listAll<Record<string, unknown>>(p, (page) => new ListProfilesCommand(page), "ProfileSummaries", abortSignal),
  }));
  return {
    ListResolverRules: run("ListResolverRules", async () => ({
      ResolverRules: await listAll(r, (page) => new ListResolverRulesCommand(page), "ResolverRules", abortSignal),
    })),
    ListResolverRuleAssociations: run("ListResolverRuleAssociations", async () => ({
      ResolverRuleAssociations: await listAll(r, (page) => new ListResolverRuleAssociationsCommand(page), "ResolverRuleAssociations", abortSignal),
    })),
    ListProfiles: summaries,
    ListProfileAssociations: run("ListProfileAssociations", async () => ({
      ProfileAssociations: await listAll(p, (page) => new ListProfileAssociationsCommand(page), "ProfileAssociations", abortSignal),
    })),
    ListProfileResourceAssociations: after("ListProfiles", summaries, (data) =>
      run("ListProfileResourceAssociations", () =>
        allSettledOrThrow(
          data.ProfileSummaries.filter((profile) => typeof profile.Id === "string" && profile.ShareStatus !== "SHARED_WITH_ME").map(async (profile) => {
            const ProfileId = profile.Id as string;
            return {
              ProfileId,
              ProfileResourceAssociations: await listAll<Record<string, unknown>>(p, (page) => new ListProfileResourceAssociationsCommand({ ...page, ProfileId }), "ProfileResourceAssociations", abortSignal),
            };
          }),
        ),
      ),
    ),
  };
}
