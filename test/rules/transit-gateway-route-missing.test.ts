import rule from "../../src/rules/transit-gateway-route-missing.js";
import { ruleTester } from "../support/rule-tester.js";
import { HUB, callData, lz, lzSnapshot } from "./landing-scenarios.js";

function tableRoutes(accounts: Parameters<typeof callData>[0], table: string) {
  return callData(accounts, HUB, "SearchTransitGatewayRoutes").find((r: { TransitGatewayRouteTableId: string }) => r.TransitGatewayRouteTableId === table);
}

ruleTester.run(rule, {
  valid: [
    { name: "both tables route both ways", snapshot: lzSnapshot("lz-central-endpoints-works") },
    {
      // An absent route proves nothing when SearchTransitGatewayRoutes says the table holds more than it listed.
      name: "no route for the spoke among the routes listed, more available: unverifiable, no finding",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        const record = tableRoutes(accounts, lz.hubTable);
        record.Routes = [];
        record.AdditionalRoutesAvailable = true;
      }),
    },
  ],
  invalid: [
    {
      name: "the spokes' default route is a blackhole",
      snapshot: lzSnapshot("lz-tgw-blackhole"),
      violations: [{ messageId: "blackhole", resourceId: lz.spokeTable, key: "TGW_RTB_BAD_STATE_ROUTE:0.0.0.0/0", severity: "error", data: { destination: "0.0.0.0/0", target: lz.hubAttachment, effect: "drops" } }],
      findings: ([f]) => {
        expect(f!.resource.account).toBe(HUB);
        expect(f!.resource.arn).toBe(`arn:aws:ec2:eu-west-1:${HUB}:transit-gateway-route-table/${lz.spokeTable}`);
        expect(f!.message).toContain("vpc-0a00000000000001 (account 222222222222): decrypt-claims from subnet-0a000000000000a1 and subnet-0a000000000000b1");
        expect(f!.remediation.commands).toEqual([
          `aws ec2 replace-transit-gateway-route --transit-gateway-route-table-id ${lz.spokeTable} --destination-cidr-block 0.0.0.0/0 --transit-gateway-attachment-id ${lz.hubAttachment} --region eu-west-1`,
        ]);
      },
    },
    {
      name: "the hub's table has no route back to the spoke (propagation removed)",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        tableRoutes(accounts, lz.hubTable).Routes = [];
      }),
      violations: [{ messageId: "noRoute", resourceId: lz.hubTable, key: "TGW_RTB_CANNOT_ROUTE:10.1.0.0/16", severity: "error", data: { destination: "10.1.0.0/16", target: lz.spokeAAttachment } }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([
          `aws ec2 create-transit-gateway-route --transit-gateway-route-table-id ${lz.hubTable} --destination-cidr-block 10.1.0.0/16 --transit-gateway-attachment-id ${lz.spokeAAttachment} --region eu-west-1`,
        ]),
    },
    {
      name: "the spoke's attachment is associated with no route table",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        for (const account of Object.keys(accounts)) {
          for (const a of callData(accounts, account, "DescribeTransitGatewayAttachments").TransitGatewayAttachments) if (a.TransitGatewayAttachmentId === lz.spokeAAttachment) delete a.Association;
        }
        for (const record of callData(accounts, HUB, "GetTransitGatewayRouteTableAssociations")) record.Associations = record.Associations.filter((a: { TransitGatewayAttachmentId: string }) => a.TransitGatewayAttachmentId !== lz.spokeAAttachment);
      }),
      violations: [{ messageId: "noAssociation", resourceId: lz.spokeAAttachment, severity: "error" }],
      findings: ([f]) => expect(f!.remediation.commands).toEqual([`# associate ${lz.spokeAAttachment} with a route table of ${lz.tgw} (account ${HUB})`]),
    },
  ],
});
