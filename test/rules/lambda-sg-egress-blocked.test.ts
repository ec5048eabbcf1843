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
  ],
});
