/**
 * Stable ids for resources that exist only in a template or plan: AWS's prefix (which the model reads: `igw-`, `vpce-`…)
 * and the logical id or Terraform address in square brackets, e.g. `subnet-[PrivateSubnetA]`,
 * `nat-[module.vpc.aws_nat_gateway.this[0]]`. Real ids are the prefix and hex digits, so the two never collide.
 */
export function syntheticId(prefix: string, name: string): string {
  return `${prefix}-[${name}]`;
}

/** True for an id made by syntheticId(). */
export function isSyntheticId(id: string): boolean {
  return /^[a-z]+-\[/.test(id);
}

/** The account of a snapshot built from an input that names none (CDK's word for an environment-agnostic stack). */
export const UNKNOWN_ACCOUNT = "unknown-account";

export function lambdaArn(region: string, account: string, name: string): string {
  return `arn:aws:lambda:${region}:${account}:function:${name}`;
}
