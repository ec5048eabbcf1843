import type { PathResult } from "../model/types.js";
import { naturalCompare } from "../text/natural.js";
import type { Affected } from "./types.js";

/** The functions (by ARN, else name), subnets and services of some paths, each once, in natural order. */
export function affectedBy(paths: readonly PathResult[]): Affected {
  const functions = new Map<string, { name: string; arn?: string }>();
  const subnets = new Set<string>();
  const services = new Set<string>();
  for (const path of paths) {
    const id = path.function.arn ?? path.functionName;
    if (!functions.has(id)) functions.set(id, path.function.arn === undefined ? { name: path.functionName } : { name: path.functionName, arn: path.function.arn });
    subnets.add(path.subnetId);
    services.add(path.service);
  }
  return {
    functions: [...functions.values()].sort((a, b) => naturalCompare(a.name, b.name) || naturalCompare(a.arn ?? "", b.arn ?? "")),
    subnets: [...subnets].sort(naturalCompare),
    services: [...services].sort(naturalCompare),
  };
}
