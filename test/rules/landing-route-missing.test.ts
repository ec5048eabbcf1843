import rule from "../../src/rules/landing-route-missing.js";
import { ruleTester } from "../support/rule-tester.js";
import { HUB, SPOKE_B, callData, lz, lzSnapshot } from "./landing-scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "every VPC routes both ways", snapshot: lzSnapshot("lz-central-endpoints-works") },
    { name: "central egress", snapshot: lzSnapshot("lz-central-egress-works") },
    // The hub of central endpoints has no NAT gateway: traffic for public IPs dropped there is not a route to add.
    { name: "a spoke without the zone sends public traffic to a hub without egress: no route to name", snapshot: lzSnapshot("lz-zone-not-associated") },
  ],
  invalid: [
    {
      name: "the hub has no route back to the spoke",
      snapshot: lzSnapshot("lz-no-return-route"),
      violations: [{ messageId: "noRoute", resourceId: "rtb-0hub000000000001", key: "10.1.0.0/16", severity: "error", data: { vpc: lz.hubVpc, destination: "10.1.0.0/16", target: lz.tgw } }],
      findings: ([f]) => {
        expect(f!.resource.account).toBe(HUB);
        expect(f!.message).toContain("the answer from vpce-0hubkms0000000001");
        expect(f!.remediation.commands).toEqual([`aws ec2 create-route --route-table-id rtb-0hub000000000001 --destination-cidr-block 10.1.0.0/16 --transit-gateway-id ${lz.tgw} --region eu-west-1`]);
      },
    },
    {
      name: "the peered spoke has no route to the hub: the peering connection is the way",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        const table = callData(accounts, SPOKE_B, "DescribeRouteTables").RouteTables[0];
        table.Routes = table.Routes.filter((r: { DestinationCidrBlock?: string }) => r.DestinationCidrBlock !== "10.0.0.0/16");
      }),
      violations: [{ messageId: "noRoute", resourceId: "rtb-0b00000000000001", key: "10.0.0.0/16", severity: "error", data: { vpc: lz.spokeBVpc, target: lz.peering } }],
      findings: ([f]) => {
        expect(f!.resource.account).toBe(SPOKE_B);
        expect(f!.remediation.commands).toEqual([`aws ec2 create-route --route-table-id rtb-0b00000000000001 --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id ${lz.peering} --region eu-west-1`]);
      },
    },
    {
      name: "an egress VPC's attachment subnets send the spoke's traffic to the internet gateway instead of the NAT gateway",
      snapshot: lzSnapshot("lz-central-egress-works", (accounts) => {
        for (const table of callData(accounts, HUB, "DescribeRouteTables").RouteTables) {
          if (table.RouteTableId === "rtb-0hubattach000001") table.Routes = table.Routes.map((r: { DestinationCidrBlock?: string }) => (r.DestinationCidrBlock === "0.0.0.0/0" ? { DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-0hub000000000001", State: "active", Origin: "CreateRoute" } : r));
        }
      }),
      violations: [{ messageId: "noRoute", resourceId: "rtb-0hubattach000001", key: "0.0.0.0/0", severity: "error", data: { target: "nat-0hubegress000001" } }],
      findings: ([f]) => expect(f!.remediation.commands).toEqual(["aws ec2 replace-route --route-table-id rtb-0hubattach000001 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-0hubegress000001 --region eu-west-1"]),
    },
  ],
});
