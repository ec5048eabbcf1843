/**
 * Collection across accounts: the caller's credentials list the accounts (AWS Organizations ListAccounts, or a list
 * given), assume a role in each (STS AssumeRole), and collect each account's regions with that role. An account whose
 * role can't be assumed, or whose regions can't be planned, is recorded as a gap with its error; the run goes on.
 */
import { paginateListAccounts, type Account } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { UsageError } from "../errors.js";
import type { AccountSnapshot, CallError, SnapshotNote } from "../snapshot/types.js";
import { callError, CollectionAborted } from "./call-record.js";
import type { AwsClients } from "./clients.js";
import type { CallPlace } from "./diagnosis.js";
import { createLimiter } from "./limiter.js";
import { DEFAULT_ACCOUNT_CONCURRENCY, validateAccountsOptions, type AccountsOptions } from "./accounts-options.js";
import { allItems } from "./pages.js";
import { planRegions } from "./regions.js";

/** Assumed-role sessions last an hour; the SDK asks for new credentials 5 minutes before they expire. */
export const SESSION_SECONDS = 3600;
export const SESSION_NAME = "kms-audit";
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface AccountsCollection {
  readonly accounts: Readonly<Record<string, AccountSnapshot>>;
  readonly notes: readonly SnapshotNote[];
  readonly regionCount: number;
}

/** What collecting one account's planned regions takes: its clients per region, built on its credentials. */
export type CollectAccountRegions = (
  account: string,
  regions: readonly string[],
  clientsFor: (region: string) => AwsClients,
) => Promise<{ readonly regions: AccountSnapshot["regions"]; readonly notes: readonly SnapshotNote[] }>;

export interface AccountsContext {
  /** The caller's clients in the home region: Organizations and STS run there. */
  readonly home: AwsClients;
  readonly callerAccount: string;
  readonly regions: readonly string[] | "all";
  readonly signal: AbortSignal;
  /** Where calls go (the endpoint URL), for diagnoses. */
  readonly placeOf: (region: string) => CallPlace;
  /** Clients for a region with the given credentials (sharing the request limiter). */
  readonly clients: (region: string, credentials: () => Promise<AwsCredentialIdentity>) => AwsClients;
  readonly collectRegions: CollectAccountRegions;
}

export async function collectAccounts(options: AccountsOptions, context: AccountsContext): Promise<AccountsCollection> {
  validateAccountsOptions(options);
  const { ids, notes } = await accountIds(options, context);
  const accountLimit = createLimiter(options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY);
  const partition = partitionOf(context.home.region);
  const results = await Promise.allSettled(
    ids.map((id) => accountLimit.run(() => collectAccount(id, roleArnOf(options, id, partition), options.externalId, context))),
  );
  if (context.signal.aborted) throw new CollectionAborted();
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected) throw rejected.reason;
  const accounts: Record<string, AccountSnapshot> = {};
  let regionCount = 0;
  ids.forEach((id, i) => {
    const result = (results[i] as PromiseFulfilledResult<CollectedAccount>).value;
    accounts[id] = result.snapshot;
    regionCount += Object.keys(result.snapshot.regions).length;
    notes.push(...result.notes);
  });
  return { accounts, notes, regionCount };
}

async function accountIds(options: AccountsOptions, context: AccountsContext): Promise<{ ids: string[]; notes: SnapshotNote[] }> {
  if (options.accounts !== "organization") return { ids: [...new Set(options.accounts)], notes: [] };
  let listed: Account[];
  try {
    listed = await allItems(paginateListAccounts({ client: context.home.organizations, pageSize: 20 }, {}, { abortSignal: context.signal }), (p) => p.Accounts);
  } catch (error) {
    if (context.signal.aborted) throw new CollectionAborted();
    const { code, message } = callError(error);
    throw new UsageError(
      `--accounts organization: Organizations ListAccounts failed (${code}: ${message}): run it with credentials of the management account or a delegated administrator, or list the accounts with --accounts a,b,c`,
    );
  }
  const notes: SnapshotNote[] = [];
  const ids: string[] = [];
  for (const account of listed) {
    if (account.Id === undefined) continue;
    const status = String(account.State ?? account.Status ?? "ACTIVE");
    if (status === "ACTIVE") ids.push(account.Id);
    else notes.push({ account: account.Id, message: `account ${account.Id} is ${status} in the organization: skipped` });
  }
  return { ids: [...new Set(ids)].sort(), notes };
}

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function roleArnOf(options: AccountsOptions, account: string, partition: string): string {
  if (options.roleArn !== undefined) return options.roleArn.split("{account}").join(account);
  const name = (options.roleName ?? "").replace(/^\/+/, "");
  return `arn:${partition}:iam::${account}:role/${name}`;
}

