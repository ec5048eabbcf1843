/**
 * Landing-zone resources in templates and plans: transit gateways and their route tables, VPC attachments, private
 * hosted zones, records and their VPC associations, Route 53 Profile associations, laid over a deployed landing zone
 * whose hub account holds the transit gateway, the central KMS endpoint and its zone.
 */
import { withTemplateFixes } from "../../src/iac/fixes.js";
import { loadSnapshotFile } from "../../src/snapshot/load.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { errorsOf, validateSarifFiles } from "../report/support/multitool.js";
import { runCli } from "../cli/support/run-cli.js";
import { findingsAt, scanInput, verdicts, type IacScan } from "./helpers.js";

const cfn = "fixtures/iac/cloudformation";
const tf = "fixtures/iac/terraform";
const SPOKE_A = "222222222222";
const HUB = "111111111111";
const HUB_ENDPOINT = "vpce-0c5bf8bed0ca7ca5a";
const base = async (file: string): Promise<Snapshot> => (await loadSnapshotFile(file)).snapshot;
const hubReady = () => base("fixtures/iac/live/lz-hub-for-new-spokes.snapshot.json");

/** The deployed landing zone's functions, which every scan over it also reports. */
const DEPLOYED = [
  "decrypt-claims subnet-06487f51e97554a6a kms reachable-via-endpoint",
  "decrypt-claims subnet-0a414ef44322cd949 kms reachable-via-endpoint",
];
const PEERED = ["decrypt-invoices subnet-0146414af1b5f8d2d kms reachable-via-endpoint", "decrypt-invoices subnet-0905c778886df958c kms reachable-via-endpoint"];

function viaOf(scanned: IacScan, fn: string): string[] {
  return scanned.result.paths.filter((p) => p.functionName === fn).map((p) => `${p.via?.id ?? "-"} ${p.via?.account ?? "-"}`);
}

function calls(scanned: IacScan, account: string) {
  return scanned.planned.snapshot.accounts[account]!.regions["eu-west-1"]!.calls;
}

describe("CloudFormation: a new spoke VPC over a deployed landing zone", () => {
  it("routed to the hub's transit gateway, with the hub zone's Route 53 Profile: reachable through the hub endpoint", async () => {
    const scanned = await scanInput(`${cfn}/lz-spoke.yaml`, { base: await hubReady(), account: SPOKE_A });
    expect(verdicts(scanned)).toEqual([...DEPLOYED, "settle-claims subnet-[SubnetA] kms reachable-via-endpoint", "settle-claims subnet-[SubnetB] kms reachable-via-endpoint", ...PEERED]);
    expect(viaOf(scanned, "settle-claims")).toEqual([`${HUB_ENDPOINT} ${HUB}`, `${HUB_ENDPOINT} ${HUB}`]);
    expect(findingsAt(scanned)).toEqual([]);
    // What AWS records in the hub once the spoke's attachment exists: it is associated with the gateway's default
    // association table and propagates 10.3.0.0/16 to its default propagation table.
    const hub = calls(scanned, HUB);
    const routes = hub.SearchTransitGatewayRoutes?.status === "ok" ? hub.SearchTransitGatewayRoutes.data : [];
    expect(routes.flatMap((t) => t.Routes.filter((r) => r.DestinationCidrBlock === "10.3.0.0/16").map((r) => `${t.TransitGatewayRouteTableId} ${r.Type} ${r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId}`))).toEqual([
      "tgw-rtb-08ee21649d5d61dbb propagated tgw-attach-[HubAttachment]",
    ]);
    const attachments = hub.DescribeTransitGatewayAttachments?.status === "ok" ? hub.DescribeTransitGatewayAttachments.data.TransitGatewayAttachments : [];
    expect(attachments.filter((a) => a.ResourceOwnerId === SPOKE_A).map((a) => `${a.TransitGatewayAttachmentId} ${a.State} ${a.Association?.TransitGatewayRouteTableId}`)).toEqual([
      "tgw-attach-0bf8a676caada69f9 available tgw-rtb-0f94ad07b485030b3",
      "tgw-attach-[HubAttachment] available tgw-rtb-0f94ad07b485030b3",
    ]);
  });

  it("the broken variant: an attachment without a subnet in eu-west-1b gives the errors on the attachment's and the function's lines", async () => {
    const scanned = await scanInput(`${cfn}/lz-spoke-az-gap.yaml`, { base: await hubReady(), account: SPOKE_A });
    expect(verdicts(scanned)).toEqual([...DEPLOYED, "settle-claims subnet-[SubnetA] kms reachable-via-endpoint", "settle-claims subnet-[SubnetB] kms blocked", ...PEERED]);
    expect(findingsAt(scanned)).toEqual([
      `lambda-no-kms-path error settle-claims ${cfn}/lz-spoke-az-gap.yaml:70`,
      `transit-gateway-az-gap error tgw-attach-[HubAttachment] ${cfn}/lz-spoke-az-gap.yaml:31`,
    ]);
    // The attachment exists only after the deploy: its fix is made in the template, where the attachment is defined.
    const fixes = withTemplateFixes(scanned.result.findings, scanned.planned.locate).map((f) => [f.ruleId, f.remediation.commands]);
    expect(fixes).toEqual([
      ["lambda-no-kms-path", ["# vpc-[SpokeVpc] resolves kms's name through private hosted zone Z0HUBKMS0000000000001: AWS refuses a private-DNS endpoint in this VPC while that zone is associated (ConflictingDomainExists); fix the path the zone leads to (the findings on its hops say how)"]],
      [
        "transit-gateway-az-gap",
        [
          `# tgw-attach-[HubAttachment] does not exist before this change deploys: make this fix in ${cfn}/lz-spoke-az-gap.yaml:31 (once deployed, with the AWS CLI and the real id:)`,
          "#   aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id 'tgw-attach-[HubAttachment]' --add-subnet-ids 'subnet-[SubnetB]' --region eu-west-1",
        ],
      ],
    ]);
  });

  it("a hub not ready for the new spoke's CIDR: the missing return route is the hub's finding, on the hub's route table", async () => {
    const scanned = await scanInput(`${cfn}/lz-spoke.yaml`, { base: await base("fixtures/lz-central-endpoints-works.snapshot.json"), account: SPOKE_A });
    expect(verdicts(scanned).filter((v) => v.startsWith("settle-claims"))).toEqual(["settle-claims subnet-[SubnetA] kms blocked", "settle-claims subnet-[SubnetB] kms blocked"]);
    expect(findingsAt(scanned)).toEqual([`lambda-no-kms-path error settle-claims ${cfn}/lz-spoke.yaml:72`, "landing-route-missing error rtb-008675c8cd41b6dfe (no location)"]);
  });

  it("over deployed data of several accounts, the account the template deploys to must be named", async () => {
    await expect(scanInput(`${cfn}/lz-spoke.yaml`, { base: await hubReady() })).rejects.toThrow(
      "--account: the deployed data holds several accounts (111111111111, 222222222222, 333333333333); name the one fixtures/iac/cloudformation/lz-spoke.yaml deploys to",
    );
  });
});

