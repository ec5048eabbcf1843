import rule from "../../src/rules/endpoint-sg-no-https.js";
import { ruleTester } from "../support/rule-tester.js";
import { lz, lzSnapshot } from "./landing-scenarios.js";
import { b, endpointScenario, ids, replaceEndpoint, replaceGroup, withoutKmsEvidence } from "./scenarios.js";

const allow = `aws ec2 authorize-security-group-ingress --group-id ${ids.sgEndpoint} --protocol tcp --port 443 --source-group ${ids.sgFunction} --region ap-northeast-1`;

ruleTester.run(rule, {
  valid: [
    { name: "endpoint SG admits 443 from the function's SG", snapshot: endpointScenario() },
    { name: "endpoint SG admits 443 from the VPC CIDR", snapshot: endpointScenario((d) => replaceGroup(d, ids.sgEndpoint, { IpPermissions: [b.tcp.fromCidr(443, "10.0.0.0/16")] })) },
  ],
  invalid: [
    {
      // A transit gateway or peering connection keeps the function's address: the central endpoint must admit the spokes' CIDRs.
      name: "a central endpoint admitting only its own VPC: each spoke function reported on the hub endpoint, admitted by its subnets' CIDRs",
      snapshot: lzSnapshot("lz-hub-sg-admits-hub-only"),
      violations: [
        { messageId: "remoteConsumerNotAdmitted", resourceId: lz.kmsEndpoint, key: "consumer:arn:aws:lambda:eu-west-1:222222222222:function:decrypt-claims", severity: "error", data: { consumerVpc: lz.spokeAVpc, consumerAccount: "222222222222", cidrs: "10.1.1.0/24 and 10.1.2.0/24" } },
        { messageId: "remoteConsumerNotAdmitted", resourceId: lz.kmsEndpoint, key: "consumer:arn:aws:lambda:eu-west-1:333333333333:function:decrypt-invoices", severity: "error", data: { consumerVpc: lz.spokeBVpc, cidrs: "10.2.1.0/24 and 10.2.2.0/24" } },
      ],
      findings: ([claims]) => {
        expect(claims!.resource.account).toBe("111111111111");
        expect(claims!.remediation.commands).toEqual([
          "aws ec2 authorize-security-group-ingress --group-id sg-0hubendpoint000001 --protocol tcp --port 443 --cidr 10.1.1.0/24 --region eu-west-1",
          "aws ec2 authorize-security-group-ingress --group-id sg-0hubendpoint000001 --protocol tcp --port 443 --cidr 10.1.2.0/24 --region eu-west-1",
        ]);
      },
    },
    {
      name: "endpoint SG without any inbound rule",
      snapshot: endpointScenario((d) => replaceGroup(d, ids.sgEndpoint, { IpPermissions: [] })),
      violations: [{ messageId: "noInboundHttps", resourceId: ids.kmsEndpoint, key: "no-inbound-443", severity: "error", data: { groups: ids.sgEndpoint, consumers: ids.fn, service: "kms" } }],
      findings: ([f]) => {
        expect(f!.remediation.commands).toEqual([allow]);
        expect(f!.resource.arn).toBe(`arn:aws:ec2:ap-northeast-1:123456789012:vpc-endpoint/${ids.kmsEndpoint}`);
      },
    },
    {
      name: "endpoint SG admits only other ports, no consumer: warning",
      snapshot: endpointScenario((d) => {
        replaceGroup(d, ids.sgEndpoint, { IpPermissions: [b.tcp.fromGroup(80, ids.sgFunction)] });
        d.functions = [];
      }),
      violations: [{ messageId: "noInboundHttps", resourceId: ids.kmsEndpoint, severity: "warning", data: { consumers: "no function in the snapshot calls it yet" } }],
    },
    {
      name: "endpoint SG admits 443 only from another group: names the consumer",
      snapshot: endpointScenario((d) => replaceGroup(d, ids.sgEndpoint, { IpPermissions: [b.tcp.fromGroup(443, "sg-0other00000000000001")] })),
      violations: [
        {
          messageId: "consumerNotAdmitted",
          resourceId: ids.kmsEndpoint,
          key: `consumer:arn:aws:lambda:ap-northeast-1:123456789012:function:${ids.fn}`,
          severity: "error",
          data: { function: ids.fn, functionGroups: ids.sgFunction, subnets: `${ids.privateA} and ${ids.privateC}`, targetGroup: ids.sgEndpoint },
        },
      ],
      findings: ([f]) => expect(f!.remediation.commands).toEqual([allow]),
    },
    {
      name: "endpoint without SGs uses the VPC default SG, which admits only itself",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { Groups: [] })),
      violations: [
        {
          messageId: "consumerNotAdmitted",
          resourceId: ids.kmsEndpoint,
          data: { groups: `none given, so the VPC default security group ${ids.sgDefault}`, targetGroup: ids.sgDefault },
        },
      ],
    },
    {
      name: "consumer without evidence of KMS calls: note",
      snapshot: endpointScenario((d) => {
        withoutKmsEvidence(d);
        replaceGroup(d, ids.sgEndpoint, { IpPermissions: [b.tcp.fromGroup(443, "sg-0other00000000000001")] });
      }),
      violations: [{ messageId: "consumerNotAdmitted", resourceId: ids.kmsEndpoint, severity: "note" }],
    },
  ],
});
