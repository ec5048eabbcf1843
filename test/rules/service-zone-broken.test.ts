import rule from "../../src/rules/service-zone-broken.js";
import { ruleTester } from "../support/rule-tester.js";
import { HUB, callData, lz, lzSnapshot } from "./landing-scenarios.js";

type Accounts = Parameters<typeof callData>[0];

function kmsRecords(accounts: Accounts): { Name: string; Type: string; AliasTarget?: { DNSName: string } }[] {
  return callData(accounts, HUB, "ListResourceRecordSets").find((r: { HostedZoneId: string }) => r.HostedZoneId === lz.zone).ResourceRecordSets;
}

ruleTester.run(rule, {
  valid: [{ name: "the zone's alias leads to the live central endpoint", snapshot: lzSnapshot("lz-central-endpoints-works") }],
  invalid: [
    {
      name: "the zone has no record for the name: NXDOMAIN, no fallback to public DNS",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        const records = kmsRecords(accounts);
        records.splice(0, records.length, ...records.filter((r) => r.Type !== "A"));
      }),
      violations: [{ messageId: "noRecord", resourceId: lz.zone, key: "DNS_NO_RECORD:kms", severity: "error" }],
      findings: ([f]) => {
        expect(f!.message).toContain("Route 53 answers NXDOMAIN and does not fall back to public DNS");
        expect(f!.message).toContain("vpc-0a00000000000001 (account 222222222222): decrypt-claims");
        expect(f!.message).toContain("vpc-0b00000000000001 (account 333333333333): decrypt-invoices");
        expect(f!.remediation.commands[0]).toMatch(/^# add an alias record kms\.eu-west-1\.amazonaws\.com in Z0HUBKMS0000000000001/);
      },
    },
    {
      name: "the alias points at another region's endpoint",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        kmsRecords(accounts)[0]!.AliasTarget!.DNSName = "vpce-0hubkms0000000001-abcdefgh.kms.eu-central-1.vpce.amazonaws.com.";
      }),
      violations: [{ messageId: "targetGone", resourceId: lz.zone, key: "DNS_TARGET_GONE:kms", severity: "error" }],
      findings: ([f]) => expect(f!.message).toContain("an endpoint in eu-central-1"),
    },
    {
      name: "the endpoint the alias names was deleted",
      snapshot: lzSnapshot("lz-central-endpoints-works", (accounts) => {
        callData(accounts, HUB, "DescribeVpcEndpoints").VpcEndpoints.length = 0;
      }),
      violations: [{ messageId: "targetGone", resourceId: lz.zone, key: "DNS_TARGET_GONE:kms", severity: "error" }],
      findings: ([f]) => expect(f!.message).toContain(`endpoint ${lz.kmsEndpoint} exists in no account of the snapshot`),
    },
  ],
});
