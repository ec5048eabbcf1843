import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand, type ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import type { RegionCalls } from "../snapshot/types.js";
import type { CallRunner } from "./call-record.js";

/** Service Quotas' code for "EC2-VPC Elastic IPs" (match on the code: its display name varies). */
export const EIP_QUOTA = { ServiceCode: "ec2", QuotaCode: "L-0263D0A3" } as const;

/**
 * The applied Elastic IP quota; when AWS has no applied value (NoSuchResourceException), the AWS default.
 * When Service Quotas is denied or unavailable the failure is recorded, and the rules fall back to
 * DescribeAccountAttributes vpc-max-elastic-ips.
 */
export async function collectEipQuota(
  serviceQuotas: ServiceQuotasClient,
  run: CallRunner,
  abortSignal: AbortSignal,
): Promise<Pick<RegionCalls, "GetServiceQuota" | "GetAWSDefaultServiceQuota">> {
  const GetServiceQuota = await run("GetServiceQuota", async () => {
    const { Quota } = await serviceQuotas.send(new GetServiceQuotaCommand(EIP_QUOTA), { abortSignal });
    return { Quota: Quota ?? {} };
  });
  if (GetServiceQuota.status === "ok" || GetServiceQuota.error.code !== "NoSuchResourceException") return { GetServiceQuota };
  const GetAWSDefaultServiceQuota = await run("GetAWSDefaultServiceQuota", async () => {
    const { Quota } = await serviceQuotas.send(new GetAWSDefaultServiceQuotaCommand(EIP_QUOTA), { abortSignal });
    return { Quota: Quota ?? {} };
  });
  return { GetServiceQuota, GetAWSDefaultServiceQuota };
}