interface CollectedAccount {
  readonly snapshot: AccountSnapshot;
  readonly notes: readonly SnapshotNote[];
}

async function collectAccount(account: string, roleArn: string, externalId: string | undefined, context: AccountsContext): Promise<CollectedAccount> {
  const credentials = assumedRole(context, roleArn, externalId);
  try {
    await credentials();
  } catch (error) {
    if (context.signal.aborted) throw new CollectionAborted();
    return failedAccount(account, callError(error), `could not assume ${roleArn}`);
  }
  const home = context.clients(context.home.region, credentials);
  const created = new Map<string, AwsClients>([[home.region, home]]);
  try {
    let plan: Awaited<ReturnType<typeof planRegions>>;
    try {
      plan = await planRegions(home.ec2, context.regions, context.signal, context.placeOf(home.region));
    } catch (error) {
      if (error instanceof UsageError) return failedAccount(account, { code: "RegionsUnknown", message: error.message }, "could not plan its regions");
      throw error;
    }
    const clientsFor = (region: string): AwsClients => {
      let clients = created.get(region);
      if (!clients) {
        clients = context.clients(region, credentials);
        created.set(region, clients);
      }
      return clients;
    };
    const collected = await context.collectRegions(account, plan.regions, clientsFor);
    return { snapshot: { regions: collected.regions }, notes: [...plan.notes, ...collected.notes].map((note) => ({ account, ...note })) };
  } finally {
    for (const clients of created.values()) clients.destroy();
  }
}

function failedAccount(account: string, error: CallError, what: string): CollectedAccount {
  return { snapshot: { regions: {}, error }, notes: [{ account, message: `account ${account} not collected: ${what} (${error.code}: ${error.message})` }] };
}

/**
 * Credentials of the role, assumed once and again 5 minutes before they expire; every client of the account shares
 * them (one AssumeRole per account per session, not one per client).
 */
function assumedRole(context: AccountsContext, RoleArn: string, ExternalId: string | undefined): () => Promise<AwsCredentialIdentity> {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = 0;
  return () => {
    if (current === undefined || Date.now() >= expiresAt - REFRESH_MARGIN_MS) {
      const pending = assume(context, RoleArn, ExternalId);
      current = pending;
      expiresAt = Number.POSITIVE_INFINITY;
      pending.then(
        (identity) => {
          expiresAt = identity.expiration?.getTime() ?? Date.now() + SESSION_SECONDS * 1000;
        },
        () => {
          if (current === pending) current = undefined;
        },
      );
    }
    return current;
  };
}

async function assume(context: AccountsContext, RoleArn: string, ExternalId: string | undefined): Promise<AwsCredentialIdentity> {
  const { Credentials } = await context.home.sts.send(
    new AssumeRoleCommand({ RoleArn, RoleSessionName: SESSION_NAME, DurationSeconds: SESSION_SECONDS, ...(ExternalId === undefined ? {} : { ExternalId }) }),
    { abortSignal: context.signal },
  );
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) throw new Error(`STS AssumeRole returned no credentials for ${RoleArn}`);
  return {
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretAccessKey,
    ...(Credentials.SessionToken ? { sessionToken: Credentials.SessionToken } : {}),
    ...(Credentials.Expiration ? { expiration: Credentials.Expiration } : {}),
  };
}
