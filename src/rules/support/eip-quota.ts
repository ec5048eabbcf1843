import type { RegionIndex } from "../../model/model.js";
import type { Snapshot } from "../../snapshot/types.js";

export const EIP_QUOTA_CODE = "L-0263D0A3";
export const DEFAULT_EIP_QUOTA = 5;

export interface EipQuota {
  readonly value: number;
  readonly source: string;
  readonly assumed: boolean;
}

/**
 * The region's Elastic IP quota: the Service Quotas applied value, else its default value, else the account attribute
 * vpc-max-elastic-ips, else AWS's default of 5 (assumed). Quotas match on the code, never the name (aws-semantics.md §5, D6).
 */
export function eipQuota(snapshot: Snapshot, region: RegionIndex): EipQuota {
  const calls = snapshot.accounts[region.account]?.regions[region.region]?.calls;
  const applied = calls?.GetServiceQuota;
  if (applied?.status === "ok" && applied.data.Quota.Value !== undefined && (applied.data.Quota.QuotaCode ?? EIP_QUOTA_CODE) === EIP_QUOTA_CODE) {
    return { value: applied.data.Quota.Value, source: `Service Quotas applied value (ec2/${EIP_QUOTA_CODE})`, assumed: false };
  }
  const byDefault = calls?.GetAWSDefaultServiceQuota;
  if (byDefault?.status === "ok" && byDefault.data.Quota.Value !== undefined && (byDefault.data.Quota.QuotaCode ?? EIP_QUOTA_CODE) === EIP_QUOTA_CODE) {
    return { value: byDefault.data.Quota.Value, source: `Service Quotas default value (ec2/${EIP_QUOTA_CODE}; an increase would not show)`, assumed: false };
  }
  const attributes = calls?.DescribeAccountAttributes;
  if (attributes?.status === "ok") {
    const attribute = attributes.data.AccountAttributes.find((a) => a.AttributeName === "vpc-max-elastic-ips");
    const value = Number(attribute?.AttributeValues?.[0]?.AttributeValue);
    if (attribute !== undefined && Number.isFinite(value)) {
      return { value, source: "account attribute vpc-max-elastic-ips", assumed: false };
    }
  }
  return { value: DEFAULT_EIP_QUOTA, source: `AWS default of ${DEFAULT_EIP_QUOTA}, assumed: neither Service Quotas nor the account attribute vpc-max-elastic-ips could be read`, assumed: true };
}
