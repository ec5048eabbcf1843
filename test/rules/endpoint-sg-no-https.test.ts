import rule from "../../src/rules/endpoint-sg-no-https.js";
import { ruleTester } from "../support/rule-tester.js";
import { lz, lzSnapshot } from "./landing-scenarios.js";
import { b, copiesOfFunction, endpointScenario, ids, replaceEndpoint, replaceGroup, withoutKmsEvidence } from "./scenarios.js";

const allow = `aws ec2 authorize-security-group-ingress --group-id ${ids.sgEndpoint} --protocol tcp --port 443 --source-group ${ids.sgFunction} --region ap-northeast-1`;

ruleTester.run(rule, {
  valid: [
    { name: "endpoint SG admits 443 from the function's SG", snapshot: endpointScenario() },
    { name: "endpoint SG admits 443 from the VPC CIDR", snapshot: endpointScenario((d) => replaceGroup(d, ids.sgEndpoint, { IpPermissions: [b.tcp.fromCidr(443, "10.0.0.0/16")] })) },
  ],
  invalid: [
    {
      // A transit gateway or peering connection keeps the function's address: the central endpoint must admit the spokes' CIDRs.
      name: "a central endpoint admitting only its own VPC: one finding on the hub endpoint for both spokes' functions, admitted by their subnets' CIDRs",
      snapshot: lzSnapshot("lz-hub-sg-admits-hub-only"),
      violations: [
        {
          messageId: "remoteConsumerNotAdmitted",
          resourceId: lz.kmsEndpoint,
          key: "remote-consumers-not-admitted",
          severity: "error",
          data: { consumerVpcs: `${lz.spokeAVpc} (account 222222222222) and ${lz.spokeBVpc} (account 333333333333)`, cidrs: "10.1.1.0/24, 10.1.2.0/24, 10.2.1.0/24 and 10.2.2.0/24" },
        },
      ],
      findings: ([f]) => {
        expect(f!.resource.account).toBe("111111111111");
        expect(f!.affected?.functions.map((fn) => fn.name)).toEqual(["decrypt-claims", "decrypt-invoices"]);
        expect(f!.remediation.commands).toEqual(
          ["10.1.1.0/24", "10.1.2.0/24", "10.2.1.0/24", "10.2.2.0/24"].map((cidr) => `aws ec2 authorize-security-group-ingress --group-id sg-0hubendpoint000001 --protocol tcp --port 443 --cidr ${cidr} --region eu-west-1`),
        );
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
          key: "consumers-not-admitted",
          severity: "error",
          data: { affected: `${ids.fn} calling kms from ${ids.privateA} and ${ids.privateC}`, functionGroups: ids.sgFunction, targetGroup: ids.sgEndpoint },
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
    {
      name: "four functions the endpoint doesn't admit: one finding on the endpoint listing them, one rule per group",
      snapshot: endpointScenario((d) => {
        replaceGroup(d, ids.sgEndpoint, { IpPermissions: [b.tcp.fromGroup(443, "sg-0other00000000000001")] });
        copiesOfFunction(d, ["fn-2", "fn-3", "fn-10"]);
        d.securityGroups.push(b.securityGroup({ GroupId: "sg-0fn100000000000001" }));
        d.functions[3] = { ...d.functions[3]!, VpcConfig: { ...d.functions[3]!.VpcConfig, SecurityGroupIds: ["sg-0fn100000000000001"] } };
      }),
      violations: [{ messageId: "consumerNotAdmitted", resourceId: ids.kmsEndpoint, key: "consumers-not-admitted", severity: "error" }],
      findings: ([f]) => {
        expect(f!.affected?.functions.map((fn) => fn.name)).toEqual(["decrypt-orders", "fn-2", "fn-3", "fn-10"]);
        // one call, one rule per group
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-ingress --group-id ${ids.sgEndpoint} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=sg-0fn100000000000001},{GroupId=${ids.sgFunction}}]' --region ap-northeast-1`,
        ]);
      },
    },
  ],
});
