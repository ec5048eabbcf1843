import type { Argv } from "yargs";
import { validateAccountsOptions, type AccountsOptions } from "../collectors/accounts-options.js";
import { UsageError } from "../errors.js";

export interface AccountsArgs {
  readonly accounts?: string;
  readonly "role-name"?: string;
  readonly "role-arn"?: string;
  readonly "external-id"?: string;
  readonly "account-concurrency"?: number;
}

export const ACCOUNT_FLAGS = ["accounts", "role-name", "role-arn", "external-id", "account-concurrency"] as const;

/** Live collection across accounts: `collect` and `scan` take these. */
export function withAccountOptions<T>(y: Argv<T>) {
  return y
    .option("accounts", { type: "string", describe: 'Collect these accounts: "111111111111,222222222222" or "organization" (Organizations ListAccounts, active accounts), each through --role-name or --role-arn' })
    .option("role-name", { type: "string", describe: "The role to assume in each account of --accounts (arn:aws:iam::<account>:role/NAME)" })
    .option("role-arn", { type: "string", describe: "The role to assume, as an ARN template: {account} stands for each account id" })
    .option("external-id", { type: "string", describe: "The external id the roles' trust policy requires (sts:ExternalId)" })
    .option("account-concurrency", { type: "number", describe: "Accounts collected at once (default 16); requests stay bounded by --concurrency" });
}

/** The accounts to collect, checked; undefined without --accounts (the caller's own account). */
export function accountsOf(args: AccountsArgs): AccountsOptions | undefined {
  if (args.accounts === undefined) {
    const stray = ACCOUNT_FLAGS.find((flag) => args[flag] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray} applies to --accounts only: give --accounts a,b,c or --accounts organization`);
    return undefined;
  }
  const list = args.accounts.trim() === "organization" ? "organization" : args.accounts.split(",").map((a) => a.trim()).filter((a) => a !== "");
  const options: AccountsOptions = {
    accounts: list,
    ...(args["role-name"] === undefined ? {} : { roleName: args["role-name"] }),
    ...(args["role-arn"] === undefined ? {} : { roleArn: args["role-arn"] }),
    ...(args["external-id"] === undefined ? {} : { externalId: args["external-id"] }),
    ...(args["account-concurrency"] === undefined ? {} : { accountConcurrency: args["account-concurrency"] }),
  };
  validateAccountsOptions(options);
  return options;
}
