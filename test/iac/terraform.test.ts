import { loadSnapshotFile } from "../../src/snapshot/load.js";
import { scan } from "../../src/engine/scan.js";
import { findingsAt, scanInput, verdicts } from "./helpers.js";

const tf = "fixtures/iac/terraform";
const live = async (name: string) => (await loadSnapshotFile(`fixtures/iac/live/${name}.snapshot.json`)).snapshot;

describe("Terraform plans (terraform show -json)", () => {
  it("a module with count and for_each: ids known only after apply are linked through the configuration's references", async () => {
    const scanned = await scanInput(`${tf}/module-nat/plan.json`);
    expect(verdicts(scanned)).toEqual([
      'orders subnet-[module.network.aws_subnet.private["ap-northeast-1a"]] kms reachable-via-nat',
      'orders subnet-[module.network.aws_subnet.private["ap-northeast-1c"]] kms reachable-via-nat',
    ]);
    expect(scanned.result.paths[0]?.via?.id).toBe("nat-[module.network.aws_nat_gateway.this[0]]");
    // One NAT gateway for two AZs: the finding lands on its block in the module's file.
    expect(findingsAt(scanned)).toEqual([`nat-cross-az warning nat-[module.network.aws_nat_gateway.this[0]] ${tf}/module-nat/modules/network/main.tf:53`]);
    const calls = scanned.planned.snapshot.accounts["unknown-account"]?.regions["ap-northeast-1"]?.calls;
    const tables = calls?.DescribeRouteTables?.status === "ok" ? calls.DescribeRouteTables.data.RouteTables : [];
    const publicTable = tables.find((t) => t.RouteTableId === "rtb-[module.network.aws_route_table.public]");
    expect(publicTable?.Routes?.map((r) => `${r.DestinationCidrBlock} ${r.GatewayId ?? r.NatGatewayId}`)).toEqual(["10.70.0.0/16 local", "0.0.0.0/0 igw-[module.network.aws_internet_gateway.this]"]);
    expect(publicTable?.Associations?.map((a) => a.SubnetId)).toEqual(["subnet-[module.network.aws_subnet.public[0]]", "subnet-[module.network.aws_subnet.public[1]]"]);
  });

  it("an endpoint security group that admits port 80 only: findings on the endpoint's and the function's blocks", async () => {
    const scanned = await scanInput(`${tf}/endpoint-no-https/plan.json`);
    expect(verdicts(scanned)).toEqual([
      "ledger subnet-0private000000c1 kms unverifiable",
      "payments subnet-[aws_subnet.private[0]] kms blocked",
      "payments subnet-[aws_subnet.private[1]] kms blocked",
    ]);
    expect(findingsAt(scanned)).toEqual([
      `endpoint-sg-no-https error vpce-[aws_vpc_endpoint.kms] ${tf}/endpoint-no-https/main.tf:40`,
      `lambda-no-kms-path error payments ${tf}/endpoint-no-https/main.tf:49`,
      // on the subnet a data source looks up (unknown settings), at ledger's block: the function that names it
      `path-unverifiable note subnet-0private000000c1 ${tf}/endpoint-no-https/main.tf:71`,
    ]);
  });

  it("overlay: a function added to an existing private subnet without a path (the subnet comes from a data source)", async () => {
    const base = await live("tokyo-no-path");
    const scanned = await scanInput(`${tf}/existing-subnet/plan.json`, { base });
    expect(verdicts(scanned)).toEqual([
      "decrypt-orders subnet-0private000000a1 kms blocked",
      "decrypt-orders subnet-0private000000c1 kms blocked",
      "reports subnet-0private000000a1 kms blocked",
    ]);
    expect(findingsAt(scanned)).toEqual([
      "lambda-no-kms-path error decrypt-orders (no location)",
      `lambda-no-kms-path error reports ${tf}/existing-subnet/main.tf:10`,
    ]);
    // What the change introduces: only the new function's finding (decrypt-orders was broken before).
    const before = new Set(scan(base).findings.map((f) => f.fingerprint));
    expect(scanned.result.findings.filter((f) => !before.has(f.fingerprint)).map((f) => `${f.ruleId} ${f.resource.id}`)).toEqual(["lambda-no-kms-path reports"]);
  });

  it("overlay: an applied configuration whose change deletes the NAT route the function depends on", async () => {
    const base = await live("tokyo-nat");
    expect(scan(base).paths.map((p) => p.verdict)).toEqual(["reachable-via-nat", "reachable-via-nat"]);
    const scanned = await scanInput(`${tf}/delete-nat-route/plan.json`, { base });
    expect(verdicts(scanned)).toEqual(["decrypt-orders subnet-0private000000a1 kms blocked", "decrypt-orders subnet-0private000000c1 kms blocked"]);
    expect(findingsAt(scanned)).toEqual([`lambda-no-kms-path error decrypt-orders ${tf}/delete-nat-route/main.tf:4`]);
    const tables = scanned.planned.snapshot.accounts["123456789012"]?.regions["ap-northeast-1"]?.calls.DescribeRouteTables;
    const privateTable = tables?.status === "ok" ? tables.data.RouteTables.find((t) => t.RouteTableId === "rtb-0private0000000001") : undefined;
    expect(privateTable?.Routes?.map((r) => r.DestinationCidrBlock)).toEqual(["10.0.0.0/16"]);
  });

  it("without the deployed data, what the plan does not describe stays unverifiable, never blocked", async () => {
    const scanned = await scanInput(`${tf}/delete-nat-route/plan.json`);
    expect(verdicts(scanned)).toEqual(["decrypt-orders subnet-0private000000a1 kms unverifiable", "decrypt-orders subnet-0private000000c1 kms unverifiable"]);
  });

  it("environment values in the plan are classified and dropped", async () => {
    const scanned = await scanInput(`${tf}/module-nat/plan.json`);
    const text = JSON.stringify(scanned.planned.snapshot);
    expect(text).toContain('"ORDERS_KEY":"kms-key-reference"');
    expect(text).not.toContain("alias/orders");
  });
});
