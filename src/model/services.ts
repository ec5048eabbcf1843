import type { ServiceSpec } from "./types.js";

/** The function tag naming the services a function calls beyond KMS, comma-separated (e.g. "s3,sts"). */
export const USES_TAG = "kms-audit:uses";

function service(id: string, title: string, suffixes: readonly string[], requiredAction: string, hasGatewayEndpoint = false): ServiceSpec {
  const hostPrefix = suffixes[0] ?? id;
  return {
    id,
    title,
    endpointServiceSuffixes: suffixes,
    requiredAction,
    hasGatewayEndpoint,
    hostname: (region: string) => `${hostPrefix}.${region}.amazonaws.com`,
  };
}

export const SERVICES: readonly ServiceSpec[] = [
  service("kms", "KMS", ["kms", "kms-fips"], "kms:Decrypt"),
  service("s3", "S3", ["s3"], "s3:GetObject", true),
  service("dynamodb", "DynamoDB", ["dynamodb"], "dynamodb:GetItem", true),
  service("sts", "STS", ["sts"], "sts:AssumeRole"),
  service("secretsmanager", "Secrets Manager", ["secretsmanager"], "secretsmanager:GetSecretValue"),
  service("ssm", "SSM", ["ssm"], "ssm:GetParameter"),
  service("logs", "CloudWatch Logs", ["logs"], "logs:PutLogEvents"),
  service("sqs", "SQS", ["sqs"], "sqs:SendMessage"),
  service("sns", "SNS", ["sns"], "sns:Publish"),
];

const BY_ID = new Map(SERVICES.map((spec) => [spec.id, spec]));

export function isKnownService(id: string): boolean {
  return BY_ID.has(id);
}

/** The catalogue entry of a service id; throws for an id the catalogue does not know. */
export function serviceSpec(id: string): ServiceSpec {
  const spec = BY_ID.get(id);
  if (spec === undefined) throw new Error(`unknown service "${id}"; known: ${SERVICES.map((s) => s.id).join(", ")}`);
  return spec;
}

/** The endpoint service name of a suffix in a region: com.amazonaws.<region>.<suffix>. */
export function endpointServiceName(region: string, suffix: string): string {
  return `com.amazonaws.${region}.${suffix}`;
}

/** The IAM action prefix of the service's required action ("kms" for kms:Decrypt). */
export function actionPrefix(spec: ServiceSpec): string {
  return spec.requiredAction.split(":")[0] ?? spec.id;
}
