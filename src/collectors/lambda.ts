import { GetFunctionConfigurationCommand, paginateListFunctions, type LambdaClient } from "@aws-sdk/client-lambda";
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import type { FunctionStateRecord, LambdaFunction, RegionCalls, SnapshotNote } from "../snapshot/types.js";
import { callError, dependencyFailed, errorCode, type CallRunner } from "./call-record.js";
import { functionState, withoutEnvironmentValues } from "./function-environment.js";
import { tagRecord, tagsUnknownNotes, withFunctionTags, type TagsByArn } from "./function-tags.js";

/** ListFunctions returns at most 50 functions a page. */
export const LIST_FUNCTIONS_PAGE_SIZE = 50;
/** GetResources returns at most 100 resources a page. */
export const GET_RESOURCES_PAGE_SIZE = 100;

export interface LambdaCollection {
  readonly calls: Pick<RegionCalls, "ListFunctions" | "GetFunctionConfiguration">;
  readonly notes: readonly SnapshotNote[];
}

type TagLookup = { readonly ok: true; readonly tags: TagsByArn } | { readonly ok: false; readonly code: string };

/**
 * ListFunctions and, alongside it, the tags of every tagged function of the region in bulk (Resource Groups Tagging
 * API GetResources, 100 a page): one ListTags per function would be most of the collection's requests.
 */
export async function collectLambda(
  lambda: LambdaClient,
  tagging: ResourceGroupsTaggingAPIClient,
  run: CallRunner,
  region: string,
  abortSignal: AbortSignal,
): Promise<LambdaCollection> {
  let lookup: TagLookup | undefined;
  const ListFunctions = await run("ListFunctions", async () => {
    const pendingTags = lambdaTags(tagging, abortSignal);
    let functions: LambdaFunction[];
    try {
      functions = await listFunctions(lambda, abortSignal);
    } catch (error) {
      await pendingTags.catch(() => undefined);
      throw error;
    }
    lookup = await pendingTags;
    return { Functions: lookup.ok ? withFunctionTags(functions, lookup.tags) : functions };
  });
  const notes =
    ListFunctions.status === "ok" && lookup !== undefined && !lookup.ok ? tagsUnknownNotes(region, ListFunctions.data.Functions, lookup.code) : [];
  const GetFunctionConfiguration =
    ListFunctions.status === "ok"
      ? await run("GetFunctionConfiguration", () => functionStates(lambda, ListFunctions.data.Functions, abortSignal))
      : ({ status: "failed", error: dependencyFailed("ListFunctions") } as const);
  return { calls: { ListFunctions, GetFunctionConfiguration }, notes };
}

/**
 * State, StateReasonCode and LastUpdateStatus of every VPC function (ListFunctions does not return them), one
 * GetFunctionConfiguration each, concurrently. A function deleted since ListFunctions is left out; any other failure
 * fails the whole call (a gap).
 */
async function functionStates(lambda: LambdaClient, functions: readonly LambdaFunction[], abortSignal: AbortSignal): Promise<FunctionStateRecord[]> {
  const vpcFunctions = functions.filter((fn) => (fn.VpcConfig?.SubnetIds ?? []).length > 0);
  const states = await Promise.all(
    vpcFunctions.map(async (fn) => {
      try {
        return functionState(await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn.FunctionArn }), { abortSignal }));
      } catch (error) {
        if (errorCode(error) === "ResourceNotFoundException") return undefined;
        throw error;
      }
    }),
  );
  return states.filter((state): state is FunctionStateRecord => state !== undefined);
}

async function listFunctions(lambda: LambdaClient, abortSignal: AbortSignal): Promise<LambdaFunction[]> {
  const functions: LambdaFunction[] = [];
  const pages = paginateListFunctions({ client: lambda, pageSize: LIST_FUNCTIONS_PAGE_SIZE }, {}, { abortSignal });
  for await (const page of pages) {
    for (const listed of page.Functions ?? []) functions.push(withoutEnvironmentValues(listed));
  }
  return functions;
}

/** Tags by unqualified function ARN; a failure is reported as its code, except an abort, which propagates. */
async function lambdaTags(tagging: ResourceGroupsTaggingAPIClient, abortSignal: AbortSignal): Promise<TagLookup> {
  const tags = new Map<string, Record<string, string>>();
  try {
    const pages = paginateGetResources(
      { client: tagging, pageSize: GET_RESOURCES_PAGE_SIZE },
      { ResourceTypeFilters: ["lambda:function"] },
      { abortSignal },
    );
    for await (const page of pages) {
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (mapping.ResourceARN === undefined) continue;
        tags.set(mapping.ResourceARN, tagRecord(mapping.Tags));
      }
    }
  } catch (error) {
    if (abortSignal.aborted) throw error;
    return { ok: false, code: callError(error).code };
  }
  return { ok: true, tags };
}