describe("CloudFormation alone: a transit gateway, a central endpoint and its zone in one template", () => {
  it("AWS's default route table associates and propagates both attachments; the alias to the endpoint's DNS name is unknown until deploy", async () => {
    const scanned = await scanInput(`${cfn}/lz-hub-and-spoke.yaml`, { region: "eu-west-1" });
    expect(verdicts(scanned)).toEqual(["worker subnet-[SpokeSubnet] kms unverifiable"]);
    // The note lands on the zone whose record can't be followed yet.
    expect(findingsAt(scanned)).toEqual([`path-unverifiable note hostedzone-[KmsZone] ${cfn}/lz-hub-and-spoke.yaml:68`]);
    const hops = scanned.result.paths[0]!.attempts.flatMap((a) => a.hops).filter((h) => h.status !== "pass");
    expect(hops.map((h) => `${h.component.id} ${h.status} ${h.code}`)).toEqual(["hostedzone-[KmsZone] unknown DNS_PRIVATE_ZONE"]);
    expect(hops[0]!.detail).toContain("(unknown: item 1 of item 0 of kmsendpoint.dnsentries, known after deploy)");
    const own = calls(scanned, "unknown-account");
    const routes = own.SearchTransitGatewayRoutes?.status === "ok" ? own.SearchTransitGatewayRoutes.data : [];
    expect(routes.map((t) => `${t.TransitGatewayRouteTableId}: ${t.Routes.map((r) => `${r.DestinationCidrBlock} ${r.Type} ${r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId}`).join(", ")}`)).toEqual([
      "tgw-rtb-[TransitGateway default]: 10.50.0.0/16 propagated tgw-attach-[HubAttachment], 10.51.0.0/16 propagated tgw-attach-[SpokeAttachment]",
    ]);
    const zones = own.ListHostedZonesByVPC?.status === "ok" ? own.ListHostedZonesByVPC.data : [];
    expect(zones.map((z) => `${z.VPCId}: ${z.HostedZoneSummaries.map((s) => s.HostedZoneId).join(", ")}`)).toEqual(["vpc-[HubVpc]: ", "vpc-[SpokeVpc]: hostedzone-[KmsZone]"]);
  });
});

