import { buildModel, functionUses } from "../../src/model/index.js";
import { ACCOUNT, REGION, ids, lambdaFunction, scenario, toSnapshot, withNat } from "../support/build.js";

const LAYER_X86 = `arn:aws:lambda:${REGION}:133490724326:layer:AWS-Parameters-and-Secrets-Lambda-Extension:11`;
const LAYER_ARM = `arn:aws:lambda:${REGION}:133490724326:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:4`;

function summary(uses: ReturnType<typeof functionUses>): string[] {
  return uses.map((u) => `${u.service}@${u.region}: ${u.evidence.map((e) => `[${e.kind}] ${e.text}`).join(" | ")}`);
}

describe("functionUses", () => {
  it("reads services from environment classes, grouping variables per class and region", () => {
    const fn = lambdaFunction({
      FunctionName: "worker",
      Environment: {
        VariableClasses: { QUEUE_URL: "sqs-queue-url", DLQ_URL: "sqs-queue-url", REPLICA: "sqs-queue-url", TOPIC: "sns-topic-arn", TABLE: "dynamodb-table-arn", PLAIN: "plain", ARCHIVE: "s3-uri", BUCKET: "s3-bucket-arn" },
        VariableRegions: { REPLICA: "us-east-1" },
      },
    });
    expect(summary(functionUses(fn, REGION))).toEqual([
      `dynamodb@${REGION}: [environment] environment variable TABLE names a DynamoDB table`,
      `s3@${REGION}: [environment] environment variable ARCHIVE holds an s3:// location | [environment] environment variable BUCKET names an S3 bucket`,
      `sns@${REGION}: [environment] environment variable TOPIC names an SNS topic`,
      `sqs@${REGION}: [environment] environment variables DLQ_URL and QUEUE_URL name SQS queues`,
      "sqs@us-east-1: [environment] environment variable REPLICA names an SQS queue in us-east-1",
    ]);
  });

  it("takes the Parameters and Secrets Extension layer (x86_64 or Arm64, any version) for SSM and Secrets Manager", () => {
    for (const arn of [LAYER_X86, LAYER_ARM]) {
      const uses = functionUses(lambdaFunction({ FunctionName: "f", Layers: [{ Arn: arn }] }), REGION);
      expect(uses.map((u) => u.service)).toEqual(["secretsmanager", "ssm"]);
      expect(uses[0]!.evidence[0]!.text).toMatch(/^layer AWS-Parameters-and-Secrets-Lambda-Extension(-Arm64)?:\d+ is the AWS Parameters and Secrets Lambda Extension/);
    }
    const other = lambdaFunction({ FunctionName: "f", Layers: [{ Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Copy:1` }, {}] });
    expect(functionUses(other, REGION)).toEqual([]);
  });

  it("keeps the tag and configuration declarations, ignoring unknown services", () => {
    const fn = lambdaFunction({ FunctionName: "f", Tags: { "kms-audit:uses": "Secretsmanager, ssm,unknown", "kms-audit:uses-kms": "true" } });
    expect(summary(functionUses(fn, REGION, ["sts", "nope", "ssm"]))).toEqual([
      `kms@${REGION}: [tag] tag kms-audit:uses-kms=true declares KMS calls`,
      `secretsmanager@${REGION}: [tag] tag kms-audit:uses lists secretsmanager`,
      `ssm@${REGION}: [tag] tag kms-audit:uses lists ssm | [config] the configuration declares that it calls SSM`,
      `sts@${REGION}: [config] the configuration declares that it calls STS`,
    ]);
  });

  it("keeps the older KMS wording for ciphertext and key references", () => {
    const fn = lambdaFunction({ FunctionName: "f", Environment: { VariableClasses: { DB_PASSWORD: "kms-ciphertext", KEY: "kms-key-reference" } } });
    expect(summary(functionUses(fn, REGION))).toEqual([
      `kms@${REGION}: [environment] environment variable DB_PASSWORD holds KMS ciphertext the code must decrypt | [environment] environment variable KEY names a KMS key the code uses`,
    ]);
  });
});

describe("buildModel and service use", () => {
  it("evaluates a service found from evidence in the function's region, with the evidence on the path, and records others", () => {
    const d = withNat(scenario());
    const fn = d.functions[0]!;
    d.functions[0] = {
      ...fn,
      Environment: { VariableClasses: { ...fn.Environment?.VariableClasses, QUEUE_URL: "sqs-queue-url", REMOTE: "sns-topic-arn" }, VariableRegions: { REMOTE: "eu-west-1" } },
    };
    const model = buildModel(toSnapshot(d));
    expect(model.paths.map((p) => `${p.subnetId} ${p.service} ${p.verdict}`)).toEqual([
      `${ids.privateA} kms reachable-via-nat`,
      `${ids.privateA} sqs reachable-via-nat`,
      `${ids.privateC} kms reachable-via-nat`,
      `${ids.privateC} sqs reachable-via-nat`,
    ]);
    expect(model.paths[1]!.evidence).toEqual([{ kind: "environment", text: "environment variable QUEUE_URL names an SQS queue" }]);
    expect(model.usesOf(fn.FunctionArn).map((u) => `${u.service}@${u.region}`)).toEqual([`kms@${REGION}`, `sqs@${REGION}`, "sns@eu-west-1"]);
    expect(model.usesOf("arn:aws:lambda:nowhere")).toEqual([]);
  });

  it("evaluates KMS without evidence (empty evidence), and options.servicesFor as declarations", () => {
    const d = withNat(scenario());
    d.functions[0] = { ...d.functions[0]!, Environment: { VariableClasses: { TABLE_NAME: "plain" } } };
    const model = buildModel(toSnapshot(d), { servicesFor: () => ["sts"] });
    expect(model.paths.map((p) => `${p.service} ${p.evidence?.length}`)).toEqual(["kms 0", "sts 1", "kms 0", "sts 1"]);
  });
});
