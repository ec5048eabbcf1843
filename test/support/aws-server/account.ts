import type { PrefixListEntry } from "@aws-sdk/client-ec2";
import type { EnvValueClass, LambdaFunction, NatGatewayTrafficRecord, RegionCalls, VpcAttributeRecord } from "../../../src/snapshot/types.js";

/**
 * What the server serves: per region, the same RegionCalls the fixtures hold. A call recorded "ok" is served as
 * data, one recorded "failed" as that error (so gaps round-trip), an absent one as an empty result.
 */
export interface ServedAccount {
  readonly accountId: string;
  readonly regions: Readonly<Record<string, RegionCalls>>;
  /** DescribeRegions opt-in statuses; regions not listed here but in `regions` are "opt-in-not-required". */
  readonly optIn?: Readonly<Record<string, string>>;
  /** Real environment variable values by FunctionArn; otherwise plausible values are made from the classes. */
  readonly environments?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A real KMS ciphertext blob (public sample, shared/reference/wire/kms/ciphertext-samples.md). */
export const KMS_CIPHERTEXT_SAMPLE =
  "AQICAHj/6a1KHdB7qaXDbeWQ9K48M0vQfukO9weGdqwlCJ2ehQE2GJx31AA8adTIcCOKmJf9AAAAYzBhBgkqhkiG9w0BBwagVDBSAgEAME0GCSqGSIb3DQEHATAeBglghkgBZQMEAS4wEQQMltAgB55xMNmhaLR3AgEQgCAJVDr5cdtjELQwHbtzWbAwwWD/iTVWPpoD9qpnqW2iZg==";

/** A value of the class naming a resource in `region` (classes without a region ignore it). */
function plausible(cls: EnvValueClass, region: string, account: string): string {
  switch (cls) {
    case "kms-ciphertext":
      return KMS_CIPHERTEXT_SAMPLE;
    case "kms-key-reference":
      return `arn:aws:kms:${region}:${account}:alias/orders`;
    case "secretsmanager-secret-arn":
      return `arn:aws:secretsmanager:${region}:${account}:secret:orders/db-AbCdEf`;
    case "ssm-parameter-arn":
      return `arn:aws:ssm:${region}:${account}:parameter/orders/db-host`;
    case "sqs-queue-url":
      return `https://sqs.${region}.amazonaws.com/${account}/orders`;
    case "sns-topic-arn":
      return `arn:aws:sns:${region}:${account}:orders`;
    case "dynamodb-table-arn":
      return `arn:aws:dynamodb:${region}:${account}:table/orders`;
    case "s3-bucket-arn":
      return "arn:aws:s3:::orders-archive";
    case "s3-uri":
      return "s3://orders-archive/exports/";
    case "plain":
      return "orders";
    case "empty":
      return "";
  }
}

/** Per-region lookups, built once: every request is a slice or a map lookup. */
export interface RegionIndex {
  readonly calls: RegionCalls;
  readonly vpcAttributes: ReadonlyMap<string, VpcAttributeRecord>;
  readonly prefixListEntries: ReadonlyMap<string, readonly PrefixListEntry[]>;
  readonly functions: readonly Record<string, unknown>[];
  /** GetResources (lambda:function): every function with at least one tag, as ResourceTagMappingList items. */
  readonly taggedFunctions: readonly { readonly ResourceARN: string; readonly Tags: readonly { Key: string; Value: string }[] }[];
  readonly trafficByNat: ReadonlyMap<string, NatGatewayTrafficRecord>;
}

export function indexRegion(account: ServedAccount, calls: RegionCalls): RegionIndex {
  const vpcAttributes = new Map<string, VpcAttributeRecord>();
  if (calls.DescribeVpcAttribute?.status === "ok") {
    for (const record of calls.DescribeVpcAttribute.data) {
      const attribute = record.EnableDnsSupport ? "enableDnsSupport" : "enableDnsHostnames";
      vpcAttributes.set(`${record.VpcId}|${attribute}`, record);
    }
  }
  const prefixListEntries = new Map<string, readonly PrefixListEntry[]>();
  if (calls.GetManagedPrefixListEntries?.status === "ok") {
    for (const record of calls.GetManagedPrefixListEntries.data) prefixListEntries.set(record.PrefixListId, record.Entries);
  }
  const listed = calls.ListFunctions?.status === "ok" ? calls.ListFunctions.data.Functions : [];
  const taggedFunctions = listed
    .filter((fn) => Object.keys(fn.Tags ?? {}).length > 0)
    .map((fn) => ({ ResourceARN: fn.FunctionArn, Tags: Object.entries(fn.Tags ?? {}).map(([Key, Value]) => ({ Key, Value })) }));
  const trafficByNat = new Map(
    calls.NatGatewayTraffic?.status === "ok" ? calls.NatGatewayTraffic.data.map((t) => [t.NatGatewayId, t] as const) : [],
  );
  const functions = listed.map((fn) => asListed(account, fn));
  return { calls, vpcAttributes, prefixListEntries, functions, taggedFunctions, trafficByNat };
}

/**
 * The function as ListFunctions returns it: real environment values back in, layers with their code size and signing
 * fields, no Tags (GetResources serves those).
 */
export function asListed(account: ServedAccount, fn: LambdaFunction): Record<string, unknown> {
  const { Environment, Tags: _tags, Layers, ...listed } = fn;
  const rest = Layers === undefined ? listed : { ...listed, Layers: Layers.map((layer) => ({ ...layer, CodeSize: 4_829_310, SigningProfileVersionArn: "arn:aws:signer:x" })) };
  if (Environment === undefined) return rest;
  const classes = Environment.VariableClasses ?? {};
  const ownRegion = fn.FunctionArn.split(":")[3] ?? "";
  const regionOf = (name: string): string => Environment.VariableRegions?.[name] ?? ownRegion;
  const Variables =
    account.environments?.[fn.FunctionArn] ??
    Object.fromEntries(Object.entries(classes).map(([name, cls]) => [name, plausible(cls, regionOf(name), account.accountId)]));
  return { ...rest, Environment: { Variables, ...(Environment.Error ? { Error: Environment.Error } : {}) } };
}
