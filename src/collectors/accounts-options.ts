/** The options of a collection across accounts, and their checks: no AWS SDK here (the CLI validates before loading it). */
import { UsageError } from "../errors.js";

/** Accounts collected at once; they also share the request limit (--concurrency). */
export const DEFAULT_ACCOUNT_CONCURRENCY = 16;

export interface AccountsOptions {
  /** Account ids, or "organization": the ACTIVE accounts of Organizations ListAccounts. */
  readonly accounts: readonly string[] | "organization";
  /** The role to assume in each account, by name… */
  readonly roleName?: string;
  /** …or as an ARN template where {account} stands for the account id. */
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly accountConcurrency?: number;
}

export function validateAccountsOptions(options: AccountsOptions): void {
  if ((options.roleName === undefined) === (options.roleArn === undefined)) {
    throw new UsageError("--accounts: expected the role to assume in each account, with --role-name NAME or --role-arn TEMPLATE (not both)");
  }
  if (options.roleArn !== undefined && !options.roleArn.includes("{account}")) {
    throw new UsageError(`--role-arn: expected an ARN template holding {account}, such as arn:aws:iam::{account}:role/kms-audit; got ${JSON.stringify(options.roleArn)}`);
  }
  if (options.roleName !== undefined && !/^[\w+=,.@/-]{1,512}$/.test(options.roleName)) {
    throw new UsageError(`--role-name: expected an IAM role name (or path/name); got ${JSON.stringify(options.roleName)}`);
  }
  if (options.accounts !== "organization") {
    if (options.accounts.length === 0) throw new UsageError("--accounts: expected account ids (a,b,c) or organization");
    const bad = options.accounts.find((a) => !/^\d{12}$/.test(a));
    if (bad !== undefined) throw new UsageError(`--accounts: expected 12-digit account ids or organization; got ${JSON.stringify(bad)}`);
  }
  const n = options.accountConcurrency;
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new UsageError(`--account-concurrency: expected a positive integer; got ${n}`);
}

