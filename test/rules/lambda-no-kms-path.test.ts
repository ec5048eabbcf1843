import rule from "../../src/rules/lambda-no-kms-path.js";
import { ruleTester } from "../support/rule-tester.js";
import { lz, lzSnapshot } from "./landing-scenarios.js";
import { b, endpointScenario, fnArn, ids, natScenario, privateDefaultRoute, snap, withoutKmsEvidence } from "./scenarios.js";

const both = `${ids.privateA} (ap-northeast-1a) and ${ids.privateC} (ap-northeast-1c)`;

ruleTester.run(rule, {
  valid: [
    { name: "NAT path works", snapshot: natScenario() },
    { name: "endpoint path works", snapshot: endpointScenario() },
    { name: "function without VPC config", snapshot: snap((d) => (d.functions = [b.lambdaFunction({ FunctionName: "plain-fn" })])) },
    {
      name: "route to a transit gateway: unverifiable, not 'no path' (path-unverifiable reports it)",
      snapshot: snap((d) => {
        b.withNat(d);
        privateDefaultRoute(d, { TransitGatewayId: "tgw-0a1b2c3d4e5f60001" });
      }),
    },
  ],
  invalid: [
    {
      // AWS refuses a private-DNS endpoint while a zone for the name is associated (ConflictingDomainExists).
      name: "a spoke resolving KMS through the hub's zone gets no local endpoint: the central path is what to fix",
      snapshot: lzSnapshot("lz-no-return-route"),
      violations: [{ messageId: "noPathAnySubnet", resourceId: "decrypt-claims", key: "kms", severity: "error" }],
      findings: ([f]) => expect(f!.remediation.commands).toEqual([`# ${lz.spokeAVpc} resolves kms's name through private hosted zone ${lz.zone}: AWS refuses a private-DNS endpoint in this VPC while that zone is associated (ConflictingDomainExists); fix the path the zone leads to (the findings on its hops say how)`]),
    },
    {
      name: "a spoke the landing zone's zone is not associated with: associate it rather than add an endpoint",
      snapshot: lzSnapshot("lz-zone-not-associated"),
      violations: [{ messageId: "noPathAnySubnet", resourceId: "decrypt-claims", key: "kms", severity: "error" }],
      findings: ([f]) => expect(f!.remediation.commands).toEqual([`# ${lz.spokeAVpc} is meant to reach kms through the landing zone's central endpoint: associate private hosted zone ${lz.zone} with it (see service-zone-not-associated) rather than creating an endpoint here`]),
    },
    {
      name: "neither NAT nor endpoint, ciphertext in the environment: error",
      snapshot: snap(),
      violations: [
        {
          messageId: "noPathAnySubnet",
          resourceId: ids.fn,
          key: "kms",
          severity: "error",
          data: { function: ids.fn, subnets: both, importance: "It calls KMS at run time: environment variable DB_PASSWORD holds KMS ciphertext the code must decrypt" },
        },
      ],
      findings: ([finding]) => {
        expect(finding!.message).toContain("every KMS call from its code times out");
        expect(finding!.message).toContain(`${ids.vpc} has no interface endpoint com.amazonaws.ap-northeast-1.kms`);
        expect(finding!.resource.arn).toBe(fnArn);
        expect(finding!.remediation.commands).toEqual([
          `ENDPOINT_SG=$(aws ec2 create-security-group --vpc-id ${ids.vpc} --group-name kms-endpoint --description 'HTTPS to com.amazonaws.ap-northeast-1.kms' --region ap-northeast-1 --query GroupId --output text)`,
          `aws ec2 authorize-security-group-ingress --group-id "$ENDPOINT_SG" --protocol tcp --port 443 --source-group ${ids.sgFunction} --region ap-northeast-1`,
          `aws ec2 create-vpc-endpoint --vpc-id ${ids.vpc} --vpc-endpoint-type Interface --service-name com.amazonaws.ap-northeast-1.kms --subnet-ids ${ids.privateA} ${ids.privateC} --security-group-ids "$ENDPOINT_SG" --private-dns-enabled --region ap-northeast-1`,
        ]);
      },
    },
    {
      name: "no evidence of run-time KMS calls (only KMSKeyArn): note saying why",
      snapshot: snap(withoutKmsEvidence),
      violations: [{ messageId: "noPathAnySubnet", resourceId: ids.fn, key: "kms", severity: "note" }],
      findings: ([finding]) => expect(finding!.message).toContain("Lambda decrypts environment variables encrypted at rest (KMSKeyArn) itself, outside the VPC"),
    },
    {
      name: "tag kms-audit:uses-kms=true makes it an error",
      snapshot: snap((d) => {
        withoutKmsEvidence(d);
        d.functions[0] = { ...d.functions[0]!, Tags: { "kms-audit:uses-kms": "true" } };
      }),
      violations: [{ messageId: "noPathAnySubnet", resourceId: ids.fn, severity: "error", data: { importance: "It calls KMS at run time: tag kms-audit:uses-kms=true declares KMS calls" } }],
    },
    {
      name: "tag kms-audit:uses listing kms makes it an error",
      snapshot: snap((d) => {
        withoutKmsEvidence(d);
        d.functions[0] = { ...d.functions[0]!, Tags: { "kms-audit:uses": "kms,sts" } };
      }),
      violations: [
        { messageId: "noPathAnySubnet", resourceId: ids.fn, key: "kms", severity: "error", data: { importance: "It calls KMS at run time: tag kms-audit:uses lists kms" } },
      ],
    },
    {
      name: "a key reference of another region is evidence for that region's KMS, not this one's: note",
      snapshot: snap((d) => {
        d.functions[0] = { ...d.functions[0]!, Environment: { VariableClasses: { KEY_ARN: "kms-key-reference" }, VariableRegions: { KEY_ARN: "us-east-1" } } };
      }),
      violations: [{ messageId: "noPathAnySubnet", resourceId: ids.fn, key: "kms", severity: "note" }],
    },
    {
      name: "config declaration makes it an error",
      snapshot: snap(withoutKmsEvidence),
      kmsDeclarations: ["decrypt-*"],
      violations: [{ messageId: "noPathAnySubnet", resourceId: ids.fn, severity: "error", data: { importance: "It calls KMS at run time: the configuration declares that it calls KMS" } }],
    },
    {
      name: "one of two subnets without a path: intermittent",
      snapshot: snap((d) => {
        b.withNat(d);
        d.routeTables = d.routeTables.map((t) => (t.RouteTableId === ids.rtbPrivate ? { ...t, Associations: (t.Associations ?? []).filter((a) => a.SubnetId === ids.privateA) } : t));
      }),
      violations: [
        {
          messageId: "noPathSomeSubnets",
          resourceId: ids.fn,
          key: "kms",
          severity: "error",
          data: { subnets: `${ids.privateC} (ap-northeast-1c)`, blockedCount: 1, subnetCount: 2, reachableSubnets: `${ids.privateA} (ap-northeast-1a) via ${ids.nat}` },
        },
      ],
      findings: ([finding]) => expect(finding!.message).toContain("time out intermittently"),
    },
    {
      name: "each blocking hop names the rule that owns it",
      snapshot: snap((d) => {
        b.withNat(d);
        d.securityGroups = d.securityGroups.map((g) => (g.GroupId === ids.sgFunction ? { ...g, IpPermissionsEgress: [] } : g));
      }),
      violations: [{ messageId: "noPathAnySubnet", resourceId: ids.fn, key: "kms" }],
      findings: ([finding]) => {
        expect(finding!.message).toContain(`security-group ${ids.sgFunction}: ${ids.sgFunction} (the function) has no outbound rules at all.`);
        expect(finding!.message).toContain("(see lambda-sg-egress-blocked)");
        // The fix belongs to the owning rule's finding; a new endpoint would be blocked by the same group.
        expect(finding!.remediation.commands).toEqual([]);
      },
    },
    {
      // Each call picks a source port; those above 32767 never get their answer. Intermittent, and still an error.
      name: "return ports admitted only up to 32767: some calls fail, worded intermittent",
      snapshot: snap((d) => {
        b.withNat(d);
        d.networkAcls = d.networkAcls.map((a) => ({
          ...a,
          Entries: [
            b.aclEntry({ RuleNumber: 100, Egress: true }),
            b.aclEntry({ RuleNumber: 32767, Egress: true, RuleAction: "deny" }),
            b.aclEntry({ RuleNumber: 100, Egress: false, Protocol: "6", PortRange: { From: 1024, To: 32767 } }),
            b.aclEntry({ RuleNumber: 110, Egress: false, Protocol: "6", PortRange: { From: 443, To: 443 } }),
            b.aclEntry({ RuleNumber: 32767, Egress: false, RuleAction: "deny" }),
          ],
        }));
      }),
      violations: [{ messageId: "somePathsDrop", resourceId: ids.fn, key: "kms", severity: "error" }],
      findings: ([finding]) => {
        expect(finding!.message).toContain("drops some connections and lets others through: KMS calls fail intermittently");
        expect(finding!.message).not.toContain("every KMS call");
      },
    },
    {
      name: "the endpoint policy refuses kms:Decrypt: the network works, the call is refused",
      snapshot: endpointScenario((d) => {
        d.vpcEndpoints = d.vpcEndpoints.map((e) => ({ ...e, PolicyDocument: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Encrypt", Resource: "*" }] }) }));
      }),
      violations: [{ messageId: "refusedByPolicy", resourceId: ids.fn, key: "kms", severity: "error" }],
      findings: ([finding]) => {
        expect(finding!.message).toContain("over the network from");
        expect(finding!.message).toContain("fail with AccessDenied");
        expect(finding!.message).toContain("(see endpoint-policy-denies)");
      },
    },
  ],
});
