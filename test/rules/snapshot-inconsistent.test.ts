import rule from "../../src/rules/snapshot-inconsistent.js";
import { ruleTester } from "../support/rule-tester.js";
import { b, endpointScenario, ids, kmsEndpoint, REGION } from "./scenarios.js";

const SECOND = "vpce-0kms0000000000002";

ruleTester.run(rule, {
  valid: [
    { name: "one private-DNS endpoint per service", snapshot: endpointScenario() },
    {
      name: "a second endpoint for the service with private DNS off is allowed",
      snapshot: endpointScenario((d) => d.vpcEndpoints.push({ ...kmsEndpoint(d), VpcEndpointId: SECOND, PrivateDnsEnabled: false })),
    },
    {
      name: "a deleted second endpoint does not count",
      snapshot: endpointScenario((d) => d.vpcEndpoints.push({ ...kmsEndpoint(d), VpcEndpointId: SECOND, State: b.wire("deleted") })),
    },
  ],
  invalid: [
    {
      name: "two private-DNS endpoints for KMS in one VPC",
      snapshot: endpointScenario((d) => d.vpcEndpoints.push({ ...kmsEndpoint(d), VpcEndpointId: SECOND })),
      violations: [
        {
          messageId: "twoPrivateDnsEndpoints",
          resourceId: ids.vpc,
          key: `private-dns:com.amazonaws.${REGION}.kms`,
          severity: "warning",
          data: { count: 2, endpoints: `${ids.kmsEndpoint} and ${SECOND}`, used: ids.kmsEndpoint, hostname: `kms.${REGION}.amazonaws.com` },
        },
      ],
      findings: ([f]) => expect(f!.remediation.commands).toEqual([]),
    },
    {
      name: "a function with subnets in two VPCs",
      snapshot: endpointScenario((d) => {
        d.vpcs.push(b.vpc({ VpcId: "vpc-0other00000000001", CidrBlock: "10.1.0.0/16" }));
        d.subnets.push(b.subnet({ SubnetId: "subnet-0other0000000a1", CidrBlock: "10.1.10.0/24", AvailabilityZone: `${REGION}a`, VpcId: "vpc-0other00000000001" }));
        const fn = d.functions[0]!;
        d.functions[0] = { ...fn, VpcConfig: { ...fn.VpcConfig, SubnetIds: [ids.privateA, "subnet-0other0000000a1"] } };
      }),
      violations: [
        {
          messageId: "functionInTwoVpcs",
          resourceId: ids.fn,
          key: "vpcs",
          severity: "warning",
          data: { count: 2, placement: `${ids.privateA} in ${ids.vpc}; subnet-0other0000000a1 in vpc-0other00000000001` },
        },
      ],
    },
  ],
});
