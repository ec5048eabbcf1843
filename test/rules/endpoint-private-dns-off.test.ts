import rule from "../../src/rules/endpoint-private-dns-off.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, replaceEndpoint } from "./scenarios.js";

ruleTester.run(rule, {
  valid: [
    { name: "private DNS on, both VPC attributes on", snapshot: endpointScenario() },
    { name: "no endpoint at all", snapshot: b.toSnapshot(b.withNat(b.scenario())) },
  ],
  invalid: [
    {
      name: "endpoint private DNS off, no NAT",
      snapshot: endpointScenario((d) => replaceEndpoint(d, { PrivateDnsEnabled: false })),
      violations: [{ messageId: "privateDnsOff", resourceId: ids.kmsEndpoint, key: "private-dns", severity: "error", data: { consequence: "can't reach the service through it" } }],
      findings: ([f]) => {
        expect(f!.message).toContain(`decrypt-orders calling kms from ${ids.privateA} and ${ids.privateC}`);
        expect(f!.remediation.commands).toEqual([`aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${ids.kmsEndpoint} --private-dns-enabled --region ap-northeast-1`]);
      },
    },
    {
      name: "VPC DNS hostnames off",
      snapshot: endpointScenario((d) => (d.vpcAttributes = b.dnsAttributes(ids.vpc, true, false))),
      violations: [{ messageId: "vpcDnsHostnamesOff", resourceId: ids.vpc, key: "enableDnsHostnames", severity: "error" }],
      findings: ([f]) =>
        expect(f!.remediation.commands).toEqual([`aws ec2 modify-vpc-attribute --vpc-id ${ids.vpc} --enable-dns-hostnames '{"Value":true}' --region ap-northeast-1`]),
    },
    {
      name: "VPC DNS support off",
      snapshot: endpointScenario((d) => (d.vpcAttributes = b.dnsAttributes(ids.vpc, false, true))),
      violations: [{ messageId: "vpcDnsSupportOff", resourceId: ids.vpc, key: "enableDnsSupport" }],
    },
    {
      name: "private DNS off while a NAT carries the calls: the endpoint is bypassed (warning)",
      snapshot: endpointScenario((d) => {
        b.withNat(d);
        replaceEndpoint(d, { PrivateDnsEnabled: false });
      }),
      violations: [{ messageId: "privateDnsOff", resourceId: ids.kmsEndpoint, severity: "warning", data: { consequence: "bypass it, going out through the NAT gateway instead" } }],
    },
  ],
});
