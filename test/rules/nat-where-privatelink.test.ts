import rule from "../../src/rules/nat-where-privatelink.js";
import { ruleTester } from "../support/rule-tester.js";
import { lz, lzSnapshot } from "./landing-scenarios.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { ACCOUNT, b, copiesOfFunction, endpointScenario, ids, natScenario, REGION, withoutKmsEvidence } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "KMS through the endpoint", snapshot: endpointScenario() },
    { name: "region offers no KMS endpoint service", snapshot: natScenario((d) => (d.endpointServiceNames = d.endpointServiceNames.filter((n) => !n.endsWith(".kms")))) },
    { name: "no evidence the function calls KMS", snapshot: natScenario(withoutKmsEvidence) },
  ],
  invalid: [
    {
      name: "central egress: across the transit gateway to the hub's NAT gateway, both per-GB charges priced",
      snapshot: lzSnapshot("lz-central-egress-works"),
      violations: [{ messageId: "centralEgress", resourceId: lz.spokeAVpc, key: "kms", data: { natVpc: `${lz.hubVpc} (account 111111111111)` } }],
      findings: ([f]) => {
        expect(f!.affected?.functions.map((fn) => fn.name)).toEqual(["decrypt-claims"]);
        expect(f!.message).toContain("through the central NAT = $0.02/GB transit gateway data processing + $0.048/GB NAT data processing = $0.068/GB");
        expect(f!.message).toContain("a local interface endpoint = 2 AZ x 730 h x $0.011 = $16.06 + $0.01/GB, break-even at 276.9 GB/month");
        expect(f!.message).toContain("a central interface endpoint reached across the same transit gateway = $0.03/GB");
        expect(f!.remediation.commands[f!.remediation.commands.length - 1]).toContain(`create-vpc-endpoint --vpc-id ${lz.spokeAVpc}`);
      },
    },
    {
      name: "KMS through the NAT, Tokyo prices, no traffic data: break-even only",
      snapshot: natScenario(),
      violations: [{ messageId: "interfaceEndpoint", resourceId: ids.vpc, key: "kms", severity: "note", data: { nats: ids.nat, endpointService: "com.amazonaws.ap-northeast-1.kms" } }],
      findings: ([f]) => {
        expect(f!.message).toContain("interface endpoint = 2 AZ x 730 h x $0.014 = $20.44 + $0.01/GB");
        expect(f!.message).toContain("through the NAT = $0.062/GB data processing");
        expect(f!.message).toContain("break-even at 393.1 GB/month");
        expect(f!.message).toContain("only the break-even is shown");
        expect(f!.message).toContain("off the internet");
        expect(f!.remediation.commands[2]).toBe(
          `aws ec2 create-vpc-endpoint --vpc-id ${ids.vpc} --vpc-endpoint-type Interface --service-name com.amazonaws.ap-northeast-1.kms --subnet-ids ${ids.privateA} ${ids.privateC} --security-group-ids "$ENDPOINT_SG" --private-dns-enabled --region ap-northeast-1`,
        );
      },
    },
    {
      name: "measured NAT traffic gives both monthly costs",
      snapshot: b.toSnapshot(b.withNat(b.scenario()), (calls) => ({
        ...calls,
        NatGatewayTraffic: { status: "ok", data: [{ NatGatewayId: ids.nat, BytesOutToDestination: 600e9, BytesInFromDestination: 0, Days: 30 }] },
      })),
      violations: [{ messageId: "interfaceEndpoint", resourceId: ids.vpc, key: "kms" }],
      findings: ([f]) => {
        // 600 GB in 30 days = 608.3 GB per 730-hour month; endpoint 20.44 + 6.08 = 26.52; NAT 0.062 x 608.3 = 37.72.
        expect(f!.message).toContain("about 608.3 GB/month");
        expect(f!.message).toContain("endpoint $26.52 vs NAT $37.72 per month");
      },
    },
    {
      name: "S3 through the NAT: the free gateway endpoint",
      snapshot: natScenario(withoutKmsEvidence),
      services: () => ["s3"],
      violations: [{ messageId: "gatewayEndpoint", resourceId: ids.vpc, key: "s3", data: { endpointService: "com.amazonaws.ap-northeast-1.s3" } }],
      findings: ([f]) => {
        expect(f!.message).toContain("gateway endpoint = $0");
        expect(f!.remediation.commands).toEqual([
          `aws ec2 create-vpc-endpoint --vpc-id ${ids.vpc} --vpc-endpoint-type Gateway --service-name com.amazonaws.ap-northeast-1.s3 --route-table-ids ${ids.rtbPrivate} --region ap-northeast-1`,
        ]);
      },
    },
    {
      name: "configured price overrides replace the table's",
      snapshot: natScenario(),
      settings: { prices: { "ap-northeast-1": { natGatewayHour: 0.05, natGatewayPerGb: 0.05, interfaceEndpointHourPerAz: 0.01, interfaceEndpointPerGb: 0.01 } } },
      violations: [{ messageId: "interfaceEndpoint", resourceId: ids.vpc }],
      findings: ([f]) => {
        // 2 x 730 x 0.01 = 14.60; break-even 14.60 / (0.05 - 0.01) = 365.0 GB.
        expect(f!.message).toContain("= $14.60 + $0.01/GB");
        expect(f!.message).toContain("break-even at 365.0 GB/month");
        expect(f!.message).toContain("with configured overrides");
      },
    },
    {
      name: "region without prices shows the formula's inputs, not numbers",
      snapshot: inRegion("eu-south-2", natScenario()),
      violations: [{ messageId: "interfaceEndpoint", resourceId: ids.vpc, data: { region: "eu-south-2" } }],
      findings: ([f]) => expect(f!.message).toContain("no price data for this region: interface endpoint = 2 AZ x 730 h x hourly price per AZ + GB x per-GB price"),
    },
    {
      name: "five functions of one VPC through the NAT: one finding on the VPC, one endpoint admitting every function's groups",
      snapshot: natScenario((d) => {
        copiesOfFunction(d, ["fn-2", "fn-3", "fn-10", "fn-11"]);
        d.securityGroups.push(b.securityGroup({ GroupId: "sg-0other00000000000001" }));
        d.functions[4] = { ...d.functions[4]!, VpcConfig: { ...d.functions[4]!.VpcConfig, SubnetIds: [ids.privateA], SecurityGroupIds: ["sg-0other00000000000001"] } };
      }),
      violations: [{ messageId: "interfaceEndpoint", resourceId: ids.vpc, key: "kms" }],
      findings: ([f]) => {
        expect(f!.affected?.functions.map((fn) => fn.name)).toEqual(["decrypt-orders", "fn-2", "fn-3", "fn-10", "fn-11"]);
        expect(f!.message).toContain(`In ${ids.vpc}, 5 functions calling kms (decrypt-orders, fn-2, fn-3, fn-10, fn-11) from 2 subnets`);
        expect(f!.remediation.commands.filter((c) => c.includes("authorize-security-group-ingress"))).toEqual([
          `aws ec2 authorize-security-group-ingress --group-id "$ENDPOINT_SG" --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${ids.sgFunction}},{GroupId=sg-0other00000000000001}]' --region ap-northeast-1`,
        ]);
      },
    },
  ],
});

/** The same region data filed under another region, with the offered service names renamed to match. */
function inRegion(region: string, snapshot: Snapshot): Snapshot {
  const calls = snapshot.accounts[ACCOUNT]!.regions[REGION]!.calls;
  const services = calls.DescribeVpcEndpointServices;
  const renamed = services?.status === "ok" ? { status: "ok" as const, data: { ServiceNames: services.data.ServiceNames.map((n) => n.replace(REGION, region)) } } : services;
  return { ...snapshot, accounts: { [ACCOUNT]: { regions: { [region]: { calls: { ...calls, ...(renamed ? { DescribeVpcEndpointServices: renamed } : {}) } } } } } };
}
