import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { UsageError } from "../errors.js";
import { callError, CollectionAborted } from "./call-record.js";

const NO_CREDENTIALS_HINT =
  "configure credentials (--profile or AWS_PROFILE, `aws sso login`, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, web identity, " +
  "instance or container role), or scan a saved snapshot with --snapshot FILE";

/** The account the credentials belong to (STS GetCallerIdentity needs no permission); the first call of a collection. */
export async function callerAccount(sts: STSClient, abortSignal: AbortSignal): Promise<string> {
  try {
    const { Account } = await sts.send(new GetCallerIdentityCommand({}), { abortSignal });
    if (!Account) throw new UsageError("STS GetCallerIdentity returned no account id");
    return Account;
  } catch (error) {
    if (abortSignal.aborted) throw new CollectionAborted();
    if (error instanceof UsageError) throw error;
    const { code, message } = callError(error);
    if (code === "CredentialsProviderError") throw new UsageError(`no AWS credentials found (${message}): ${NO_CREDENTIALS_HINT}`);
    throw new UsageError(`AWS did not accept the credentials (${code}: ${message}): ${NO_CREDENTIALS_HINT}`);
  }
}
