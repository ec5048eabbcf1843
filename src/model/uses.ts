import type { EnvValueClass, LambdaFunction } from "../snapshot/types.js";
import { isKnownService, serviceSpec, USES_TAG } from "./services.js";

/** The tag declaring run-time KMS calls (the older, KMS-only form of kms-audit:uses=kms). */
export const USES_KMS_TAG = "kms-audit:uses-kms";

/**
 * Why kms-audit believes a function's code calls a service through the VPC. Evidence is read from what the snapshot
 * holds about the function: environment values classified at the collection boundary, Lambda layers, tags, and the
 * configuration file's declarations.
 */
export interface UseEvidence {
  readonly kind: "environment" | "layer" | "tag" | "config";
  /** One clause, e.g. "environment variable QUEUE_URL names an SQS queue". */
  readonly text: string;
}

export interface ServiceUse {
  /** A service id of the catalogue (src/model/services.ts). */
  readonly service: string;
  /** The region whose endpoint the calls go to: the function's own, or the one a resource's ARN or URL names. */
  readonly region: string;
  readonly evidence: readonly UseEvidence[];
}

interface ClassMeaning {
  readonly service: string;
  readonly one: string;
  readonly many: string;
}

/** What each environment value class says about the code, and which service it calls. */
const ENV_CLASS_MEANING: Readonly<Partial<Record<EnvValueClass, ClassMeaning>>> = {
  "kms-ciphertext": { service: "kms", one: "holds KMS ciphertext the code must decrypt", many: "hold KMS ciphertext the code must decrypt" },
  "kms-key-reference": { service: "kms", one: "names a KMS key the code uses", many: "name KMS keys the code uses" },
  "secretsmanager-secret-arn": { service: "secretsmanager", one: "names a Secrets Manager secret", many: "name Secrets Manager secrets" },
  "ssm-parameter-arn": { service: "ssm", one: "names an SSM parameter", many: "name SSM parameters" },
  "sqs-queue-url": { service: "sqs", one: "names an SQS queue", many: "name SQS queues" },
  "sns-topic-arn": { service: "sns", one: "names an SNS topic", many: "name SNS topics" },
  "dynamodb-table-arn": { service: "dynamodb", one: "names a DynamoDB table", many: "name DynamoDB tables" },
  "s3-bucket-arn": { service: "s3", one: "names an S3 bucket", many: "name S3 buckets" },
  "s3-uri": { service: "s3", one: "holds an s3:// location", many: "hold s3:// locations" },
};

/** The service an environment value class names, if any. */
export function serviceOfEnvClass(cls: EnvValueClass): string | undefined {
  return ENV_CLASS_MEANING[cls]?.service;
}

/**
 * The AWS Parameters and Secrets Lambda Extension (x86_64 and Arm64 layers, any publishing account and version): it
 * fetches SSM parameters and Secrets Manager secrets from inside the execution environment, so through the VPC.
 */
const PARAMETERS_AND_SECRETS_LAYER = /^arn:aws(?:-[a-z]+)*:lambda:[a-z0-9-]+:\d{12}:layer:(AWS-Parameters-and-Secrets-Lambda-Extension(?:-Arm64)?):(\d+)$/;

function names(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

class UseCollector {
  private readonly uses = new Map<string, { service: string; region: string; evidence: UseEvidence[] }>();

  constructor(private readonly ownRegion: string) {}

  add(service: string, region: string, evidence: UseEvidence): void {
    if (!isKnownService(service)) return;
    const key = `${service} ${region}`;
    const use = this.uses.get(key);
    if (use === undefined) this.uses.set(key, { service, region, evidence: [evidence] });
    else if (!use.evidence.some((e) => e.text === evidence.text)) use.evidence.push(evidence);
  }

  /** Own region first, then by service and region. */
  result(): ServiceUse[] {
    const own = (u: ServiceUse): number => (u.region === this.ownRegion ? 0 : 1);
    return [...this.uses.values()].sort((a, b) => own(a) - own(b) || (a.service < b.service ? -1 : a.service > b.service ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  }
}

function environmentEvidence(fn: LambdaFunction, ownRegion: string, uses: UseCollector): void {
  const classes = fn.Environment?.VariableClasses ?? {};
  const regions = fn.Environment?.VariableRegions ?? {};
  const groups = new Map<string, { cls: EnvValueClass; region: string; variables: string[] }>();
  for (const name of Object.keys(classes).sort()) {
    const cls = classes[name]!;
    if (ENV_CLASS_MEANING[cls] === undefined) continue;
    const region = regions[name] ?? ownRegion;
    const key = `${cls} ${region}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { cls, region, variables: [name] });
    else group.variables.push(name);
  }
  for (const { cls, region, variables } of groups.values()) {
    const meaning = ENV_CLASS_MEANING[cls]!;
    const where = region === ownRegion ? "" : ` in ${region}`;
    const text = variables.length === 1 ? `environment variable ${variables[0]} ${meaning.one}${where}` : `environment variables ${names(variables)} ${meaning.many}${where}`;
    uses.add(meaning.service, region, { kind: "environment", text });
  }
}

function layerEvidence(fn: LambdaFunction, ownRegion: string, uses: UseCollector): void {
  for (const layer of fn.Layers ?? []) {
    const match = PARAMETERS_AND_SECRETS_LAYER.exec(layer.Arn ?? "");
    if (match === null) continue;
    const text = `layer ${match[1]}:${match[2]} is the AWS Parameters and Secrets Lambda Extension, which calls SSM and Secrets Manager from the function's network`;
    uses.add("ssm", ownRegion, { kind: "layer", text });
    uses.add("secretsmanager", ownRegion, { kind: "layer", text });
  }
}

/** Known service ids from the function's `kms-audit:uses` tag, in tag order, without duplicates. */
export function servicesFromTag(fn: LambdaFunction): string[] {
  const raw = fn.Tags?.[USES_TAG];
  if (raw === undefined) return [];
  return [...new Set(raw.split(",").map((part) => part.trim().toLowerCase()))].filter(isKnownService);
}

function tagEvidence(fn: LambdaFunction, ownRegion: string, uses: UseCollector): void {
  for (const service of servicesFromTag(fn)) uses.add(service, ownRegion, { kind: "tag", text: `tag ${USES_TAG} lists ${service}` });
  if (fn.Tags?.[USES_KMS_TAG]?.toLowerCase() === "true") uses.add("kms", ownRegion, { kind: "tag", text: `tag ${USES_KMS_TAG}=true declares KMS calls` });
}

/** The text of a configuration declaration for a service. */
export function configEvidence(service: string): UseEvidence {
  return { kind: "config", text: `the configuration declares that it calls ${isKnownService(service) ? serviceSpec(service).title : service}` };
}

/**
 * Every service the function is known to call at run time, per region, with every piece of evidence: environment
 * values (in the order of their names), layers, tags, then the services `declared` by the configuration.
 */
export function functionUses(fn: LambdaFunction, ownRegion: string, declared: readonly string[] = []): ServiceUse[] {
  const uses = new UseCollector(ownRegion);
  environmentEvidence(fn, ownRegion, uses);
  layerEvidence(fn, ownRegion, uses);
  tagEvidence(fn, ownRegion, uses);
  for (const service of declared) uses.add(service, ownRegion, configEvidence(service));
  return uses.result();
}
