import rule from "../../src/rules/path-unverifiable.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, natScenario, privateDefaultRoute, snap } from "./scenarios.js";

const both = `${ids.privateA} (ap-northeast-1a) and ${ids.privateC} (ap-northeast-1c)`;

ruleTester.run(rule, {
  valid: [
    { name: "NAT path works", snapshot: natScenario() },
    { name: "endpoint path works", snapshot: endpointScenario() },
    { name: "no path at all is blocked, not unverifiable", snapshot: snap() },
  ],
  invalid: [
    {
      name: "a queue in another region: a note saying the path there can't be verified from this region",
      snapshot: natScenario((d) => {
        const fn = d.functions[0]!;
        d.functions[0] = {
          ...fn,
          Environment: { VariableClasses: { ...fn.Environment?.VariableClasses, REPLICA_QUEUE: "sqs-queue-url" }, VariableRegions: { REPLICA_QUEUE: "us-east-1" } },
        };
      }),
      violations: [
        {
          messageId: "otherRegion",
          resourceId: ids.fn,
          key: "sqs@us-east-1",
          severity: "note",
          data: { service: "SQS", otherRegion: "us-east-1", evidence: "environment variable REPLICA_QUEUE names an SQS queue in us-east-1", hostname: "sqs.us-east-1.amazonaws.com" },
        },
      ],
      findings: ([f]) => {
        expect(f!.message).toContain(`which endpoints in ${ids.vpc} don't serve`);
        expect(f!.remediation.commands).toEqual([]);
      },
    },
    {
      name: "route to a transit gateway: a note naming the hop to check",
      snapshot: snap((d) => {
        b.withNat(d);
        privateDefaultRoute(d, { TransitGatewayId: "tgw-0a1b2c3d4e5f60001" });
      }),
      violations: [{ messageId: "unverifiable", resourceId: ids.fn, key: "kms", severity: "note", data: { subnets: both, service: "kms" } }],
      findings: ([finding]) => {
        expect(finding!.message).toContain("neither passed nor failed");
        expect(finding!.message).toContain("tgw-0a1b2c3d4e5f60001");
        expect(finding!.evidence.map((h) => h.code)).toContain("ROUTE_LEAVES_SNAPSHOT");
      },
    },
    {
      name: "DescribeVpcAttribute not collected: a working NAT path is unverifiable, one note per service",
      snapshot: snap(
        (d) => {
          b.withNat(d);
          d.functions[0] = { ...d.functions[0]!, Tags: { "kms-audit:uses": "sts" } };
        },
        ({ DescribeVpcAttribute: _omitted, ...calls }) => calls,
      ),
      violations: [
        { messageId: "unverifiable", resourceId: ids.fn, key: "kms", data: { service: "kms", hostname: "kms.ap-northeast-1.amazonaws.com" } },
        { messageId: "unverifiable", resourceId: ids.fn, key: "sts", data: { service: "sts", hostname: "sts.ap-northeast-1.amazonaws.com" } },
      ],
      findings: (findings) => {
        for (const finding of findings) expect(finding.message).toContain("DescribeVpcAttribute was not collected");
      },
    },
  ],
});
