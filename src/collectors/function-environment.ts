import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { classifyEnvironment } from "../snapshot/classify-env.js";
import type { FunctionStateRecord, LambdaFunction } from "../snapshot/types.js";

/** The region field of a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>). */
function regionOfFunctionArn(arn: string | undefined): string | undefined {
  const region = (arn ?? "").split(":")[3];
  return region === undefined || region === "" ? undefined : region;
}

/**
 * A function as ListFunctions returns it, with every environment variable value replaced by its class right here:
 * values never leave this function. Layers keep only their ARNs. Everything else is AWS's shape, unchanged.
 */
export function withoutEnvironmentValues(fn: FunctionConfiguration): LambdaFunction {
  const { Environment, Layers, ...rest } = fn;
  const classified: LambdaFunction = {
    ...rest,
    FunctionName: fn.FunctionName ?? "",
    FunctionArn: fn.FunctionArn ?? "",
    ...(Layers === undefined ? {} : { Layers: Layers.map((layer) => (layer.Arn === undefined ? {} : { Arn: layer.Arn })) }),
  };
  if (Environment === undefined) return classified;
  const { Variables, Error } = Environment;
  return {
    ...classified,
    Environment: { ...classifyEnvironment(Variables, regionOfFunctionArn(fn.FunctionArn)), ...(Error === undefined ? {} : { Error }) },
  };
}

/** The fields of a GetFunctionConfiguration output the snapshot keeps: state and last update, never the environment. */
export function functionState(fn: FunctionConfiguration): FunctionStateRecord {
  const record: Record<string, string> = { FunctionArn: fn.FunctionArn ?? "" };
  for (const key of ["FunctionName", "State", "StateReason", "StateReasonCode", "LastUpdateStatus", "LastUpdateStatusReason", "LastUpdateStatusReasonCode"] as const) {
    const value = fn[key];
    if (typeof value === "string") record[key] = value;
  }
  return record as unknown as FunctionStateRecord;
}
