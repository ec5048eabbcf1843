import { emptyRegion, type RegionData } from "../../test/support/build.js";
import type { IdMaker } from "./ids.js";
import type { Random } from "./random.js";
import type { RegionShared } from "./shared.js";

/** Services a region offers endpoints for (a realistic share of DescribeVpcEndpointServices). */
const ENDPOINT_SERVICES = [
  "kms", "kms-fips", "s3", "dynamodb", "sts", "secretsmanager", "ssm", "ssmmessages", "ec2", "ec2messages", "logs", "monitoring",
  "sqs", "sns", "events", "execute-api", "ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "elasticloadbalancing",
  "autoscaling", "lambda", "states", "kinesis-streams", "kinesis-firehose", "glue", "athena", "rds", "rds-data", "elasticache",
  "cloudformation", "codebuild", "codecommit", "codepipeline", "config", "xray", "sagemaker.api", "sagemaker.runtime",
  "bedrock-runtime", "textract", "comprehend", "transfer", "email-smtp", "acm-pca", "appconfig", "appsync-api", "backup",
  "servicecatalog", "cloudtrail", "application-autoscaling", "elasticfilesystem", "emr-serverless", "redshift-data",
];

function prefixList(id: string, name: string, owner: string, maxEntries: number) {
  return { PrefixListId: id, PrefixListName: name, AddressFamily: "IPv4", State: "create-complete" as const, OwnerId: owner, MaxEntries: maxEntries, Version: 3, PrefixListArn: `arn:aws:ec2:region:${owner}:prefix-list/${id}`, Tags: [] };
}

/** The region's shared resources: DHCP options, transit gateway id, AWS and customer prefix lists with entries. */
export function startRegion(region: string, account: string, ids: IdMaker, random: Random): { data: RegionData; shared: RegionShared } {
  const data = emptyRegion();
  const shared: RegionShared = {
    region,
    transitGatewayId: ids.next("tgw"),
    amazonDhcpOptionsId: ids.next("dopt"),
    customDhcpOptionsId: ids.next("dopt"),
    s3PrefixListId: ids.next("pl"),
    corporatePrefixListId: ids.next("pl"),
    partnerPrefixListId: ids.next("pl"),
  };
  const dynamodbPrefixListId = ids.next("pl");
  data.dhcpOptions.push(
    { DhcpOptionsId: shared.amazonDhcpOptionsId, OwnerId: account, DhcpConfigurations: [{ Key: "domain-name", Values: [{ Value: `${region}.compute.internal` }] }, { Key: "domain-name-servers", Values: [{ Value: "AmazonProvidedDNS" }] }], Tags: [] },
    { DhcpOptionsId: shared.customDhcpOptionsId, OwnerId: account, DhcpConfigurations: [{ Key: "domain-name", Values: [{ Value: "corp.example.com" }] }, { Key: "domain-name-servers", Values: [{ Value: "192.168.0.2" }, { Value: "192.168.1.2" }] }], Tags: [] },
  );
  data.prefixLists.push(
    prefixList(shared.s3PrefixListId, `com.amazonaws.${region}.s3`, "AWS", 0),
    prefixList(dynamodbPrefixListId, `com.amazonaws.${region}.dynamodb`, "AWS", 0),
    prefixList(shared.corporatePrefixListId, "corporate-networks", account, 60),
    prefixList(shared.partnerPrefixListId, "partner-apis", account, 30),
  );
  const entries = (count: number, cidr: () => string) => Array.from({ length: count }, (_, i) => ({ Cidr: cidr(), Description: `entry ${i}` }));
  data.prefixListEntries.push(
    { PrefixListId: shared.s3PrefixListId, Entries: entries(6, () => `52.${random.int(92, 95)}.${random.int(0, 255)}.0/22`) },
    { PrefixListId: dynamodbPrefixListId, Entries: entries(4, () => `3.${random.int(0, 255)}.${random.int(0, 255)}.0/24`) },
    { PrefixListId: shared.corporatePrefixListId, Entries: entries(random.int(20, 50), () => `192.168.${random.int(0, 255)}.0/24`) },
    { PrefixListId: shared.partnerPrefixListId, Entries: entries(random.int(8, 25), () => `${random.int(13, 54)}.${random.int(0, 255)}.${random.int(0, 255)}.0/24`) },
  );
  data.endpointServiceNames.push(...ENDPOINT_SERVICES.map((s) => `com.amazonaws.${region}.${s}`));
  return { data, shared };
}

/** Elastic IPs nobody uses (eip-unassociated), and a quota near the region's allocation for some regions. */
export function finishRegion(data: RegionData, ids: IdMaker, random: Random, vpcCount: number): void {
  for (let i = Math.ceil(vpcCount / 8); i > 0; i -= 1) {
    data.addresses.push({ AllocationId: ids.next("eipalloc"), Domain: "vpc", PublicIp: `198.18.${random.int(0, 255)}.${random.int(1, 254)}`, PublicIpv4Pool: "amazon" });
  }
  const allocated = data.addresses.length;
  data.vpcMaxElasticIps = 5;
  data.eipQuota = Math.max(5, random.chance(0.5) ? Math.ceil(allocated / 0.85) : Math.ceil(allocated * 1.5));
}
