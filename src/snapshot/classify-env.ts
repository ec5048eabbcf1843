import type { EnvValueClass } from "./types.js";

/**
 * Environment variable values are classified at the collection boundary and then dropped:
 * a snapshot keeps only names and classes, never a value.
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
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
const KEY_ID = "(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
const ALIAS_NAME = "alias/[A-Za-z0-9/_-]{1,250}";

const KMS_KEY_REFERENCE = new RegExp(
  `^(?:arn:${PARTITION}:kms:${REGION}:\\d{12}:(?:key/${KEY_ID}|${ALIAS_NAME})|${ALIAS_NAME}|${KEY_ID})$`,
);

/** The class of one environment variable value. */
export function classifyEnvValue(value: string): EnvValueClass {
  if (value === "") return "empty";
  if (looksLikeKmsCiphertext(value)) return "kms-ciphertext";
  if (KMS_KEY_REFERENCE.test(value)) return "kms-key-reference";
  return "plain";
}

/** Lambda's Environment.Variables turned into what a snapshot may hold: names and classes, no values. */
export function classifyEnvironment(vars: Readonly<Record<string, string>> | undefined): {
  readonly VariableClasses: Readonly<Record<string, EnvValueClass>>;
} {
  const entries = Object.entries(vars ?? {}).map(([name, value]) => [name, classifyEnvValue(value)] as const);
  return { VariableClasses: Object.fromEntries(entries) };
}
