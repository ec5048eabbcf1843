import rule from "../../src/rules/lambda-no-service-path.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, fnArn, ids, natScenario, REGION, S3_GATEWAY, snap, withS3Gateway } from "./scenarios.js";

const both = `${ids.privateA} (ap-northeast-1a) and ${ids.privateC} (ap-northeast-1c)`;
const LAYER = `arn:aws:lambda:${REGION}:133490724326:layer:AWS-Parameters-and-Secrets-Lambda-Extension:11`;

type Data = b.RegionData;

function uses(d: Data, patch: Partial<Data["functions"][number]>): void {
  d.functions[0] = { ...d.functions[0]!, ...patch };
}

function withEnvironment(d: Data, classes: Record<string, string>, regions?: Record<string, string>): void {
  const fn = d.functions[0]!;
  uses(d, {
    Environment: {
      VariableClasses: { ...fn.Environment?.VariableClasses, ...classes } as Record<string, "plain">,
      ...(regions === undefined ? {} : { VariableRegions: regions }),
    },
  });
}

ruleTester.run(rule, {
  valid: [
    { name: "tagged services reachable through the NAT", snapshot: natScenario((d) => uses(d, { Tags: { "kms-audit:uses": "secretsmanager,ssm" } })) },
    { name: "only KMS evaluated (lambda-no-kms-path owns it)", snapshot: snap() },
    {
      name: "a queue in another region: not evaluated here (path-unverifiable says so)",
      snapshot: snap((d) => withEnvironment(d, { QUEUE_URL: "sqs-queue-url" }, { QUEUE_URL: "us-east-1" })),
    },
    {
      name: "S3 through a gateway endpoint on the functions' route table, no NAT",
      snapshot: snap((d) => {
        withEnvironment(d, { ARCHIVE: "s3-uri" });
        withS3Gateway(d, [ids.rtbMain]);
      }),
    },
  ],
  invalid: [
    {
      name: "tagged secretsmanager and ssm, both blocked: an error each, with the interface endpoint to create",
      snapshot: snap((d) => {
        uses(d, { Tags: { "kms-audit:uses": "secretsmanager,ssm" } });
        d.endpointServiceNames.push(`com.amazonaws.${REGION}.ssm`);
      }),
      violations: [
        {
          messageId: "noPathAnySubnet",
          resourceId: ids.fn,
          key: "secretsmanager",
          severity: "error",
          data: { function: ids.fn, service: "Secrets Manager", subnets: both, importance: "It calls Secrets Manager at run time: tag kms-audit:uses lists secretsmanager" },
        },
        { messageId: "noPathAnySubnet", resourceId: ids.fn, key: "ssm", severity: "error", data: { service: "SSM", importance: "It calls SSM at run time: tag kms-audit:uses lists ssm" } },
      ],
      findings: ([secrets, ssm]) => {
        expect(secrets!.message).toContain("has no network path to Secrets Manager (secretsmanager.ap-northeast-1.amazonaws.com:443) from any of its subnets");
        expect(secrets!.message).toContain("every Secrets Manager call from its code times out");
        expect(secrets!.resource.arn).toBe(fnArn);
        expect(secrets!.remediation.commands).toEqual([
          `ENDPOINT_SG=$(aws ec2 create-security-group --vpc-id ${ids.vpc} --group-name secretsmanager-endpoint --description 'HTTPS to com.amazonaws.ap-northeast-1.secretsmanager' --region ap-northeast-1 --query GroupId --output text)`,
          `aws ec2 authorize-security-group-ingress --group-id "$ENDPOINT_SG" --protocol tcp --port 443 --source-group ${ids.sgFunction} --region ap-northeast-1`,
          `aws ec2 create-vpc-endpoint --vpc-id ${ids.vpc} --vpc-endpoint-type Interface --service-name com.amazonaws.ap-northeast-1.secretsmanager --subnet-ids ${ids.privateA} ${ids.privateC} --security-group-ids "$ENDPOINT_SG" --private-dns-enabled --region ap-northeast-1`,
        ]);
        expect(ssm!.remediation.commands.at(-1)).toContain("--service-name com.amazonaws.ap-northeast-1.ssm");
      },
    },
    {
      name: "an SQS queue URL in the environment: error saying why; no fix where the region does not offer the endpoint",
      snapshot: snap((d) => withEnvironment(d, { QUEUE_URL: "sqs-queue-url" })),
      violations: [
        { messageId: "noPathAnySubnet", resourceId: ids.fn, key: "sqs", severity: "error", data: { importance: "It calls SQS at run time: environment variable QUEUE_URL names an SQS queue" } },
      ],
      findings: ([finding]) => expect(finding!.remediation.commands).toEqual([]),
    },
    {
      name: "the Parameters and Secrets Extension layer: SSM and Secrets Manager",
      snapshot: snap((d) => uses(d, { Layers: [{ Arn: LAYER }] })),
      violations: [
        {
          messageId: "noPathAnySubnet",
          resourceId: ids.fn,
          key: "secretsmanager",
          severity: "error",
          data: { importance: "It calls Secrets Manager at run time: layer AWS-Parameters-and-Secrets-Lambda-Extension:11 is the AWS Parameters and Secrets Lambda Extension, which calls SSM and Secrets Manager from the function's network" },
        },
        { messageId: "noPathAnySubnet", resourceId: ids.fn, key: "ssm", severity: "error" },
      ],
    },
    {
      name: "S3 named by an s3:// URI, no path: a gateway endpoint on the subnets' route table is the fix",
      snapshot: snap((d) => withEnvironment(d, { ARCHIVE: "s3-uri" })),
      violations: [{ messageId: "noPathAnySubnet", resourceId: ids.fn, key: "s3", severity: "error", data: { service: "S3" } }],
      findings: ([finding]) =>
        expect(finding!.remediation.commands).toEqual([
          `aws ec2 create-vpc-endpoint --vpc-id ${ids.vpc} --vpc-endpoint-type Gateway --service-name com.amazonaws.ap-northeast-1.s3 --route-table-ids ${ids.rtbMain} --region ap-northeast-1`,
        ]),
    },
    {
      name: "S3 gateway endpoint on another route table: add the functions' route table to it",
      snapshot: snap((d) => {
        withEnvironment(d, { BUCKET: "s3-bucket-arn" });
        withS3Gateway(d, [ids.rtbPublic]);
      }),
      violations: [{ messageId: "noPathAnySubnet", resourceId: ids.fn, key: "s3", severity: "error" }],
      findings: ([finding]) =>
        expect(finding!.remediation.commands).toEqual([
          `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${S3_GATEWAY} --add-route-table-ids ${ids.rtbMain} --region ap-northeast-1`,
        ]),
    },
    {
      name: "one of two subnets without a path: intermittent",
      snapshot: snap((d) => {
        b.withNat(d);
        uses(d, { Tags: { "kms-audit:uses": "sts" } });
        d.routeTables = d.routeTables.map((t) => (t.RouteTableId === ids.rtbPrivate ? { ...t, Associations: (t.Associations ?? []).filter((a) => a.SubnetId === ids.privateA) } : t));
      }),
      violations: [
        {
          messageId: "noPathSomeSubnets",
          resourceId: ids.fn,
          key: "sts",
          severity: "error",
          data: { subnets: `${ids.privateC} (ap-northeast-1c)`, blockedCount: 1, subnetCount: 2, reachableSubnets: `${ids.privateA} (ap-northeast-1a) via ${ids.nat}` },
        },
      ],
      findings: ([finding]) => expect(finding!.message).toContain("STS calls time out intermittently"),
    },
    {
      name: "declared in the configuration; a blocking hop another rule owns: no endpoint fix",
      snapshot: snap((d) => {
        b.withNat(d);
        d.securityGroups = d.securityGroups.map((g) => (g.GroupId === ids.sgFunction ? { ...g, IpPermissionsEgress: [] } : g));
      }),
      services: () => ["dynamodb"],
      violations: [
        { messageId: "noPathAnySubnet", resourceId: ids.fn, key: "dynamodb", severity: "error", data: { importance: "It calls DynamoDB at run time: the configuration declares that it calls DynamoDB" } },
      ],
      findings: ([finding]) => {
        expect(finding!.message).toContain("(see lambda-sg-egress-blocked)");
        expect(finding!.remediation.commands).toEqual([]);
      },
    },
  ],
});
