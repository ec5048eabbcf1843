import type { RegionCalls } from "../../src/snapshot/types.js";
import { counter, regionChain } from "../collection/critical-path.js";
import type { LoggedRequest } from "../collection/server-process.js";

/**
 * The least wall time an organization's collection can take at a fixed latency per request, in requests (multiply by
 * the latency), given its dependencies and its two concurrency limits:
 *   head = 1 (GetCallerIdentity) + ListAccounts pages: one after another, before any account starts;
 *   then the larger of
 *   - accounts: each account's chain is 1 (AssumeRole) + 1 (DescribeRegions) + its longest region chain (regions run
 *     concurrently; `regionChain`); accounts take a slot of `accountConcurrency` each, in the collector's order (ids
 *     sorted), so the account phase is at least the greedy schedule of those chains over the slots;
 *   - requests: at most `requestConcurrency` requests in flight, each taking the latency: ceil(requests after the
 *     head / requestConcurrency).
 * Both are lower bounds (the collector's own CPU is taken as free), so their maximum is too.
 */
export interface OrganizationPath {
  readonly requests: number;
  readonly head: number;
  /** The account phase by dependencies and account slots. */
  readonly accountPhase: number;
  /** The account phase by request slots. */
  readonly requestPhase: number;
  readonly longestAccount: { readonly account: string; readonly requests: number; readonly chain: string };
  readonly totalRequests: number;
}

/** Greedy list scheduling: each task starts, in order, on the slot that frees first. Returns the makespan. */
export function schedule(durations: readonly number[], slots: number): number {
  const free = Array.from({ length: Math.min(slots, Math.max(1, durations.length)) }, () => 0);
  for (const duration of durations) {
    let first = 0;
    for (let i = 1; i < free.length; i += 1) if ((free[i] as number) < (free[first] as number)) first = i;
    free[first] = (free[first] as number) + duration;
  }
  return Math.max(0, ...free);
}

export function organizationPath(
  log: readonly LoggedRequest[],
  accounts: readonly { readonly accountId: string; readonly regions: Readonly<Record<string, RegionCalls>> }[],
  limits: { readonly accountConcurrency: number; readonly requestConcurrency: number },
): OrganizationPath {
  const ok = log.filter(([, , , status]) => status < 300);
  const head = (ok.some(([, op]) => op === "GetCallerIdentity") ? 1 : 0) + ok.filter(([, op]) => op === "ListAccounts").length;
  const chains = [...accounts]
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1))
    .map(({ accountId, regions }) => {
      const describeRegions = ok.some(([, op, , , , account]) => op === "DescribeRegions" && account === accountId) ? 1 : 0;
      let longest = { requests: 0, chain: "" };
      for (const [region, calls] of Object.entries(regions)) {
        const chain = regionChain(counter(ok, region, accountId), calls);
        if (chain.requests > longest.requests) longest = { requests: chain.requests, chain: `${chain.chain} in ${region}` };
      }
      return { account: accountId, requests: 1 + describeRegions + longest.requests, chain: `AssumeRole -> DescribeRegions -> ${longest.chain}` };
    });
  const accountPhase = schedule(chains.map((c) => c.requests), limits.accountConcurrency);
  const requestPhase = Math.ceil((ok.length - head) / limits.requestConcurrency);
  const longestAccount = chains.reduce((a, b) => (b.requests > a.requests ? b : a), { account: "", requests: 0, chain: "" });
  return { requests: head + Math.max(accountPhase, requestPhase), head, accountPhase, requestPhase, longestAccount, totalRequests: ok.length };
}
