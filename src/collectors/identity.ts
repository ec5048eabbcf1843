import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { UsageError } from "../errors.js";
import { CollectionAborted } from "./call-record.js";
import { diagnose, type CallPlace } from "./diagnosis.js";

/**
 * The account the credentials belong to (STS GetCallerIdentity needs no permission); the first call of a collection,
 * so its failure says what is wrong with the network, the endpoint, the region or the credentials, in one line.
 */
export async function callerAccount(sts: STSClient, abortSignal: AbortSignal, place: CallPlace): Promise<string> {
  try {
    const { Account } = await sts.send(new GetCallerIdentityCommand({}), { abortSignal });
    if (!Account) throw new UsageError("STS GetCallerIdentity returned no account id");
    return Account;
  } catch (error) {
    if (abortSignal.aborted) throw new CollectionAborted();
    if (error instanceof UsageError) throw error;
    const failure = diagnose(error, place);
    if (failure.kind === "credentials") throw new UsageError(`${failure.what}: ${failure.next}`);
    throw new UsageError(`STS GetCallerIdentity in ${place.region}: ${failure.what}: ${failure.next}`);
  }
}
