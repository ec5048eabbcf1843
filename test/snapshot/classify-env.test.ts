import { classifyEnvValue, classifyEnvValueWithRegion, classifyEnvironment } from "../../src/snapshot/classify-env.js";

/** Public samples: /work/shared/reference/wire/kms/ciphertext-samples.md. */
const FLEXAGON_BLOB =
  "AQICAHjeJdzKgoHHc7qzSTWuO/WL395m9/Z10qBGg8vz3cD8UQEn3j29CcrhrpzUrVITyK7KAAAAsDCBrQYJKoZIhvcNAQcGoIGfMIGcAgEAMIGWBgkqhkiG9w0BBwEwHgYJYIZIAWUDBAEuMBEEDBz7JpWVuAsCRGYiNAIBEIBpmv41ldrFsC7ebYKmATSBclAXQajtH2nqQfErlTOT3rMFA5EfntUOCieXIMlyg5nWn3D+Qsu6f5Yn808H4PBLQsr7iVkiD77DU9bG5OFLusEE9cY+Xe2s5mgozWP1OKB7uR3KhaDNeHTz";
const AWS_PLAY_BLOB =
  "AQICAHj/6a1KHdB7qaXDbeWQ9K48M0vQfukO9weGdqwlCJ2ehQE2GJx31AA8adTIcCOKmJf9AAAAYzBhBgkqhkiG9w0BBwagVDBSAgEAME0GCSqGSIb3DQEHATAeBglghkgBZQMEAS4wEQQMltAgB55xMNmhaLR3AgEQgCAJVDr5cdtjELQwHbtzWbAwwWD/iTVWPpoD9qpnqW2iZg==";

function withByte(blob: string, offset: number, value: number): string {
  const bytes = Buffer.from(blob, "base64");
  bytes[offset] = value;
  return bytes.toString("base64");
}

