/**
 * Live collection through AWS SDK v3. The CLI imports this module dynamically, so the SDK loads only when a live
 * collection runs.
 */
import { setMaxListeners } from "node:events";
import { UsageError } from "../errors.js";
import { CALL_NAMES, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "../snapshot/types.js";
import type { RegionCalls, Snapshot, SnapshotNote } from "../snapshot/types.js";
import type { AccountsOptions } from "./accounts-options.js";
import { collectAccounts } from "./accounts.js";
import { CollectionAborted, createCallRunner, type StopCollection } from "./call-record.js";
import type { CallPlace } from "./diagnosis.js";
import { createClients, type AwsClients, type ClientOptions } from "./clients.js";
import { natGatewayTraffic } from "./cloudwatch.js";
import { startEc2Calls } from "./ec2.js";
import { callerAccount } from "./identity.js";
import { collectLambda } from "./lambda.js";
import { createLimiter } from "./limiter.js";
import { after, settleAll } from "./pages.js";
import { createProgressTracker, type CollectProgress, type ProgressTracker } from "./progress.js";
import { startDnsRuleCalls } from "./resolver.js";
import { startRoute53Calls } from "./route53.js";
import { startTransitGatewayCalls } from "./transit-gateways.js";
import { configuredRegion, planRegions } from "./regions.js";
import { collectEipQuota } from "./service-quotas.js";

export { createClients } from "./clients.js";
export type { AwsClients, ClientOptions } from "./clients.js";
export { CollectionAborted } from "./call-record.js";
export { DEFAULT_ACCOUNT_CONCURRENCY, validateAccountsOptions, type AccountsOptions } from "./accounts-options.js";
export type { CollectProgress, RunningCall } from "./progress.js";

/** HTTP requests in flight at once, across regions and services. */
export const DEFAULT_CONCURRENCY = 64;
/** The whole collection's deadline (--timeout). */
export const DEFAULT_TIMEOUT_SECONDS = 300;

export interface CollectOptions {
  /** Region names, or "all" = the account's enabled regions (DescribeRegions). */
  readonly regions: readonly string[] | "all";
  readonly profile?: string;
  /** One endpoint for every service (an emulator); absent = the SDK's own, AWS_ENDPOINT_URL[_<SERVICE>] included. */
  readonly endpointUrl?: string;
  /** CloudWatch NAT gateway traffic over the last 30 days. */
  readonly withTraffic?: boolean;
  readonly concurrency?: number;
  /** Aborting stops every request; collect() then rejects with CollectionAborted and returns nothing. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CollectProgress) => void;
  /** Literal credentials (tests); absent = the SDK's default chain. */
  readonly credentials?: ClientOptions["credentials"];
  readonly maxAttempts?: number;
  /** Where "all" asks DescribeRegions; absent = the SDK's configured region. */
  readonly homeRegion?: string;
  readonly now?: () => Date;
  /** Collect these accounts through a role assumed in each (the caller's own account only when listed). */
  readonly accounts?: AccountsOptions;
  /** The whole collection's deadline in milliseconds; absent = none. Past it, collect() rejects naming the slow calls. */
  readonly timeoutMs?: number;
  /** Overrides the per-request HTTP timeouts (tests). */
  readonly httpTimeouts?: ClientOptions["timeouts"];
}

export async function collect(options: CollectOptions): Promise<Snapshot> {
  const interrupt = new AbortController();
  const { signal } = interrupt;
  // Every request in flight listens to the signal: hundreds at once are expected, not a leak.
  setMaxListeners(0, signal);
  const abort = (): void => interrupt.abort();
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  const progress = createProgressTracker(options.onProgress);
  // The first failure that stops everything (or the deadline): every call still running is aborted, and collect()
  // rejects with it at once, even while a retry waits out its backoff.
  let stopped: (error: UsageError) => void = () => undefined;
  const stoppedEarly = new Promise<never>((_, reject) => {
    stopped = reject;
  });
  stoppedEarly.catch(() => undefined); // observed by the race below; never an unhandled rejection
  let failure: UsageError | undefined;
  const stop: StopCollection = (error) => {
    if (failure !== undefined) return;
    failure = error;
    interrupt.abort();
    stopped(error);
  };
  const deadline = options.timeoutMs === undefined ? undefined : setTimeout(() => stop(deadlineError(options.timeoutMs ?? 0, progress.running())), options.timeoutMs);
  try {
    const work = collectWith(options, signal, progress, stop);
    work.catch(() => undefined);
    return await Promise.race([work, stoppedEarly]);
  } catch (error) {
    throw failure ?? error;
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener("abort", abort);
  }
}

/** One line naming the calls still waiting (oldest first) and the next step. */
function deadlineError(timeoutMs: number, running: readonly { region: string; call: string; startedAt: number }[]): UsageError {
  const now = Date.now();
  const oldest = [...running].sort((a, b) => a.startedAt - b.startedAt);
  const named = oldest.slice(0, 3).map((r) => `${r.call} in ${r.region} (${Math.round((now - r.startedAt) / 1000)} s)`);
  const more = oldest.length > named.length ? `, and ${oldest.length - named.length} more` : "";
  const waiting = named.length === 0 ? "" : `: still waiting for ${named.join(", ")}${more}`;
  return new UsageError(
    `collection did not finish within ${Number((timeoutMs / 1000).toFixed(1))} s (--timeout)${waiting}: check the network path to AWS (proxy, firewall) or the endpoint URL, or raise --timeout`,
  );
}

async function collectWith(options: CollectOptions, signal: AbortSignal, progress: ProgressTracker, stop: StopCollection): Promise<Snapshot> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a positive integer, got ${concurrency}`);
  if (options.regions !== "all" && options.regions.length === 0) throw new UsageError("no region to collect: give --region or --regions");
  if (signal.aborted) throw new CollectionAborted();
  const now = (options.now ?? (() => new Date()))();
  const shared: Omit<ClientOptions, "region"> = {
    limiter: createLimiter(concurrency),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.httpTimeouts === undefined ? {} : { timeouts: options.httpTimeouts }),
  };
  const endpoint = options.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
  const placeOf = (region: string): CallPlace => (endpoint === undefined || endpoint === "" ? { region } : { region, endpoint });
  const home =
    options.regions === "all"
      ? (options.homeRegion ?? (await configuredRegion(options.profile)))
      : (options.regions[0] as string);
  const homeClients = createClients({ ...shared, region: home });
  try {
    const account = await tracked(progress, home, "GetCallerIdentity", () => callerAccount(homeClients.sts, signal, placeOf(home)));
    if (options.accounts !== undefined) {
      return await collectManyAccounts(options.accounts, options, { home: homeClients, shared, account, signal, now, progress, stop, placeOf });
    }
    const plan = await tracked(progress, home, "DescribeRegions", () => planRegions(homeClients.ec2, options.regions, signal, placeOf(home)));
    progress.setRegions(plan.regions.length);
    const outcomes = await Promise.allSettled(
      plan.regions.map((region) =>
        collectRegion(region === home ? homeClients : createClients({ ...shared, region }), region === home, {
          signal,
          progress,
          withTraffic: options.withTraffic ?? false,
          now,
          account,
          place: placeOf(region),
          stop,
        }),
      ),
    );
    if (signal.aborted) throw new CollectionAborted();
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (failure) throw failure.reason;
    const collected = outcomes.map((o) => (o as PromiseFulfilledResult<RegionCollection>).value);
    const notes = [...plan.notes, ...collected.flatMap((c) => c.notes)];
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      collectedAt: now.toISOString(),
      source: { kind: "aws-sdk", description: `AWS SDK v3, ${plan.regions.length} region(s)` },
      accounts: { [account]: { regions: Object.fromEntries(plan.regions.map((region, i) => [region, { calls: collected[i]!.calls }])) } },
      ...(notes.length === 0 ? {} : { notes }),
    };
  } finally {
    homeClients.destroy();
  }
}

interface ManyAccountsContext {
  readonly home: AwsClients;
  readonly shared: Omit<ClientOptions, "region">;
  readonly account: string;
  readonly signal: AbortSignal;
  readonly now: Date;
  readonly progress: ProgressTracker;
  readonly stop: StopCollection;
  readonly placeOf: (region: string) => CallPlace;
}

async function collectManyAccounts(accounts: AccountsOptions, options: CollectOptions, context: ManyAccountsContext): Promise<Snapshot> {
  const { signal, now, progress, stop, placeOf } = context;
  const perAccount = options.regions === "all" ? 0 : new Set(options.regions).size;
  const ids = accounts.accounts === "organization" ? undefined : new Set(accounts.accounts).size;
  progress.setRegions((ids ?? 0) * perAccount);
  const collected = await collectAccounts(accounts, {
    home: context.home,
    callerAccount: context.account,
    regions: options.regions,
    signal,
    placeOf,
    clients: (region, credentials) => createClients({ ...context.shared, region, credentials }),
    collectRegions: async (account, regions, clientsFor) => {
      const outcomes = await Promise.allSettled(
        regions.map((region) => collectRegion(clientsFor(region), true, { signal, progress, withTraffic: options.withTraffic ?? false, now, account, place: placeOf(region), stop })),
      );
      if (signal.aborted) throw new CollectionAborted();
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
      if (failure) throw failure.reason;
      const done = outcomes.map((o) => (o as PromiseFulfilledResult<RegionCollection>).value);
      return { regions: Object.fromEntries(regions.map((region, i) => [region, { calls: done[i]!.calls }])), notes: done.flatMap((c) => c.notes) };
    },
  });
  const count = Object.keys(collected.accounts).length;
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    collectedAt: now.toISOString(),
    source: { kind: "aws-sdk", description: `AWS SDK v3, ${count} account(s), ${collected.regionCount} region(s)` },
    accounts: collected.accounts,
    ...(collected.notes.length === 0 ? {} : { notes: collected.notes }),
  };
}

/** A call outside the snapshot's records (identity, region plan), shown in the progress line while it runs. */
async function tracked<T>(progress: ProgressTracker, region: string, call: string, run: () => Promise<T>): Promise<T> {
  const done = progress.callStarted(region, call);
  try {
    return await run();
  } finally {
    done();
  }
}

interface RegionCollection {
  readonly calls: RegionCalls;
  readonly notes: readonly SnapshotNote[];
}

interface RegionContext {
  readonly signal: AbortSignal;
  readonly progress: ProgressTracker;
  readonly withTraffic: boolean;
  readonly now: Date;
  /** The account collected: Route 53 asks about the VPCs it owns. */
  readonly account: string;
  readonly place: CallPlace;
  readonly stop: StopCollection;
}

async function collectRegion(clients: AwsClients, sharedClients: boolean, context: RegionContext): Promise<RegionCollection> {
  const { signal, progress } = context;
  const run = createCallRunner(context.place, signal, progress, context.stop);
  try {
    const ec2 = startEc2Calls(clients.ec2, run, signal);
    const traffic = context.withTraffic
      ? after("DescribeNatGateways", ec2.DescribeNatGateways, (data) =>
          run("NatGatewayTraffic", () => natGatewayTraffic(clients.cloudwatch, data.NatGateways, context.now, signal)),
        )
      : Promise.resolve(undefined);
    const beyondVpc = {
      ...startTransitGatewayCalls(clients.ec2, run, signal),
      ...startRoute53Calls(clients.route53, run, { account: context.account, region: clients.region, vpcs: ec2.DescribeVpcs }, signal),
      ...startDnsRuleCalls(clients.resolver, clients.profiles, run, signal),
    };
    const [ec2Calls, NatGatewayTraffic, quota, lambda, landingZone] = await settleTuple([
      settleAll(ec2),
      traffic,
      collectEipQuota(clients.serviceQuotas, run, signal),
      collectLambda(clients.lambda, clients.tagging, run, clients.region, signal),
      settleAll(beyondVpc),
    ] as const);
    const calls: RegionCalls = { ...ec2Calls, ...quota, ...lambda.calls, ...(NatGatewayTraffic ? { NatGatewayTraffic } : {}), ...landingZone };
    progress.regionDone();
    return { calls: inCallOrder(calls), notes: lambda.notes };
  } finally {
    if (!sharedClients) clients.destroy();
  }
}

async function settleTuple<T extends readonly Promise<unknown>[]>(pending: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const outcomes = await Promise.allSettled(pending);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
  if (failure) throw failure.reason;
  return outcomes.map((o) => (o as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

function inCallOrder(calls: RegionCalls): RegionCalls {
  return Object.fromEntries(CALL_NAMES.filter((name) => calls[name] !== undefined).map((name) => [name, calls[name]]));
}

