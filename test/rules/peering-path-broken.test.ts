import rule from "../../src/rules/peering-path-broken.js";
import { ruleTester } from "../support/rule-tester.js";
import { HUB, SPOKE_B, callData, lz, lzSnapshot } from "./landing-scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "a peered spoke reaches the hub's interface endpoint (peering carries that)", snapshot: lzSnapshot("lz-central-endpoints-works") },
  ],
  invalid: [
    {
      name: "0.0.0.0/0 over peering to the hub's NAT gateways: no edge-to-edge routing",
      snapshot: lzSnapshot("lz-peering-to-nat"),
      violations: [{ messageId: "edgeToEdge", resourceId: "rtb-0b00000000000001", key: "PCX_EDGE_TO_EDGE:0.0.0.0/0", severity: "error", data: { peering: lz.peering, destination: "0.0.0.0/0", effect: "are dropped" } }],
      findings: ([f]) => {
        expect(f!.resource.account).toBe(SPOKE_B);
        expect(f!.message).toContain("decrypt-invoices from subnet-0b000000000000a1 and subnet-0b000000000000b1");
        expect(f!.remediation.commands).toEqual([`# rtb-0b00000000000001: send 0.0.0.0/0 to a NAT gateway or transit gateway instead of ${lz.peering}, or reach kms through an interface endpoint`]);
      },
    },
    {
      name: "a peering connection not yet accepted",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        for (const account of [HUB, SPOKE_B]) for (const p of callData(accounts, account, "DescribeVpcPeeringConnections").VpcPeeringConnections) p.Status = { Code: "pending-acceptance", Message: "Pending Acceptance" };
      }),
      violations: [{ messageId: "notActive", resourceId: lz.peering, severity: "error" }],
      findings: ([f]) => expect(f!.resource.arn).toBe(`arn:aws:ec2:eu-west-1:${HUB}:vpc-peering-connection/${lz.peering}`),
    },
  ],
});
