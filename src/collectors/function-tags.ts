import type { LambdaFunction, SnapshotNote } from "../snapshot/types.js";

/**
 * Lambda function tags as the Resource Groups Tagging API returns them (GetResources, live or as AWS CLI output),
 * set on the VPC-attached functions: the only ones the rules read tags of (kms-audit:uses-kms).
 */
export type TagsByArn = ReadonlyMap<string, Readonly<Record<string, string>>>;

export function isVpcAttached(fn: LambdaFunction): boolean {
  return (fn.VpcConfig?.SubnetIds?.length ?? 0) > 0;
}

/** GetResources's `[{Key, Value}]` as Lambda's own `{key: value}`. */
export function tagRecord(tags: readonly { readonly Key?: string; readonly Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
}

/** GetResources leaves out functions without tags: a VPC function it does not list has none (`{}`). */
export function withFunctionTags(functions: readonly LambdaFunction[], tags: TagsByArn): LambdaFunction[] {
  return functions.map((fn) => (isVpcAttached(fn) ? { ...fn, Tags: tags.get(fn.FunctionArn) ?? {} } : fn));
}

/** The note for a region whose function tags could not be read; none when the region has no VPC function. */
export function tagsUnknownNotes(region: string, functions: readonly LambdaFunction[], code: string): SnapshotNote[] {
  const vpcFunctions = functions.filter(isVpcAttached).length;
  if (vpcFunctions === 0) return [];
  return [
    {
      region,
      message: `GetResources (tag:GetResources) failed (${code}): the tags of ${vpcFunctions} VPC functions, kms-audit:uses-kms included, are unknown`,
    },
  ];
}
