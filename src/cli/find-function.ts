import type { LambdaFunction, Snapshot } from "../snapshot/types.js";

export interface LocatedFunction {
  readonly account: string;
  readonly region: string;
  readonly fn: LambdaFunction;
}

/** Every function of every collected ListFunctions, VPC-attached or not. */
export function listFunctions(snapshot: Snapshot): LocatedFunction[] {
  const located: LocatedFunction[] = [];
  for (const [account, accountSnapshot] of Object.entries(snapshot.accounts)) {
    for (const [region, regionSnapshot] of Object.entries(accountSnapshot.regions)) {
      const call = regionSnapshot.calls.ListFunctions;
      if (call?.status !== "ok") continue;
      for (const fn of call.data.Functions) located.push({ account, region, fn });
    }
  }
  return located;
}

/** Functions matching a name or an ARN exactly (a name may exist in several accounts or regions). */
export function findFunctions(snapshot: Snapshot, nameOrArn: string): LocatedFunction[] {
  return listFunctions(snapshot).filter(({ fn }) => fn.FunctionName === nameOrArn || fn.FunctionArn === nameOrArn);
}
