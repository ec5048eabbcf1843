import rule from "../../src/rules/transit-gateway-az-gap.js";
import { ruleTester } from "../support/rule-tester.js";
import { HUB, callData, lz, lzSnapshot } from "./landing-scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "attachments cover every AZ that sends traffic", snapshot: lzSnapshot("lz-central-endpoints-works") },
    { name: "central egress", snapshot: lzSnapshot("lz-central-egress-works") },
  ],
  invalid: [
    {
      name: "the function's subnet in an AZ its VPC's attachment does not cover",
      snapshot: lzSnapshot("lz-az-not-attached"),
      violations: [
        {
          messageId: "azNotCovered",
          resourceId: lz.spokeAAttachment,
          key: "az-gap",
          severity: "error",
          data: { vpc: lz.spokeAVpc, tgw: lz.tgw, zones: "eu-west-1b", subnets: "subnet-0a000000000000b1" },
        },
      ],
      findings: ([f]) => {
        expect(f!.resource.account).toBe("222222222222");
        expect(f!.resource.arn).toBe(`arn:aws:ec2:eu-west-1:222222222222:transit-gateway-attachment/${lz.spokeAAttachment}`);
        expect(f!.message).toContain("decrypt-claims from subnet-0a000000000000b1");
        expect(f!.remediation.commands).toEqual([`aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id ${lz.spokeAAttachment} --add-subnet-ids subnet-0a000000000000b1 --region eu-west-1`]);
      },
    },
    {
      // The endpoint's interface in 1b answers through the hub's attachment, which has no subnet there: those calls fail.
      name: "the hub's attachment misses the AZ of one endpoint interface: reported on the hub's attachment, in the hub account",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        for (const account of Object.keys(accounts)) {
          for (const a of callData(accounts, account, "DescribeTransitGatewayVpcAttachments").TransitGatewayVpcAttachments) if (a.TransitGatewayAttachmentId === lz.hubAttachment) a.SubnetIds = ["subnet-0hub0000000000a1"];
        }
        void HUB;
      }),
      violations: [{ messageId: "azNotCovered", resourceId: lz.hubAttachment, key: "az-gap", severity: "error", data: { vpc: lz.hubVpc, zones: "eu-west-1b", subnets: "subnet-0hub0000000000b1" } }],
      findings: ([f]) => {
        expect(f!.resource.account).toBe(HUB);
        expect(f!.message).toContain("vpc-0a00000000000001 (account 222222222222): decrypt-claims from subnet-0a000000000000a1 and subnet-0a000000000000b1");
        expect(f!.remediation.commands).toEqual([`aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id ${lz.hubAttachment} --add-subnet-ids subnet-0hub0000000000b1 --region eu-west-1`]);
      },
    },
  ],
});
