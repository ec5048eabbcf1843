import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { synth } from "../../fixtures/iac/cdk/app.js";
import { findingsAt, scanInput, verdicts } from "./helpers.js";

const cdk = "fixtures/iac/cdk";
const app = `${cdk}/app.ts`;

describe("CDK (cdk.out, synthesised by aws-cdk-lib)", () => {
  it("a Vpc with one NAT gateway: both private subnets reach KMS; the NAT finding on the line that made the Vpc", async () => {
    const scanned = await scanInput(`${cdk}/nat.out`);
    expect(verdicts(scanned)).toEqual([
      "[Orders-nat/OrdersA9B65338] subnet-[Orders-nat/VpcPrivateSubnet1Subnet536B997A] kms reachable-via-nat",
      "[Orders-nat/OrdersA9B65338] subnet-[Orders-nat/VpcPrivateSubnet2Subnet3788AAA1] kms reachable-via-nat",
    ]);
    expect(findingsAt(scanned)).toEqual([`nat-cross-az warning nat-[Orders-nat/VpcPublicSubnet1NATGateway4D7517AA] ${app}:35`]);
    // The manifest names the environment.
    expect(Object.keys(scanned.planned.snapshot.accounts)).toEqual(["123456789012"]);
  });

  it("natGateways: 0 with an interface endpoint for KMS (CDK's defaults: private DNS on, 443 open from the VPC)", async () => {
    const scanned = await scanInput(`${cdk}/endpoint.out`);
    expect(verdicts(scanned)).toEqual([
      "[Orders-endpoint/OrdersA9B65338] subnet-[Orders-endpoint/VpcisolatedSubnet1SubnetE62B1B9B] kms reachable-via-endpoint",
      "[Orders-endpoint/OrdersA9B65338] subnet-[Orders-endpoint/VpcisolatedSubnet2Subnet39217055] kms reachable-via-endpoint",
    ]);
    expect(findingsAt(scanned)).toEqual([]);
  });

  it("broken: the endpoint's security group admits port 80 only", async () => {
    const scanned = await scanInput(`${cdk}/endpoint-sg-no-https.out`);
    expect(scanned.result.paths.map((p) => p.verdict)).toEqual(["blocked", "blocked"]);
    expect(findingsAt(scanned)).toEqual([
      `endpoint-sg-no-https error vpce-[Orders-endpoint-sg-no-https/VpcKms28ADD6F7] ${app}:51`,
      `lambda-no-kms-path error [Orders-endpoint-sg-no-https/OrdersA9B65338] ${app}:16`,
    ]);
  });

  it("broken: private DNS off", async () => {
    const scanned = await scanInput(`${cdk}/endpoint-private-dns-off.out`);
    expect(findingsAt(scanned)).toEqual([
      `endpoint-private-dns-off error vpce-[Orders-endpoint-private-dns-off/VpcKms28ADD6F7] ${app}:42`,
      `lambda-no-kms-path error [Orders-endpoint-private-dns-off/OrdersA9B65338] ${app}:16`,
    ]);
  });

  it("broken: the function in public subnets", async () => {
    const scanned = await scanInput(`${cdk}/public-subnet.out`);
    expect(findingsAt(scanned)).toEqual([
      `lambda-no-kms-path error [Orders-public-subnet/OrdersA9B65338] ${app}:16`,
      `lambda-public-subnet error [Orders-public-subnet/OrdersA9B65338] ${app}:16`,
      `lambda-public-subnet error [Orders-public-subnet/OrdersA9B65338] ${app}:16`,
    ]);
  });

  it("a live synthesis by aws-cdk-lib gives what the committed cdk.out gives", async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), "kms-audit-cdk-"));
    try {
      synth("endpoint-sg-no-https", outdir);
      const live = await scanInput(outdir);
      const committed = await scanInput(`${cdk}/endpoint-sg-no-https.out`);
      // Under ts-jest (no source maps) the stack frames name lines of the transpiled app: compare files, not lines.
      const withoutLine = (lines: string[]) => lines.map((line) => line.replace(/:\d+$/, ""));
      expect(withoutLine(findingsAt(live))).toEqual(withoutLine(findingsAt(committed)));
      expect(verdicts(live)).toEqual(verdicts(committed));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
