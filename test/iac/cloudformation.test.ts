import { findingsAt, scanInput, verdicts } from "./helpers.js";

const dir = "fixtures/iac/cloudformation";
const tokyo = { region: "ap-northeast-1" };

describe("CloudFormation and SAM templates", () => {
  it("a NAT gateway in a public subnet gives the private function its path (intrinsics: !Ref, !GetAtt, !Select, !Cidr, !Sub)", async () => {
    const scanned = await scanInput(`${dir}/nat-vpc.yaml`, tokyo);
    expect(verdicts(scanned)).toEqual(["decrypt-orders subnet-[PrivateSubnet] kms reachable-via-nat"]);
    expect(findingsAt(scanned)).toEqual([]);
    const subnets = scanned.planned.snapshot.accounts["unknown-account"]?.regions["ap-northeast-1"]?.calls.DescribeSubnets;
    expect(subnets?.status === "ok" && subnets.data.Subnets.map((s) => `${s.SubnetId} ${s.CidrBlock} ${s.AvailabilityZone}`)).toEqual([
      "subnet-[PublicSubnet] 10.20.0.0/24 ap-northeast-1a",
      "subnet-[PrivateSubnet] 10.20.1.0/24 ap-northeast-1a",
    ]);
  });

  it("an endpoint security group without 443: the finding on the endpoint's line, the summary on the function's", async () => {
    const scanned = await scanInput(`${dir}/endpoint-sg-no-https.yaml`, tokyo);
    expect(verdicts(scanned)).toEqual(["decrypt-orders subnet-[PrivateSubnetA] kms blocked"]);
    expect(findingsAt(scanned)).toEqual([
      `endpoint-sg-no-https error vpce-[KmsEndpoint] ${dir}/endpoint-sg-no-https.yaml:32`,
      `lambda-no-kms-path error decrypt-orders ${dir}/endpoint-sg-no-https.yaml:41`,
    ]);
  });

  it("a JSON template: private DNS off by CloudFormation's default, a generated function name, evidence from a tag", async () => {
    const scanned = await scanInput(`${dir}/private-dns-off.json`, tokyo);
    expect(verdicts(scanned)).toEqual(["[Reporting] subnet-[PrivateSubnet] kms blocked"]);
    expect(findingsAt(scanned)).toEqual([
      `endpoint-private-dns-off error vpce-[KmsEndpoint] ${dir}/private-dns-off.json:21`,
      `lambda-no-kms-path error [Reporting] ${dir}/private-dns-off.json:31`,
    ]);
  });

  it("SAM: Globals.Function puts the function in a public subnet; a KMS key reference in its environment is evidence", async () => {
    const scanned = await scanInput(`${dir}/sam-public-subnet.yaml`, tokyo);
    expect(verdicts(scanned)).toEqual(["orders subnet-[PublicSubnet] kms blocked"]);
    expect(findingsAt(scanned)).toEqual([
      `lambda-no-kms-path error orders ${dir}/sam-public-subnet.yaml:73`,
      `lambda-public-subnet error orders ${dir}/sam-public-subnet.yaml:73`,
    ]);
    const functions = scanned.planned.snapshot.accounts["unknown-account"]?.regions["ap-northeast-1"]?.calls.ListFunctions;
    expect(functions?.status === "ok" && functions.data.Functions[0]?.Environment).toEqual({ VariableClasses: { STAGE: "plain", ORDERS_KEY: "kms-key-reference" } });
  });

  it("--parameter decides a condition: the dev stage names the function orders-dev", async () => {
    const scanned = await scanInput(`${dir}/sam-public-subnet.yaml`, { ...tokyo, parameters: new Map([["Stage", "dev"]]) });
    expect(verdicts(scanned)).toEqual(["orders-dev subnet-[PublicSubnet] kms blocked"]);
  });

  it("values known only at deploy make paths unverifiable and name what to provide; --parameter settles them", async () => {
    const scanned = await scanInput(`${dir}/unknown-values.yaml`, tokyo);
    expect(verdicts(scanned)).toEqual([
      "importer (unknown: Fn::ImportValue shared-private-subnet) kms unverifiable",
      "signer subnet-[PrivateSubnet] kms unverifiable",
    ]);
    expect(findingsAt(scanned)).toEqual([
      `endpoint-sg-no-https note vpce-[KmsEndpoint] ${dir}/unknown-values.yaml:31`,
      // the imported subnet, at importer (the function naming it); signer's unknown CIDR is endpoint-sg-no-https's "may" note
      `path-unverifiable note (unknown: Fn::ImportValue shared-private-subnet) ${dir}/unknown-values.yaml:52`,
    ]);
    const messages = scanned.result.findings.map((f) => f.message);
    expect(messages[1]).toContain("depends on Fn::ImportValue shared-private-subnet, which is not known before deployment");
    expect(messages[0]).toContain("(unknown: parameter AllowedClientCidr)");

    const settled = await scanInput(`${dir}/unknown-values.yaml`, { ...tokyo, parameters: new Map([["AllowedClientCidr", "10.60.0.0/16"]]) });
    expect(verdicts(settled)).toEqual(["importer (unknown: Fn::ImportValue shared-private-subnet) kms unverifiable", "signer subnet-[PrivateSubnet] kms reachable-via-endpoint"]);
  });

  it("over the deployed account, an imported subnet id is unknown, not a deleted subnet", async () => {
    const { loadSnapshotFile } = await import("../../src/snapshot/load.js");
    const base = (await loadSnapshotFile("fixtures/iac/live/tokyo-no-path.snapshot.json")).snapshot;
    const scanned = await scanInput(`${dir}/unknown-values.yaml`, { base, parameters: new Map([["AllowedClientCidr", "10.60.0.0/16"]]) });
    expect(verdicts(scanned).filter((v) => v.startsWith("importer"))).toEqual(["importer (unknown: Fn::ImportValue shared-private-subnet) kms unverifiable"]);
    expect(findingsAt(scanned).filter((f) => f.startsWith("path-unverifiable"))).toEqual([`path-unverifiable note (unknown: Fn::ImportValue shared-private-subnet) ${dir}/unknown-values.yaml:52`]);
  });

  it("environment values are classified and never stored", async () => {
    const scanned = await scanInput(`${dir}/nat-vpc.yaml`, tokyo);
    const text = JSON.stringify(scanned.planned.snapshot);
    expect(text).toContain('"KEY_ALIAS":"kms-key-reference"');
    expect(text).not.toContain("alias/orders");
  });
});
