import rule from "../../src/rules/nacl-blocks-path.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, natScenario } from "./scenarios.js";

/** Inbound only TCP 443: the ephemeral return traffic is denied by the final rule. */
function withoutEphemeralReturn(d: b.RegionData): void {
  d.networkAcls = [
    {
      ...d.networkAcls[0]!,
      Entries: [
        b.aclEntry({ RuleNumber: 100, Egress: true }),
        b.aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
        b.aclEntry({ RuleNumber: 100, Egress: false, Protocol: "6", PortRange: { From: 443, To: 443 } }),
        b.aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
      ],
    },
  ];
}

ruleTester.run(rule, {
  valid: [
    { name: "default NACL allows all", snapshot: natScenario() },
    {
      name: "NACL admitting 443 and the ephemeral return inside the VPC, endpoint path",
      snapshot: endpointScenario((d) => {
        withoutEphemeralReturn(d);
        d.networkAcls[0]!.Entries!.push(b.aclEntry({ RuleNumber: 110, Egress: false, Protocol: "6", PortRange: { From: 1024, To: 65535 }, CidrBlock: "10.0.0.0/16" }));
      }),
    },
  ],
  invalid: [
    {
      name: "NACL without the ephemeral return, NAT path",
      snapshot: natScenario(withoutEphemeralReturn),
      violations: [{ messageId: "naclBlocks", resourceId: ids.aclDefault, key: "ingress", severity: "error", data: { direction: "inbound", affected: `decrypt-orders calling kms from ${ids.privateA} and ${ids.privateC}` } }],
      findings: ([f]) => {
        expect(f!.message).toContain("1024-65535");
        expect(f!.remediation.commands).toEqual([
          `aws ec2 create-network-acl-entry --network-acl-id ${ids.aclDefault} --ingress --rule-number 110 --protocol 6 --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --region ap-northeast-1`,
        ]);
      },
    },
    {
      name: "endpoint ENIs in both subnets: the return from the other subnet's ENI is denied",
      snapshot: endpointScenario(withoutEphemeralReturn),
      violations: [{ messageId: "naclBlocksSome", resourceId: ids.aclDefault, key: "ingress", severity: "error" }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 create-network-acl-entry --network-acl-id ${ids.aclDefault} --ingress --rule-number 110 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.0.10.0/24 --rule-action allow --region ap-northeast-1`,
          `aws ec2 create-network-acl-entry --network-acl-id ${ids.aclDefault} --ingress --rule-number 120 --protocol 6 --port-range From=1024,To=65535 --cidr-block 10.0.11.0/24 --rule-action allow --region ap-northeast-1`,
        ]),
    },
  ],
});