describe("classifyEnvValue", () => {
  it.each([
    ["the 234-byte flexagon blob", FLEXAGON_BLOB],
    ["the 157-byte aws-play blob", AWS_PLAY_BLOB],
    ["a blob with header version 01 (AQIBAH...)", withByte(AWS_PLAY_BLOB, 2, 0x01)],
    ["a blob with header version 03 (AQIDAH...)", withByte(AWS_PLAY_BLOB, 2, 0x03)],
  ])("classifies %s as kms-ciphertext", (_name, value) => {
    expect(classifyEnvValue(value)).toBe("kms-ciphertext");
  });

  it.each([
    ["a truncated blob (the prefix-only public sample)", "AQIDAHgcAqmZ5TqTfL2g5+341y+sSnfED8aFMeQky6qb0YqIzgG1CueMB7x+eOqGIoibNkRqAAAAfjB8BgkqhkiG9w0BBwagbzBtAgEAMGgGCSqGSIb3DQEHATAeBgl"],
    ["a full blob missing its last 4 base64 characters", FLEXAGON_BLOB.slice(0, -4)],
    ["a blob with one byte appended (length field no longer matches)", Buffer.concat([Buffer.from(AWS_PLAY_BLOB, "base64"), Buffer.from([0])]).toString("base64")],
    ["a blob with header version 04", withByte(AWS_PLAY_BLOB, 2, 0x04)],
    ["a blob whose byte 4 is not 0x78", withByte(AWS_PLAY_BLOB, 4, 0x79)],
    ["a blob whose byte 37 is not 0x01", withByte(AWS_PLAY_BLOB, 37, 0x02)],
    ["a blob whose DER does not start with SEQUENCE", withByte(AWS_PLAY_BLOB, 58, 0x31)],
    ["a blob without the pkcs7-encryptedData OID", withByte(AWS_PLAY_BLOB, 70, 0x05)],
    ["a blob in URL-safe base64", AWS_PLAY_BLOB.replace(/\//g, "_").replace(/\+/g, "-")],
    ["a blob with a line break inside", `${AWS_PLAY_BLOB.slice(0, 76)}\n${AWS_PLAY_BLOB.slice(76)}`],
    ["a blob with surrounding spaces", ` ${AWS_PLAY_BLOB} `],
    ["an AWS Encryption SDK message (AYA...)", "AYADeJ2EGFiHkNrIqq3HFJ1Y2SUAXwABABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREF4ZzM3a3I4TG1rdE1xTWZRb3RxYzNqVWRXRmJ0OGcvRGJ6K3B6bHRqS1JoREt4bS8wL1RlRVZ1dWh0ajdFU0xJQT09AAEAB2F3cy1rbXMAS2Fybjphd3M6a21zOnVzLWVhc3QtMTo="],
    ["a JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"],
    ["a hex string", "0102030078a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"],
    ["a short base64 string", "AQICAHg="],
    ["a plain string", "orders"],
    ["a URL", "https://kms.ap-northeast-1.amazonaws.com"],
    ["an ARN of a service kms-audit does not model", "arn:aws:states:ap-northeast-1:123456789012:stateMachine:orders"],
  ])("classifies %s as plain", (_name, value) => {
    expect(classifyEnvValue(value)).toBe("plain");
  });

  it.each([
    "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
    "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:ap-northeast-1:123456789012:alias/orders/db",
    "alias/orders-db",
    "alias/aws/lambda",
    "1234abcd-12ab-34cd-56ef-1234567890ab",
    "mrk-1234abcd12ab34cd56ef1234567890ab",
  ])("classifies %s as kms-key-reference", (value) => {
    expect(classifyEnvValue(value)).toBe("kms-key-reference");
  });

  it.each([
    "arn:aws:kms:ap-northeast-1:12345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws:kms:ap-northeast-1:123456789012:key/not-a-key-id",
    "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab/extra",
    "alias/",
    "mrk-1234",
    "key/1234abcd-12ab-34cd-56ef-1234567890ab",
  ])("does not take %s for a key reference", (value) => {
    expect(classifyEnvValue(value)).toBe("plain");
  });

  it.each([
    ["arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:orders/db-AbCdEf", "secretsmanager-secret-arn", "ap-northeast-1"],
    ["arn:aws:ssm:us-east-1:123456789012:parameter/orders/db-host", "ssm-parameter-arn", "us-east-1"],
    ["https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo", "sqs-queue-url", "eu-west-1"],
    ["https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders", "sqs-queue-url", "cn-north-1"],
    ["https://queue.amazonaws.com/123456789012/orders", "sqs-queue-url", "us-east-1"],
    ["https://ap-northeast-1.queue.amazonaws.com/123456789012/orders", "sqs-queue-url", "ap-northeast-1"],
    ["arn:aws:sns:ap-northeast-1:123456789012:order-events", "sns-topic-arn", "ap-northeast-1"],
    ["arn:aws:dynamodb:ap-northeast-1:123456789012:table/orders", "dynamodb-table-arn", "ap-northeast-1"],
    ["arn:aws:dynamodb:ap-northeast-1:123456789012:table/orders/index/by-customer", "dynamodb-table-arn", "ap-northeast-1"],
    ["arn:aws:s3:::orders-bucket", "s3-bucket-arn", undefined],
    ["arn:aws:s3:::orders-bucket/exports/*", "s3-bucket-arn", undefined],
    ["s3://orders-bucket/exports/2026/", "s3-uri", undefined],
    ["arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "kms-key-reference", "us-west-2"],
    ["alias/orders-db", "kms-key-reference", undefined],
  ])("classifies %s as %s, naming region %s", (value, cls, region) => {
    expect(classifyEnvValueWithRegion(value)).toEqual(region === undefined ? { cls } : { cls, region });
  });

  it.each([
    ["a DynamoDB stream ARN (another endpoint)", "arn:aws:dynamodb:ap-northeast-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000"],
    ["an SQS URL of another host", "https://sqs.example.com/123456789012/orders"],
    ["an SQS URL over http", "http://sqs.ap-northeast-1.amazonaws.com/123456789012/orders"],
    ["an SQS URL with a path after the queue", "https://sqs.ap-northeast-1.amazonaws.com/123456789012/orders/extra"],
    ["a secret ARN with an 11-digit account", "arn:aws:secretsmanager:ap-northeast-1:12345678901:secret:orders"],
    ["an SNS subscription ARN", "arn:aws:sns:ap-northeast-1:123456789012:orders:6b0e71bd-7e97-4d97-80ce-4a0994e55286"],
    ["an s3 URI with an upper-case bucket", "s3://Orders/x"],
    ["a resource ARN followed by a newline and more", "arn:aws:sns:ap-northeast-1:123456789012:orders\nrm -rf /"],
  ])("does not take %s for a resource", (_name, value) => {
    expect(classifyEnvValue(value.replace("\\n", "\n"))).toBe("plain");
  });

  it("classifies values over 4 KiB and regions of repeated parts as plain", () => {
    expect(classifyEnvValue(`arn:aws:s3:::${"a".repeat(60)}/${"x".repeat(5000)}`)).toBe("plain");
    expect(classifyEnvValue(`https://sqs.${"ab-".repeat(1000)}1x.amazonaws.com/123456789012/q`)).toBe("plain");
  });

  it("classifies the empty string as empty", () => {
    expect(classifyEnvValue("")).toBe("empty");
  });
});

describe("classifyEnvironment", () => {
  it("keeps every name and replaces every value by its class", () => {
    const result = classifyEnvironment({ TABLE_NAME: "orders", DB_PASSWORD: FLEXAGON_BLOB, KEY: "alias/orders", EMPTY: "" });
    expect(result).toEqual({ VariableClasses: { TABLE_NAME: "plain", DB_PASSWORD: "kms-ciphertext", KEY: "kms-key-reference", EMPTY: "empty" } });
    expect(JSON.stringify(result)).not.toContain("orders");
  });

  it("gives no classes when the function has no environment", () => {
    expect(classifyEnvironment(undefined)).toEqual({ VariableClasses: {} });
  });

  it("records the region of a value naming a resource in another region than the function's, and only that", () => {
    const result = classifyEnvironment(
      {
        LOCAL_QUEUE: "https://sqs.ap-northeast-1.amazonaws.com/123456789012/orders",
        REMOTE_QUEUE: "https://sqs.us-east-1.amazonaws.com/123456789012/orders-replica",
        BUCKET: "s3://orders-archive/",
      },
      "ap-northeast-1",
    );
    expect(result).toEqual({
      VariableClasses: { LOCAL_QUEUE: "sqs-queue-url", REMOTE_QUEUE: "sqs-queue-url", BUCKET: "s3-uri" },
      VariableRegions: { REMOTE_QUEUE: "us-east-1" },
    });
    expect(JSON.stringify(result)).not.toContain("orders");
  });
});
