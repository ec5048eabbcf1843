import type { EnvValueClass } from "./types.js";

/**
 * Environment variable values are classified at the collection boundary and then dropped:
 * a snapshot keeps only names and classes (and, for a value naming a resource in another region, that region),
 * never a value.
 */

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** DER of OID 1.2.840.113549.1.7.6 (pkcs7-encryptedData), which every symmetric KMS ciphertext blob carries. */
const PKCS7_ENCRYPTED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06]);

/** Offsets of the (undocumented, empirically stable) KMS symmetric ciphertext header: aws-semantics.md §1.5. */
const DER_LENGTH_OFFSET = 54;
const DER_OFFSET = 58;

/** True when the bytes carry the header layout of a KMS symmetric ciphertext blob. */
function isKmsCiphertextBlob(bytes: Buffer): boolean {
  if (bytes.length <= DER_OFFSET + PKCS7_ENCRYPTED_DATA_OID.length) return false;
  const headerVersion = bytes[2];
  return (
    bytes[0] === 0x01 &&
    bytes[1] === 0x02 &&
    (headerVersion === 0x01 || headerVersion === 0x02 || headerVersion === 0x03) &&
    bytes[3] === 0x00 &&
    bytes[4] === 0x78 &&
    bytes[37] === 0x01 &&
    bytes.readUInt32BE(DER_LENGTH_OFFSET) === bytes.length - DER_OFFSET &&
    bytes[DER_OFFSET] === 0x30 &&
    bytes.indexOf(PKCS7_ENCRYPTED_DATA_OID, DER_OFFSET) !== -1
  );
}

function looksLikeKmsCiphertext(value: string): boolean {
  if (value.length < 80 || value.length % 4 !== 0 || !STRICT_BASE64.test(value)) return false;
  return isKmsCiphertextBlob(Buffer.from(value, "base64"));
}

const PARTITION = "aws(?:-cn|-us-gov|-iso|-iso-[a-z])?";
/** A region, captured: the resource's region decides which regional endpoint the code calls. */
const REGION = "(?<region>[a-z]{2}(?:-[a-z]+)+-\\d+)";
const ACCOUNT = "\\d{12}";
const KEY_ID = "(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
const ALIAS_NAME = "alias/[A-Za-z0-9/_-]{1,250}";
const BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";

function exactly(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

/**
 * Values that name a resource of one AWS service: an ARN, a queue URL, an s3:// URI. Each pattern is anchored and
 * built from character classes without nested repetition, so matching is linear in the value's length.
 */
const RESOURCE_CLASSES: readonly { readonly cls: EnvValueClass; readonly pattern: RegExp }[] = [
  { cls: "kms-key-reference", pattern: exactly(`arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:(?:key/${KEY_ID}|${ALIAS_NAME})|${ALIAS_NAME}|${KEY_ID}`) },
  { cls: "secretsmanager-secret-arn", pattern: exactly(`arn:${PARTITION}:secretsmanager:${REGION}:${ACCOUNT}:secret:[A-Za-z0-9/_+=.@!-]{1,512}`) },
  { cls: "ssm-parameter-arn", pattern: exactly(`arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:parameter/[A-Za-z0-9/_.-]{1,2048}`) },
  {
    cls: "sqs-queue-url",
    pattern: exactly(`https://(?:sqs\\.${REGION}\\.amazonaws\\.com(?:\\.cn)?|(?<legacyRegion>[a-z]{2}(?:-[a-z]+)+-\\d+)\\.queue\\.amazonaws\\.com|(?<useast1>queue)\\.amazonaws\\.com)/${ACCOUNT}/[A-Za-z0-9_-]{1,80}(?:\\.fifo)?`),
  },
  { cls: "sns-topic-arn", pattern: exactly(`arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:[A-Za-z0-9_-]{1,256}(?:\\.fifo)?`) },
  { cls: "dynamodb-table-arn", pattern: exactly(`arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/[A-Za-z0-9_.-]{3,255}(?:/index/[A-Za-z0-9_.-]{3,255})?`) },
  { cls: "s3-bucket-arn", pattern: exactly(`arn:${PARTITION}:s3:::${BUCKET}(?:/[^\\n]*)?`) },
  { cls: "s3-uri", pattern: exactly(`s3://${BUCKET}(?:/[^\\n]*)?`) },
];

export interface EnvValueClassification {
  readonly cls: EnvValueClass;
  /** The region the value names, when it names one (ARNs with a region, queue URLs). */
  readonly region?: string;
}

/** The class of one environment variable value, and the region of the resource it names. */
export function classifyEnvValueWithRegion(value: string): EnvValueClassification {
  if (value === "") return { cls: "empty" };
  if (looksLikeKmsCiphertext(value)) return { cls: "kms-ciphertext" };
  if (value.length > 4096) return { cls: "plain" };
  for (const { cls, pattern } of RESOURCE_CLASSES) {
    const match = pattern.exec(value);
    if (match === null) continue;
    const groups = match.groups ?? {};
    const region = groups.region ?? groups.legacyRegion ?? (groups.useast1 === undefined ? undefined : "us-east-1");
    return region === undefined ? { cls } : { cls, region };
  }
  return { cls: "plain" };
}

/** The class of one environment variable value. */
export function classifyEnvValue(value: string): EnvValueClass {
  return classifyEnvValueWithRegion(value).cls;
}

export interface ClassifiedEnvironment {
  readonly VariableClasses: Readonly<Record<string, EnvValueClass>>;
  /** Only for values naming a resource in a region other than the function's own: that region. */
  readonly VariableRegions?: Readonly<Record<string, string>>;
}

/**
 * Lambda's Environment.Variables turned into what a snapshot may hold: names and classes, no values. With the
 * function's region, a value naming a resource in another region also records that region (not the value).
 */
export function classifyEnvironment(vars: Readonly<Record<string, string>> | undefined, functionRegion?: string): ClassifiedEnvironment {
  const classes: Record<string, EnvValueClass> = {};
  const regions: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars ?? {})) {
    const { cls, region } = classifyEnvValueWithRegion(value);
    classes[name] = cls;
    if (functionRegion !== undefined && region !== undefined && region !== functionRegion) regions[name] = region;
  }
  return Object.keys(regions).length === 0 ? { VariableClasses: classes } : { VariableClasses: classes, VariableRegions: regions };
}
