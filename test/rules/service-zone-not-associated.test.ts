import rule from "../../src/rules/service-zone-not-associated.js";
import { ruleTester } from "../support/rule-tester.js";
import { HUB, SPOKE_A, callData, lz, lzSnapshot } from "./landing-scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "the zone is associated with every spoke", snapshot: lzSnapshot("lz-central-endpoints-works") },
    {
      name: "a VPC that routes nothing beyond itself is no spoke of the central endpoint",
      snapshot: lzSnapshot("lz-zone-not-associated", (accounts) => {
        const table = callData(accounts, SPOKE_A, "DescribeRouteTables").RouteTables[0];
        table.Routes = table.Routes.filter((r: { GatewayId?: string }) => r.GatewayId === "local");
      }),
    },
  ],
  invalid: [
    {
      name: "spoke A is not associated with the hub's zone (another account: authorization, then association)",
      snapshot: lzSnapshot("lz-zone-not-associated"),
      violations: [{ messageId: "notAssociated", resourceId: lz.zone, key: "not-associated", severity: "error", data: { name: "kms.eu-west-1.amazonaws.com", endpoint: lz.kmsEndpoint, vpcs: lz.spokeAVpc } }],
      findings: ([f]) => {
        expect(f!.resource).toEqual({ type: "hosted-zone", id: lz.zone, arn: `arn:aws:route53:::hostedzone/${lz.zone}`, account: HUB, region: "eu-west-1" });
        expect(f!.remediation.commands).toEqual([
          `# in account ${HUB} (the zone's owner, authorizing the association):`,
          `aws route53 create-vpc-association-authorization --hosted-zone-id ${lz.zone} --vpc VPCRegion=eu-west-1,VPCId=${lz.spokeAVpc} --region eu-west-1`,
          `# in account ${SPOKE_A} (the VPC's owner):`,
          `aws route53 associate-vpc-with-hosted-zone --hosted-zone-id ${lz.zone} --vpc VPCRegion=eu-west-1,VPCId=${lz.spokeAVpc} --region eu-west-1`,
        ]);
      },
    },
  ],
});
