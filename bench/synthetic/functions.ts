import type { EnvValueClass, LambdaFunction } from "../../src/snapshot/types.js";
import type { VpcLayout } from "./network.js";
import type { VpcSecurity } from "./security.js";
import type { BuildContext } from "./shared.js";

/** A deployment profile: the subnets, groups and role that an IaC module gives every function it deploys. */
interface Profile {
  readonly subnetIds: readonly string[];
  readonly groupIds: readonly string[];
  readonly role: string;
}

const RUNTIMES = ["python3.12", "python3.11", "nodejs20.x", "nodejs22.x", "java21", "provided.al2023"] as const;

function drawProfile(ctx: BuildContext, layout: VpcLayout, security: VpcSecurity, role: string): Profile {
  const { random } = ctx;
  const roll = random.next();
  let subnetIds: string[];
  if (roll < 0.03) subnetIds = random.sample(layout.subnets.public, random.int(1, 2));
  else if (roll < 0.11) subnetIds = [random.pick(layout.subnets.app), random.pick(layout.subnets.data)];
  else subnetIds = random.sample(layout.subnets.app, random.int(1, 3));
  return { subnetIds, groupIds: random.sample(security.functionGroupIds, random.int(1, 3)), role };
}

function environment(ctx: BuildContext): Record<string, EnvValueClass> {
  const { random } = ctx;
  const classes: Record<string, EnvValueClass> = { TABLE_NAME: "plain", LOG_LEVEL: "plain", POWERTOOLS_SERVICE_NAME: "plain" };
  if (random.chance(0.45)) classes.DB_PASSWORD = "kms-ciphertext";
  if (random.chance(0.1)) classes.SIGNING_KEY_ID = "kms-key-reference";
  if (random.chance(0.05)) classes.OPTIONAL_FLAG = "empty";
  return classes;
}

function tags(ctx: BuildContext, layout: VpcLayout): Record<string, string> {
  const { random } = ctx;
  const result: Record<string, string> = { team: `team-${layout.plan.index % 17}`, env: random.pick(["prod", "staging", "dev"]) };
  if (random.chance(0.05)) result["kms-audit:uses-kms"] = "true";
  if (random.chance(0.1)) result["kms-audit:uses"] = random.pick(["s3", "s3,secretsmanager", "sts", "ssm,logs"]);
  return result;
}

function functionArn(ctx: BuildContext, name: string): string {
  return `arn:aws:lambda:${ctx.shared.region}:${ctx.account}:function:${name}`;
}

/** What ListFunctions returns beyond the fields the snapshot types name. */
function listedExtras(ctx: BuildContext, index: number): Record<string, unknown> {
  return {
    Handler: "app.handler",
    CodeSize: 1024 * ctx.random.int(40, 9000),
    Description: "",
    Timeout: ctx.random.pick([3, 15, 30, 60, 900]),
    MemorySize: ctx.random.pick([128, 256, 512, 1024, 2048]),
    LastModified: `2025-${String(1 + (index % 12)).padStart(2, "0")}-15T10:00:00.000+0000`,
    CodeSha256: `sha${index.toString(36).padStart(40, "0")}`,
    Version: "$LATEST",
    PackageType: "Zip",
    Architectures: [ctx.random.pick(["x86_64", "arm64"])],
    EphemeralStorage: { Size: 512 },
    TracingConfig: { Mode: "PassThrough" },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/fn-${index}` },
  };
}

/**
 * The VPC's functions: most deployed through one of a dozen profiles (shared subnets, groups and role), the rest
 * configured by hand; a few are not VPC-attached at all.
 */
export function buildFunctions(ctx: BuildContext, layout: VpcLayout, security: VpcSecurity, first: number, count: number): void {
  const { random } = ctx;
  const profiles = Array.from({ length: random.int(8, 16) }, (_, p) => drawProfile(ctx, layout, security, `arn:aws:iam::${ctx.account}:role/app-${layout.plan.index}-${p}`));
  for (let k = 0; k < count; k += 1) {
    const index = first + k;
    const name = `fn-${layout.plan.region}-${index}`;
    const base: LambdaFunction = {
      FunctionName: name,
      FunctionArn: functionArn(ctx, name),
      Runtime: random.pick(RUNTIMES),
      Role: `arn:aws:iam::${ctx.account}:role/fn-${index}`,
      State: "Active",
      Environment: { VariableClasses: environment(ctx) },
      ...(random.chance(0.3) ? { KMSKeyArn: `arn:aws:kms:${ctx.shared.region}:${ctx.account}:key/${index.toString(16).padStart(8, "0")}-1111-2222-3333-444455556666` } : {}),
    };
    if (random.chance(0.05)) {
      ctx.data.functions.push({ ...base, ...listedExtras(ctx, index) });
      continue;
    }
    const profile = random.chance(0.7) ? random.pick(profiles) : drawProfile(ctx, layout, security, base.Role as string);
    ctx.data.functions.push({
      ...base,
      ...listedExtras(ctx, index),
      Role: profile.role,
      VpcConfig: { SubnetIds: [...profile.subnetIds], SecurityGroupIds: [...profile.groupIds], VpcId: layout.vpcId, Ipv6AllowedForDualStack: false },
      Tags: tags(ctx, layout),
    });
  }
}
