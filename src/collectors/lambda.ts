import { ListTagsCommand, paginateListFunctions, type LambdaClient } from "@aws-sdk/client-lambda";
import type { LambdaFunction, RegionCalls, SnapshotNote } from "../snapshot/types.js";
import { callError, type CallRunner } from "./call-record.js";
import { withoutEnvironmentValues } from "./function-environment.js";
import { allSettledOrThrow } from "./pages.js";

/** ListFunctions returns at most 50 functions a page. */
export const LIST_FUNCTIONS_PAGE_SIZE = 50;

export interface LambdaCollection {
  readonly calls: Pick<RegionCalls, "ListFunctions">;
  readonly notes: readonly SnapshotNote[];
}

/**
 * ListFunctions, then ListTags for the VPC-attached functions only (concurrently): the rules read tags
 * (kms-audit:uses-kms) of VPC functions alone, and one ListTags per function of the whole account would be the
 * largest share of all calls. The Resource Groups Tagging API would need another SDK client and permission.
 */
export async function collectLambda(
  lambda: LambdaClient,
  run: CallRunner,
  region: string,
  abortSignal: AbortSignal,
): Promise<LambdaCollection> {
  const tagFailures: string[] = [];
  const ListFunctions = await run("ListFunctions", async () => {
    const pages = paginateListFunctions({ client: lambda, pageSize: LIST_FUNCTIONS_PAGE_SIZE }, {}, { abortSignal });
    const functions: Promise<LambdaFunction>[] = [];
    let listingFailure: { readonly error: unknown } | undefined;
    try {
      for await (const page of pages) {
        for (const listed of page.Functions ?? []) {
          const fn = withoutEnvironmentValues(listed);
          functions.push(isVpcAttached(fn) ? withTags(lambda, fn, abortSignal, tagFailures) : Promise.resolve(fn));
        }
      }
    } catch (error) {
      listingFailure = { error };
    }
    const tagged = allSettledOrThrow(functions);
    if (listingFailure) {
      await tagged.catch(() => undefined);
      throw listingFailure.error;
    }
    return { Functions: await tagged };
  });
  const vpcFunctions = ListFunctions.status === "ok" ? ListFunctions.data.Functions.filter(isVpcAttached).length : 0;
  const notes =
    tagFailures.length === 0 || ListFunctions.status !== "ok"
      ? []
      : [
          {
            region,
            message: `ListTags failed for ${tagFailures.length} of ${vpcFunctions} VPC functions (${[...new Set(tagFailures)].join(", ")}): their tags, kms-audit:uses-kms included, are unknown`,
          },
        ];
  return { calls: { ListFunctions }, notes };
}

export function isVpcAttached(fn: LambdaFunction): boolean {
  return (fn.VpcConfig?.SubnetIds?.length ?? 0) > 0;
}

async function withTags(
  lambda: LambdaClient,
  fn: LambdaFunction,
  abortSignal: AbortSignal,
  failures: string[],
): Promise<LambdaFunction> {
  try {
    const { Tags } = await lambda.send(new ListTagsCommand({ Resource: fn.FunctionArn }), { abortSignal });
    return Tags === undefined ? fn : { ...fn, Tags };
  } catch (error) {
    if (abortSignal.aborted) throw error;
    failures.push(callError(error).code);
    return fn;
  }
}
