/** Source accounts the collector tests serve: the fixtures' own data, in two regions, touching every call. */
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";
import {
  ACCOUNT,
  REGION,
  activeState,
  emptyRegion,
  ids,
  lambdaFunction,
  managedPrefixList,
  regionCalls,
  scenario,
  subnet,
  vpc,
  dnsAttributes,
  withKmsEndpoint,
  withNat,
} from "../support/build.js";
import type { ServedAccount } from "../support/aws-server/index.js";
import { noLandingZone } from "../support/landing-zone.js";

export const SECOND_REGION = "us-east-1";
export const CANARY = "canary-s3cr3t-7f3a9c1e-do-not-leak";

/** Tokyo: the motivating scenario with NAT and KMS endpoint, a prefix list, tags, an applied EIP quota, NAT traffic. */
export function tokyoCalls(): RegionCalls {
  const d = withKmsEndpoint(withNat(scenario()));
  d.eipQuota = 10;
  d.prefixLists.push(managedPrefixList("pl-61a54008", `com.amazonaws.${REGION}.s3`), managedPrefixList("pl-0custom000000001", "office", ACCOUNT));
  d.prefixListEntries.push(
    { PrefixListId: "pl-61a54008", Entries: [{ Cidr: "52.219.0.0/20" }, { Cidr: "52.219.16.0/22" }, { Cidr: "3.5.152.0/21" }] },
    { PrefixListId: "pl-0custom000000001", Entries: [{ Cidr: "198.51.100.0/24", Description: "office" }] },
  );
  const fn = d.functions[0]!;
  d.functions[0] = { ...fn, Tags: { "kms-audit:uses-kms": "true", team: "orders" } };
  d.functions.push(
    lambdaFunction({ FunctionName: "no-vpc-reporter", Environment: { VariableClasses: { TOKEN: "plain" } } }),
    lambdaFunction({
      FunctionName: "keyed-writer",
      VpcConfig: { SubnetIds: [ids.privateA], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc },
      Environment: {
        VariableClasses: {
          KEY_ID: "kms-key-reference",
          EMPTY: "empty",
          QUEUE_URL: "sqs-queue-url",
          REPLICA_QUEUE_URL: "sqs-queue-url",
          SECRET: "secretsmanager-secret-arn",
          ARCHIVE: "s3-uri",
        },
        VariableRegions: { REPLICA_QUEUE_URL: SECOND_REGION },
      },
      Layers: [{ Arn: `arn:aws:lambda:${REGION}:133490724326:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:12` }],
      Tags: {},
    }),
  );
  d.functionStates = d.functions.filter((f) => (f.VpcConfig?.SubnetIds ?? []).length > 0).map(activeState);
  return {
    ...regionCalls(d),
    ...noLandingZone(REGION, d.vpcs.map((v) => v.VpcId!)),
    NatGatewayTraffic: { status: "ok", data: [{ NatGatewayId: ids.nat, BytesOutToDestination: 7_000_000_001, BytesInFromDestination: 12_345, Days: 30 }] },
  };
}

/** Virginia: one VPC, no functions; Service Quotas has no applied value, so the AWS default is read. */
export function virginiaCalls(): RegionCalls {
  const d = emptyRegion();
  d.vpcs.push(vpc({ VpcId: "vpc-0us0000000000001", CidrBlock: "172.31.0.0/16", IsDefault: true }));
  d.vpcAttributes.push(...dnsAttributes("vpc-0us0000000000001", true, false));
  d.subnets.push(subnet({ SubnetId: "subnet-0us00000000000a1", CidrBlock: "172.31.0.0/20", AvailabilityZone: "us-east-1a", VpcId: "vpc-0us0000000000001", AvailabilityZoneId: "use1-az4" }));
  d.functionStates = [];
  return {
    ...regionCalls(d),
    ...noLandingZone(SECOND_REGION, d.vpcs.map((v) => v.VpcId!)),
    GetServiceQuota: { status: "failed", error: { code: "NoSuchResourceException", message: "The request failed because the specified quota doesn't exist." } },
    GetAWSDefaultServiceQuota: { status: "ok", data: { Quota: { ServiceCode: "ec2", QuotaCode: "L-0263D0A3", QuotaName: "EC2-VPC Elastic IPs", Value: 5 } } },
    NatGatewayTraffic: { status: "ok", data: [] },
  };
}

/** Real environment values: a real KMS ciphertext blob, and a plain value that is the canary secret. */
export function servedAccount(): ServedAccount {
  return {
    accountId: ACCOUNT,
    regions: { [REGION]: tokyoCalls(), [SECOND_REGION]: virginiaCalls() },
    optIn: { "me-south-1": "not-opted-in", "ap-east-1": "opted-in" },
    environments: {
      [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:${ids.fn}`]: {
        TABLE_NAME: CANARY,
        DB_PASSWORD:
          "AQICAHjeJdzKgoHHc7qzSTWuO/WL395m9/Z10qBGg8vz3cD8UQEn3j29CcrhrpzUrVITyK7KAAAAsDCBrQYJKoZIhvcNAQcGoIGfMIGcAgEAMIGWBgkqhkiG9w0BBwEwHgYJYIZIAWUDBAEuMBEEDBz7JpWVuAsCRGYiNAIBEIBpmv41ldrFsC7ebYKmATSBclAXQajtH2nqQfErlTOT3rMFA5EfntUOCieXIMlyg5nWn3D+Qsu6f5Yn808H4PBLQsr7iVkiD77DU9bG5OFLusEE9cY+Xe2s5mgozWP1OKB7uR3KhaDNeHTz",
      },
      [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:no-vpc-reporter`]: { TOKEN: CANARY },
    },
  };
}

/** What a collection of `regions` must produce: the source calls, with Tags on the VPC-attached functions only. */
export function expectedRegions(account: ServedAccount, regions: readonly string[], withTraffic: boolean): Record<string, RegionCalls> {
  return Object.fromEntries(
    regions.map((region) => {
      const { NatGatewayTraffic, ...calls } = account.regions[region]!;
      return [region, normalise(withTraffic ? { ...calls, NatGatewayTraffic } : calls)];
    }),
  );
}

/** As the snapshot is written: JSON (Dates become ISO strings). */
export function normalise<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Region name → calls of the test account, as written to JSON. */
export function regionsOf(snapshot: Snapshot): Record<string, RegionCalls> {
  const regions = normalise(snapshot.accounts[ACCOUNT]?.regions ?? {});
  return Object.fromEntries(Object.entries(regions).map(([name, region]) => [name, region.calls]));
}

export const TEST_CREDENTIALS = { accessKeyId: "AKIDKMSAUDITTEST", secretAccessKey: "kms-audit-test-secret" };
