import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { classifyEnvironment } from "../snapshot/classify-env.js";
import type { LambdaFunction } from "../snapshot/types.js";

/**
 * A function as ListFunctions returns it, with every environment variable value replaced by its class right here:
 * values never leave this function. Everything else is AWS's shape, unchanged.
 */
export function withoutEnvironmentValues(fn: FunctionConfiguration): LambdaFunction {
  const { Environment, ...rest } = fn;
  const classified = { ...rest, FunctionName: fn.FunctionName ?? "", FunctionArn: fn.FunctionArn ?? "" };
  if (Environment === undefined) return classified;
  const { Variables, Error } = Environment;
  return {
    ...classified,
    Environment: { ...classifyEnvironment(Variables), ...(Error === undefined ? {} : { Error }) },
  };
}
