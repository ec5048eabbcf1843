import rule from "../../src/rules/path-unverifiable.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, copiesOfFunction, endpointScenario, ids, natScenario, privateDefaultRoute, replaceGroup, snap } from "./scenarios.js";

const TGW = "tgw-0a1b2c3d4e5f60001";

ruleTester.run(rule, {
  valid: [
    { name: "NAT path works", snapshot: natScenario() },
    { name: "endpoint path works", snapshot: endpointScenario() },
    { name: "no path at all is blocked, not unverifiable", snapshot: snap() },
    {
      // nacl-blocks-path or lambda-sg-egress-blocked reports such a hop as a "may" note, with what to check.
      name: "a hop another rule owns (egress only to some public ranges) is not repeated here",
      snapshot: natScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: ["3.0.0.0/8", "52.0.0.0/8"].map((cidr) => b.tcp.fromCidr(443, cidr)) })),
    },
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
      name: "route to a transit gateway: a note on the transit gateway naming the hop to check",
      snapshot: snap((d) => {
        b.withNat(d);
        privateDefaultRoute(d, { TransitGatewayId: TGW });
      }),
      violations: [
        {
          messageId: "unverifiable",
          resourceId: TGW,
          key: `transit-gateway:${TGW}:ROUTE_LEAVES_SNAPSHOT`,
          severity: "note",
          data: { services: "kms", what: "0.0.0.0/0 is routed here, beyond what the snapshot shows" },
        },
      ],
      findings: ([finding]) => {
        expect(finding!.message).toContain("neither passed nor failed");
        expect(finding!.message).toContain(`Transit gateway ${TGW} is on the path of ${ids.fn} calling kms from ${ids.privateA} and ${ids.privateC}`);
        expect(finding!.evidence.map((h) => h.code)).toEqual(["ROUTE_LEAVES_SNAPSHOT"]);
        expect(finding!.affected?.subnets).toEqual([ids.privateA, ids.privateC]);
      },
    },
    {
      name: "thirty functions routing 0.0.0.0/0 to one transit gateway, for two services: one note listing the thirty",
      snapshot: snap((d) => {
        b.withNat(d);
        privateDefaultRoute(d, { TransitGatewayId: TGW });
        d.functions[0] = { ...d.functions[0]!, Tags: { "kms-audit:uses": "sts" } };
        copiesOfFunction(d, Array.from({ length: 29 }, (_, i) => `fn-${i + 1}`));
      }),
      violations: [{ messageId: "unverifiable", resourceId: TGW, data: { services: "kms and sts" } }],
      findings: ([finding]) => {
        expect(finding!.affected?.functions).toHaveLength(30);
        expect(finding!.affected?.functions.slice(0, 3).map((f) => f.name)).toEqual(["decrypt-orders", "fn-1", "fn-2"]);
        expect(finding!.affected?.services).toEqual(["kms", "sts"]);
        expect(finding!.message).toContain("30 functions calling kms and sts (decrypt-orders, fn-1, fn-2, fn-3,");
      },
    },
    {
      name: "DescribeVpcAttribute not collected: one note on the missing call, for every service",
      snapshot: snap(
        (d) => {
          b.withNat(d);
          d.functions[0] = { ...d.functions[0]!, Tags: { "kms-audit:uses": "sts" } };
        },
        ({ DescribeVpcAttribute: _omitted, ...calls }) => calls,
      ),
      violations: [{ messageId: "unverifiable", resourceId: "ap-northeast-1", key: "region:123456789012/ap-northeast-1:DescribeVpcAttribute:DATA_GAP", data: { services: "kms and sts", what: "DescribeVpcAttribute is missing: paths can't be checked" } }],
      findings: ([finding]) => expect(finding!.message).toContain("DescribeVpcAttribute was not collected"),
    },
  ],
});
