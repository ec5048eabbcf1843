import rule from "../../src/rules/eip-quota-pressure.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, natScenario, snap, withoutKmsEvidence } from "./scenarios.js";

function addEips(d: b.RegionData, count: number): void {
  for (let i = 0; i < count; i++) {
    d.addresses.push(b.elasticIp({ AllocationId: `eipalloc-0used0000000000${i}`, PublicIp: `203.0.113.${50 + i}`, AssociationId: `eipassoc-0used000000000${i}`, InstanceId: `i-0used00000000000${i}` }));
  }
}

ruleTester.run(rule, {
  valid: [
    { name: "one EIP of five", snapshot: natScenario() },
    { name: "four EIPs against an applied quota of ten", snapshot: natScenario((d) => { addEips(d, 3); d.eipQuota = 10; }) },
  ],
  invalid: [
    {
      name: "four of five: warning from 80%",
      snapshot: natScenario((d) => addEips(d, 3)),
      violations: [{ messageId: "nearlyFull", resourceId: "ap-northeast-1", key: "elastic-ips", severity: "warning", data: { allocated: 4, quota: 5, percent: 80, free: 1, quotaSource: "account attribute vpc-max-elastic-ips" } }],
    },
    {
      name: "quota full: error",
      snapshot: natScenario((d) => addEips(d, 4)),
      violations: [{ messageId: "quotaFull", resourceId: "ap-northeast-1", severity: "error", data: { allocated: 5, quota: 5, needText: "" } }],
    },
    {
      name: "applied quota from Service Quotas wins over the account attribute",
      snapshot: natScenario((d) => { addEips(d, 1); d.eipQuota = 2; d.vpcMaxElasticIps = 50; }),
      violations: [{ messageId: "quotaFull", resourceId: "ap-northeast-1", data: { quota: 2, quotaSource: "Service Quotas applied value (ec2/L-0263D0A3)" } }],
    },
    {
      name: "Service Quotas default value when the applied value is unavailable",
      snapshot: snap((d) => addEips(d, 3), (calls) => {
        const { DescribeAccountAttributes: _dropped, ...rest } = calls;
        return {
          ...rest,
          GetServiceQuota: { status: "failed", error: { code: "NoSuchResourceException", message: "The request failed because the specified quota does not exist." } },
          GetAWSDefaultServiceQuota: { status: "ok", data: { Quota: { ServiceCode: "ec2", QuotaCode: "L-0263D0A3", QuotaName: "EC2-VPC Elastic IPs", Value: 3 } } },
        };
      }),
      violations: [{ messageId: "quotaFull", resourceId: "ap-northeast-1", data: { quota: 3, quotaSource: "Service Quotas default value (ec2/L-0263D0A3; an increase would not show)" } }],
    },
    {
      // Issue 10 §2: an assumed quota never yields an error (it was an error before).
      name: "no quota source: the default 5, marked assumed, a warning whose fix reads the quota first",
      snapshot: snap((d) => addEips(d, 4), (calls) => {
        const { DescribeAccountAttributes: _dropped, ...rest } = calls;
        return rest;
      }),
      violations: [
        {
          messageId: "remediationWontFit",
          resourceId: "ap-northeast-1",
          severity: "warning",
          data: { quota: 5, quotaSource: "AWS default of 5, assumed: neither Service Quotas nor the account attribute vpc-max-elastic-ips could be read" },
        },
      ],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          "# The quota was assumed (AWS's default); read the applied value, and request an increase only if it is below what is needed",
          "aws service-quotas get-service-quota --service-code ec2 --quota-code L-0263D0A3 --region ap-northeast-1",
        ]),
    },
    {
      name: "a full assumed quota is a warning too",
      snapshot: snap(
        (d) => {
          b.withNat(d);
          addEips(d, 4);
        },
        (calls) => {
          const { DescribeAccountAttributes: _dropped, ...rest } = calls;
          return rest;
        },
      ),
      violations: [{ messageId: "quotaFull", resourceId: "ap-northeast-1", severity: "warning", data: { allocated: 5, quota: 5 } }],
    },
    {
      name: "a blocked KMS path without evidence of KMS calls needs no NAT: only the 80% warning",
      snapshot: snap((d) => {
        withoutKmsEvidence(d);
        addEips(d, 4);
      }),
      violations: [{ messageId: "nearlyFull", resourceId: "ap-northeast-1", severity: "warning", data: { allocated: 4, quota: 5 } }],
    },
    {
      name: "a blocked path to another service the function uses counts (KMS reached through its endpoint)",
      snapshot: endpointScenario((d) => {
        d.functions[0] = { ...d.functions[0]!, Tags: { "kms-audit:uses": "sts" } };
        addEips(d, 4);
      }),
      violations: [{ messageId: "remediationWontFit", resourceId: "ap-northeast-1", severity: "error", data: { needed: "2 NAT gateways", required: 6 } }],
    },
    {
      name: "the NAT gateways the remediations recommend would not fit",
      snapshot: snap((d) => addEips(d, 4)),
      violations: [
        {
          messageId: "remediationWontFit",
          resourceId: "ap-northeast-1",
          severity: "error",
          data: { allocated: 4, quota: 5, needed: "2 NAT gateways", needDetail: `${ids.vpc} in ap-northeast-1a, ap-northeast-1c`, required: 6 },
        },
      ],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual(["aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-0263D0A3 --desired-value 11 --region ap-northeast-1"]),
    },
  ],
});
