import type { RegionIndex } from "../model/model.js";
import type { PathResult } from "../model/types.js";
import { defineRule } from "./types.js";
import { regionRef } from "./support/arn.js";
import { awsRun, comment, type FixLine } from "./fix.js";
import { eipQuota, EIP_QUOTA_CODE } from "./support/eip-quota.js";
import { groupBy, pathImportance, pathsWithVerdict } from "./support/hops.js";
import { isUnassociated } from "./support/addresses.js";
import { plural, sortedUnique } from "./support/text.js";

type MessageId = "quotaFull" | "remediationWontFit" | "nearlyFull";

/**
 * AZs (per VPC) that hold a function subnet blocked from a service the function needs (evidence of use) but no
 * available public NAT gateway: one new NAT each.
 */
function natGatewaysNeeded(region: RegionIndex, blocked: readonly PathResult[]): { count: number; detail: string } {
  const covered = new Set<string>();
  for (const nat of region.natGateways.values()) {
    if (String(nat.State).toLowerCase() !== "available" || nat.ConnectivityType === "private") continue;
    const az = nat.SubnetId ? region.subnets.get(nat.SubnetId)?.AvailabilityZone : undefined;
    if (nat.VpcId && az) covered.add(`${nat.VpcId} ${az}`);
  }
  const parts: string[] = [];
  let count = 0;
  for (const [vpcId, results] of groupBy(blocked, (r) => r.vpcId)) {
    const azs = sortedUnique(results.flatMap((r) => (r.availabilityZone ? [r.availabilityZone] : []))).filter((az) => !covered.has(`${vpcId} ${az}`));
    if (azs.length === 0) continue;
    count += azs.length;
    parts.push(`${vpcId} in ${azs.join(", ")}`);
  }
  return { count, detail: parts.join("; ") };
}

export default defineRule<MessageId>({
  meta: {
    id: "eip-quota-pressure",
    title: "Elastic IP addresses near or at the regional quota",
    severity: "warning",
    category: "quota",
    securitySeverity: 2.0,
    rationale:
      "Every public NAT gateway needs an Elastic IP, and a region allows only so many (Service Quotas ec2/L-0263D0A3, " +
      "default 5). When the quota is full, creating the NAT gateway that gives private subnets a path to AWS services " +
      "fails with AddressLimitExceeded, often during an incident. The rule counts allocated addresses (DescribeAddresses) " +
      "against the applied quota (else the default quota, else the account attribute vpc-max-elastic-ips, else 5, marked " +
      "assumed), warns from 80%, and is an error when the quota is full or when the NAT gateways that kms-audit's " +
      "remediations recommend (one per AZ that holds a function subnet without a path to a service the function is known " +
      "to call, and no NAT gateway) would not fit. With an assumed quota (neither Service Quotas nor the account attribute " +
      "could be read) it is at most a warning, and the message says the default was assumed.",
    remediation: {
      text:
        "Request a quota increase before adding NAT gateways. Elastic IPs associated with nothing also free quota when " +
        "released, but a released address is gone for good (and with it whatever allow-lists name it): the finding names " +
        "them, and eip-unassociated gives each its own command, for you to decide.",
      cli: [`aws service-quotas request-service-quota-increase --service-code ec2 --quota-code ${EIP_QUOTA_CODE} --desired-value <value> --region <region>`],
    },
    references: [
      "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
      "https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html",
      "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
    ],
    requires: ["DescribeAddresses", "DescribeNatGateways", "DescribeSubnets", "ListFunctions"],
    messages: {
      quotaFull:
        "{{region}} has {{allocated}} of {{quota}} Elastic IPs allocated ({{quotaSource}}): the quota is full, so no public NAT gateway can be created here{{needText}}.",
      remediationWontFit:
        "{{region}} has {{allocated}} of {{quota}} Elastic IPs allocated ({{quotaSource}}); the {{needed}} that kms-audit's remediations recommend ({{needDetail}}) would need {{required}}, over the quota.",
      nearlyFull:
        "{{region}} has {{allocated}} of {{quota}} Elastic IPs allocated ({{percent}}%, {{quotaSource}}): {{free}} left for new public NAT gateways.",
    },
    headlines: {
      quotaFull: "{{allocated}} of {{quota}} Elastic IPs allocated: no room for a NAT gateway",
      remediationWontFit: "{{allocated}} of {{quota}} Elastic IPs allocated: the recommended NAT gateways won't fit",
      nearlyFull: "{{allocated}} of {{quota}} Elastic IPs allocated: {{free}} left",
    },
  },
  *check({ snapshot, model, settings }, region) {
    const quota = eipQuota(snapshot, region);
    const allocated = region.addresses.length;
    const blocked = pathsWithVerdict(model, region, "blocked").filter((r) => pathImportance(region, r, settings) === "needed");
    const need = natGatewaysNeeded(region, blocked);
    const needed = plural(need.count, "NAT gateway");
    const base = {
      region: region.region,
      allocated,
      quota: quota.value,
      quotaSource: quota.source,
      percent: quota.value > 0 ? Math.round((allocated / quota.value) * 100) : 100,
      free: Math.max(0, quota.value - allocated),
      needed,
      needDetail: need.detail,
      required: allocated + need.count,
      needText: need.count > 0 ? `, yet ${needed} would be needed (${need.detail})` : "",
    };
    // Releasing an address is irreversible (whatever allow-lists it is on): a choice for the user, named, never run.
    const releasable = region.addresses.filter(isUnassociated).flatMap((a) => (a.AllocationId ? [`${a.AllocationId} (${a.PublicIp ?? "no public IP"})`] : []));
    const quotaArgs = ["--service-code", "ec2", "--quota-code", EIP_QUOTA_CODE];
    // An assumed quota may be lower than the account's: read it before asking for more.
    const quotaLines: FixLine[] = quota.assumed
      ? [
          comment("The quota was assumed (AWS's default); read the applied value, and request an increase only if it is below what is needed"),
          awsRun(region.region, "service-quotas", "get-service-quota", quotaArgs),
        ]
      : [awsRun(region.region, "service-quotas", "request-service-quota-increase", [...quotaArgs, "--desired-value", String(Math.max(quota.value, allocated + need.count) + 5)])];
    const fix: FixLine[] = [
      ...quotaLines,
      ...(releasable.length > 0
        ? [comment(`or free quota: ${plural(releasable.length, "Elastic IP is", "Elastic IPs are")} associated with nothing (${releasable.join(", ")}); releasing one is irreversible, so eip-unassociated names each with its command for you to decide`)]
        : []),
    ];
    const resource = regionRef(region);
    // An error needs the quota itself: AWS's default, assumed because neither Service Quotas nor the account attribute was readable, only warns.
    const severity = quota.assumed ? "warning" : "error";
    if (allocated >= quota.value) {
      yield { messageId: "quotaFull", resource, key: "elastic-ips", severity, data: base, fix };
    } else if (need.count > 0 && allocated + need.count > quota.value) {
      yield { messageId: "remediationWontFit", resource, key: "elastic-ips", severity, data: base, fix };
    } else if (allocated >= 0.8 * quota.value) {
      yield { messageId: "nearlyFull", resource, key: "elastic-ips", data: base, fix };
    }
  },
});