describe("Terraform: a new spoke VPC over a deployed landing zone (planned by real terraform)", () => {
  it("attached to the hub's transit gateway with the hub zone associated: reachable through the hub endpoint", async () => {
    const scanned = await scanInput(`${tf}/lz-spoke/plan.json`, { base: await hubReady() });
    expect(verdicts(scanned)).toEqual([
      ...DEPLOYED,
      'pay-claims subnet-[aws_subnet.private["eu-west-1a"]] kms reachable-via-endpoint',
      'pay-claims subnet-[aws_subnet.private["eu-west-1b"]] kms reachable-via-endpoint',
      ...PEERED,
    ]);
    expect(viaOf(scanned, "pay-claims")).toEqual([`${HUB_ENDPOINT} ${HUB}`, `${HUB_ENDPOINT} ${HUB}`]);
    expect(findingsAt(scanned)).toEqual([]);
    // The account comes from data.aws_caller_identity; the association lands in the spoke's ListHostedZonesByVPC.
    const spoke = calls(scanned, SPOKE_A);
    const zones = spoke.ListHostedZonesByVPC?.status === "ok" ? spoke.ListHostedZonesByVPC.data : [];
    expect(zones.filter((z) => z.VPCId === "vpc-[aws_vpc.spoke]").map((z) => z.HostedZoneSummaries.map((s) => `${s.HostedZoneId} ${s.Name} ${s.Owner?.OwningAccount}`))).toEqual([
      ["Z0HUBKMS0000000000001 kms.eu-west-1.amazonaws.com. 111111111111"],
    ]);
  });

  it("the broken variant: without the zone association the name resolves to public IPs, which the hub does not route", async () => {
    const scanned = await scanInput(`${tf}/lz-spoke-no-zone/plan.json`, { base: await hubReady() });
    expect(verdicts(scanned).filter((v) => v.startsWith("pay-claims"))).toEqual([
      'pay-claims subnet-[aws_subnet.private["eu-west-1a"]] kms blocked',
      'pay-claims subnet-[aws_subnet.private["eu-west-1b"]] kms blocked',
    ]);
    expect(findingsAt(scanned)).toEqual([`lambda-no-kms-path error pay-claims ${tf}/lz-spoke-no-zone/main.tf:57`, "service-zone-not-associated error Z0HUBKMS0000000000001 (no location)"]);
    const zone = scanned.result.findings.find((f) => f.ruleId === "service-zone-not-associated")!;
    expect(zone.resource.account).toBe(HUB);
    expect(zone.message).toContain("vpc-[aws_vpc.spoke] is not associated with it");
  });
});

describe("scan --template over the landing zone: SARIF on the lines that must change", () => {
  const LIVE = "fixtures/iac/live/lz-hub-for-new-spokes.snapshot.json";

  function annotations(sarif: string): string[] {
    const results = (JSON.parse(sarif) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }).runs[0]?.results ?? [];
    return results.map((r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`);
  }

  it("the working spoke passes --fail-on error; each broken one fails with its findings located, and the SARIF passes the Multitool", async () => {
    const works = await runCli(["scan", "--template", `${cfn}/lz-spoke.yaml`, "--snapshot", LIVE, "--account", SPOKE_A, "--changed-only", "--format", "sarif", "--fail-on", "error"]);
    expect({ code: works.code, stderr: works.stderr, annotations: annotations(works.stdout) }).toEqual({ code: 0, stderr: "", annotations: [] });
    const sarif: Record<string, string> = {};
    const lines: string[] = [];
    for (const [name, args] of [
      ["cfn-az-gap", ["--template", `${cfn}/lz-spoke-az-gap.yaml`, "--account", SPOKE_A]],
      ["tf-no-zone", ["--template", `${tf}/lz-spoke-no-zone/plan.json`]],
    ] as const) {
      const run = await runCli(["scan", ...args, "--snapshot", LIVE, "--changed-only", "--format", "sarif"]);
      expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 1, stderr: "" });
      sarif[`${name}.sarif`] = run.stdout;
      lines.push(...annotations(run.stdout));
    }
    expect(lines).toEqual([
      `lambda-no-kms-path ${cfn}/lz-spoke-az-gap.yaml:70`,
      `transit-gateway-az-gap ${cfn}/lz-spoke-az-gap.yaml:31`,
      `lambda-no-kms-path ${tf}/lz-spoke-no-zone/main.tf:57`,
      // The hub's zone is deployed: its finding points at the snapshot, at the zone in the hub account's data.
      `service-zone-not-associated ${LIVE}:744`,
    ]);
    expect(errorsOf(await validateSarifFiles(sarif))).toEqual([]);
  });
});
