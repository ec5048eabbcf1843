import rule from "../../src/rules/lambda-sg-egress-blocked.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, copiesOfFunction, endpointScenario, ids, natScenario, replaceGroup } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "default allow-all egress", snapshot: endpointScenario() },
    { name: "egress 443 to the endpoint SG only", snapshot: endpointScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [b.tcp.fromGroup(443, ids.sgEndpoint)] })) },
  ],
  invalid: [
    {
      name: "no outbound rules, endpoint path",
      snapshot: endpointScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [] })),
      violations: [{ messageId: "egressBlocked", resourceId: ids.sgFunction, key: "egress-443", severity: "error", data: { groups: ids.sgFunction, services: "kms", subnets: `${ids.privateA} and ${ids.privateC}` } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${ids.sgEndpoint}}]' --region ap-northeast-1`,
        ]),
    },
    {
      name: "egress only to a database port, NAT path",
      snapshot: natScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [b.tcp.fromCidr(5432, "10.0.0.0/16")] })),
      violations: [{ messageId: "egressBlocked", resourceId: ids.sgFunction, key: "egress-443" }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]' --region ap-northeast-1`,
        ]),
    },
    {
      // Some public ranges may or may not hold KMS's addresses: a note worded "may", and no command loosening the rule.
      name: "egress 443 only to a few public /8s, NAT path: a maybe, never an error",
      snapshot: natScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: ["3.0.0.0/8", "52.0.0.0/8", "54.0.0.0/8"].map((cidr) => b.tcp.fromCidr(443, cidr)) })),
      violations: [{ messageId: "egressMayBeBlocked", resourceId: ids.sgFunction, key: "egress-443", severity: "note" }],
      findings: ([f]) => {
        expect(f!.message).toContain("may not allow outbound TCP 443 towards kms");
        expect(f!.message).toContain("kms-audit prints no command for a maybe");
        expect(f!.remediation.commands).toEqual([]);
      },
    },
    {
      name: "no HTTPS out, S3 through its gateway endpoint: the S3 rule names the prefix list, KMS (through the NAT) 0.0.0.0/0",
      snapshot: natScenario((d) => {
        d.prefixLists.push(b.managedPrefixList("pl-61a54008", "com.amazonaws.ap-northeast-1.s3"));
        d.vpcEndpoints.push(b.interfaceEndpoint({ VpcEndpointId: "vpce-0s3000000000000001", ServiceName: "com.amazonaws.ap-northeast-1.s3", VpcEndpointType: "Gateway", RouteTableIds: [ids.rtbPrivate] }));
        d.routeTables = d.routeTables.map((t) => (t.RouteTableId === ids.rtbPrivate ? { ...t, Routes: [...(t.Routes ?? []), b.route({ DestinationPrefixListId: "pl-61a54008", GatewayId: "vpce-0s3000000000000001" })] } : t));
        replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [b.allTraffic("10.0.0.0/16")] });
      }),
      services: () => ["s3"],
      violations: [{ messageId: "egressBlocked", resourceId: ids.sgFunction, key: "egress-443", severity: "error", data: { services: "kms and s3" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]' --region ap-northeast-1`,
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-61a54008}]' --region ap-northeast-1`,
        ]),
    },
    {
      name: "twelve functions wearing one group without HTTPS out: one finding on the group, listing the twelve, one rule to add",
      snapshot: natScenario((d) => {
        replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [] });
        copiesOfFunction(d, Array.from({ length: 11 }, (_, i) => `fn-${i + 2}`));
      }),
      violations: [{ messageId: "egressBlocked", resourceId: ids.sgFunction, key: "egress-443", severity: "error" }],
      findings: ([f]) => {
        expect(f!.affected?.functions.map((fn) => fn.name)).toEqual(["decrypt-orders", "fn-2", "fn-3", "fn-4", "fn-5", "fn-6", "fn-7", "fn-8", "fn-9", "fn-10", "fn-11", "fn-12"]);
        expect(f!.affected?.subnets).toEqual([ids.privateA, ids.privateC]);
        expect(f!.message).toContain("12 functions calling kms (decrypt-orders, fn-2, fn-3, fn-4, fn-5, fn-6, fn-7, fn-8, fn-9, fn-10, fn-11, fn-12)");
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]' --region ap-northeast-1`,
        ]);
      },
    },
    {
      name: "functions with different sets of groups: one finding per set, on the set's first group by id",
      snapshot: natScenario((d) => {
        replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [] });
        d.securityGroups.push(b.securityGroup({ GroupId: "sg-0aaa0000000000001", IpPermissionsEgress: [] }));
        copiesOfFunction(d, ["reports"]);
        d.functions[1] = { ...d.functions[1]!, VpcConfig: { ...d.functions[1]!.VpcConfig, SecurityGroupIds: [ids.sgFunction, "sg-0aaa0000000000001"] } };
      }),
      violations: [
        { messageId: "egressBlocked", resourceId: ids.sgFunction, key: "egress-443" },
        { messageId: "egressBlocked", resourceId: "sg-0aaa0000000000001", key: `egress-443:sg-0aaa0000000000001,${ids.sgFunction}` },
      ],
      findings: ([one, two]) => {
        expect(one!.affected?.functions.map((fn) => fn.name)).toEqual(["decrypt-orders"]);
        expect(two!.affected?.functions.map((fn) => fn.name)).toEqual(["reports"]);
        expect(two!.remediation.commands[0]).toContain("--group-id sg-0aaa0000000000001");
      },
    },
  ],
});
