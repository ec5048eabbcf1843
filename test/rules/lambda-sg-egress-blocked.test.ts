import rule from "../../src/rules/lambda-sg-egress-blocked.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, natScenario, replaceGroup } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "default allow-all egress", snapshot: endpointScenario() },
    { name: "egress 443 to the endpoint SG only", snapshot: endpointScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [b.tcp.fromGroup(443, ids.sgEndpoint)] })) },
  ],
  invalid: [
    {
      name: "no outbound rules, endpoint path",
      snapshot: endpointScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [] })),
      violations: [{ messageId: "egressBlocked", resourceId: ids.fn, key: "egress-443", severity: "error", data: { groups: ids.sgFunction, services: "kms", subnets: `${ids.privateA} and ${ids.privateC}` } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${ids.sgEndpoint}}]' --region ap-northeast-1`,
        ]),
    },
    {
      name: "egress only to a database port, NAT path",
      snapshot: natScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: [b.tcp.fromCidr(5432, "10.0.0.0/16")] })),
      violations: [{ messageId: "egressBlocked", resourceId: ids.fn, key: "egress-443" }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]' --region ap-northeast-1`,
        ]),
    },
    {
      // Some public ranges may or may not hold KMS's addresses: a note worded "may", and no command loosening the rule.
      name: "egress 443 only to a few public /8s, NAT path: a maybe, never an error",
      snapshot: natScenario((d) => replaceGroup(d, ids.sgFunction, { IpPermissionsEgress: ["3.0.0.0/8", "52.0.0.0/8", "54.0.0.0/8"].map((cidr) => b.tcp.fromCidr(443, cidr)) })),
      violations: [{ messageId: "egressMayBeBlocked", resourceId: ids.fn, key: "egress-443", severity: "note" }],
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
      violations: [{ messageId: "egressBlocked", resourceId: ids.fn, key: "egress-443", severity: "error", data: { services: "kms and s3" } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]' --region ap-northeast-1`,
          `aws ec2 authorize-security-group-egress --group-id ${ids.sgFunction} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-61a54008}]' --region ap-northeast-1`,
        ]),
    },
  ],
});
