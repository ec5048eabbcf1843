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

/** The default ACL with `entries` in front of its allow-all rules. */
function withEntries(d: b.RegionData, ...entries: ReturnType<typeof b.aclEntry>[]): void {
  d.networkAcls = [{ ...d.networkAcls[0]!, Entries: [...entries, ...(d.networkAcls[0]!.Entries ?? [])] }];
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
    {
      // AWS's recommended shape for blocking a bad address: whether KMS is that address is unknown. Never an error, never an allow in front of the deny.
      name: "a deny of one /32 at rule 50 before allow-all: a maybe, no command",
      snapshot: natScenario((d) => withEntries(d, b.aclEntry({ RuleNumber: 50, Egress: false, RuleAction: "deny", CidrBlock: "198.51.100.7/32" }))),
      violations: [{ messageId: "naclMayBlock", resourceId: ids.aclDefault, key: "ingress", severity: "note" }],
      findings: ([f]) => {
        expect(f!.message).toContain("may drop inbound traffic");
        expect(f!.message).toContain(`To find out, check whether rule 50 of ${ids.aclDefault} matches the traffic from kms's public IPs.`);
        expect(f!.remediation.commands).toEqual([]);
      },
    },
    {
      name: "an explicit deny of the return ports: reported, and the deny named for review instead of overridden",
      snapshot: natScenario((d) => withEntries(d, b.aclEntry({ RuleNumber: 90, Egress: false, RuleAction: "deny", Protocol: "6", PortRange: { From: 1024, To: 65535 } }))),
      violations: [{ messageId: "naclBlocks", resourceId: ids.aclDefault, key: "ingress", severity: "error" }],
      findings: ([f]) => {
        expect(f!.message).toContain("rule 90 is an explicit deny: review it, kms-audit prints no command that overrides a deny.");
        expect(f!.remediation.commands).toEqual([`# rule 90 of ${ids.aclDefault} explicitly denies this traffic: review that deny; kms-audit prints no command that overrides a deny`]);
      },
    },
    {
      // Lambda and NAT gateways use source ports up to 65535: the connections on 32768-65535 fail, the others pass.
      name: "return ports admitted only up to 32767: intermittent, still an error, the missing range allowed after every rule",
      snapshot: natScenario((d) => {
        withoutEphemeralReturn(d);
        d.networkAcls[0]!.Entries!.push(b.aclEntry({ RuleNumber: 200, Egress: false, Protocol: "6", PortRange: { From: 1024, To: 32767 } }));
      }),
      violations: [{ messageId: "naclBlocksSome", resourceId: ids.aclDefault, key: "ingress", severity: "error" }],
      findings: ([f]) => {
        expect(f!.message).toContain("some calls fail (intermittently)");
        expect(f!.message).toContain("ports 32768-65535 by rule 32767, while 1024-32767 are admitted");
        expect(f!.remediation.commands).toEqual([
          `aws ec2 create-network-acl-entry --network-acl-id ${ids.aclDefault} --ingress --rule-number 210 --protocol 6 --port-range From=32768,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --region ap-northeast-1`,
        ]);
      },
    },
  ],
});
