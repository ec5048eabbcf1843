import type { LambdaFunction } from "../snapshot/types.js";
import { globMatcher } from "./glob.js";
import type { FunctionSelector } from "./types.js";

/** Whether a function is picked by a `functions` entry of the configuration. */
export function selectorMatcher(selector: FunctionSelector): (fn: LambdaFunction) => boolean {
  switch (selector.kind) {
    case "name": {
      const matches = globMatcher(selector.pattern);
      return (fn) => matches(fn.FunctionName);
    }
    case "arn": {
      const matches = globMatcher(selector.pattern);
      return (fn) => matches(fn.FunctionArn);
    }
    case "tag": {
      const matches = globMatcher(selector.value);
      return (fn) => {
        const value = fn.Tags?.[selector.key];
        return value !== undefined && matches(value);
      };
    }
  }
}
