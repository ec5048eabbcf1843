/**
 * Hand-built scan results for formatter tests: the motivating Tokyo scenario with a function whose subnet a routes
 * nowhere (blocked), whose subnet c reaches KMS through the NAT gateway, and an endpoint whose SG admits no 443.
 */
import type { Finding, ScanResult } from "../../../src/engine/types.js";
import type { Hop, PathResult } from "../../../src/model/types.js";
import type { ReportContext } from "../../../src/report/index.js";
import type { RuleMeta } from "../../../src/rules/types.js";
import type { ResourceRef } from "../../../src/snapshot/types.js";
import { ACCOUNT, ids, REGION, scenario, toSnapshot, withKmsEndpoint } from "../../support/build.js";

export const functionArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${ids.fn}`;
export const functionRef: ResourceRef = { type: "lambda-function", id: ids.fn, arn: functionArn, account: ACCOUNT, region: REGION };
export const endpointRef: ResourceRef = { type: "vpc-endpoint", id: ids.kmsEndpoint, account: ACCOUNT, region: REGION };

export const noRouteHop: Hop = {
  component: { type: "route-table", id: ids.rtbMain },
  status: "fail",
  code: "NO_ROUTE_TO_DESTINATION",
  direction: "egress",
  detail: `${ids.rtbMain} (main table of ${ids.privateA}) has no route for 0.0.0.0/0`,
  setting: `${ids.rtbMain} routes: add 0.0.0.0/0 -> a public NAT gateway`,
};
export const noEndpointHop: Hop = {
  component: { type: "vpc", id: ids.vpc },
  status: "fail",
  code: "NO_ENDPOINT",
  detail: `${ids.vpc} has no interface endpoint for com.amazonaws.${REGION}.kms`,
  setting: `create an interface endpoint com.amazonaws.${REGION}.kms in ${ids.vpc}`,
};
export const routeToNatHop: Hop = {
  component: { type: "route-table", id: ids.rtbPrivate },
  status: "pass",
  code: "ROUTE_MATCHED",
  direction: "egress",
  detail: `${ids.rtbPrivate} routes 0.0.0.0/0 to ${ids.nat}`,
};
export const endpointSgHop: Hop = {
  component: { type: "security-group", id: ids.sgEndpoint, name: "kms-endpoint" },
  status: "fail",
  code: "ENI_SG_RULES_MISMATCH",
  direction: "ingress",
  detail: `${ids.sgEndpoint} admits no inbound TCP 443`,
  setting: `${ids.sgEndpoint} inbound rules: add TCP 443 from ${ids.sgFunction}`,
};

export const blockedPath: PathResult = {
  service: "kms",
  account: ACCOUNT,
  region: REGION,
  function: functionRef,
  functionName: ids.fn,
  vpcId: ids.vpc,
  subnetId: ids.privateA,
  availabilityZone: `${REGION}a`,
  verdict: "blocked",
  attempts: [
    { kind: "interface-endpoint", outcome: "blocked", hops: [noEndpointHop] },
    { kind: "other", outcome: "blocked", hops: [noRouteHop] },
  ],
  blocking: [noEndpointHop, noRouteHop],
  notes: [],
};
export const natPath: PathResult = {
  service: "kms",
  account: ACCOUNT,
  region: REGION,
  function: functionRef,
  functionName: ids.fn,
  vpcId: ids.vpc,
  subnetId: ids.privateC,
  availabilityZone: `${REGION}c`,
  verdict: "reachable-via-nat",
  via: { type: "nat-gateway", id: ids.nat },
  attempts: [{ kind: "nat-gateway", via: { type: "nat-gateway", id: ids.nat }, outcome: "reachable", hops: [routeToNatHop] }],
  blocking: [],
  notes: [{ component: { type: "nat-gateway", id: ids.nat }, status: "info", code: "AVAILABILITY_ZONE_CROSSED", detail: `${ids.nat} is in ${REGION}a, the subnet in ${REGION}c` }],
};
export const unverifiablePath: PathResult = {
  ...blockedPath,
  subnetId: "subnet-0tgw0000000000a1",
  verdict: "unverifiable",
  attempts: [],
  blocking: [{ component: { type: "transit-gateway", id: "tgw-0a1b2c3d4e5f60001" }, status: "unknown", code: "ROUTE_LEAVES_SNAPSHOT", detail: "0.0.0.0/0 goes to tgw-0a1b2c3d4e5f60001, beyond the snapshot" }],
};

export const noKmsPathFinding: Finding = {
  ruleId: "lambda-no-kms-path",
  severity: "error",
  resource: functionRef,
  key: "kms",
  message: `${ids.fn} has no path to KMS from ${ids.privateA} (of 2 subnets): expect intermittent timeouts`,
  evidence: [noEndpointHop, noRouteHop],
  remediation: {
    text: "Give the subnet a route to a public NAT gateway, or create a KMS interface endpoint.",
    commands: [`aws ec2 create-route --route-table-id ${ids.rtbMain} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id <nat-id>`],
  },
  fingerprint: "9f1c3a0e5b7d2468ace0135792468bdf0123456789abcdef0123456789abcdef",
};
export const endpointSgFinding: Finding = {
  ruleId: "endpoint-sg-no-https",
  severity: "warning",
  resource: endpointRef,
  message: `${ids.kmsEndpoint}: its security groups admit no inbound TCP 443 from ${ids.fn}`,
  evidence: [endpointSgHop],
  remediation: {
    text: "Allow inbound TCP 443 from the consumers' security groups.",
    commands: [`aws ec2 authorize-security-group-ingress --group-id ${ids.sgEndpoint} --protocol tcp --port 443 --source-group ${ids.sgFunction}`],
  },
  fingerprint: "1111111111111111111111111111111111111111111111111111111111111111",
};
export const noteFinding: Finding = {
  ruleId: "nat-where-privatelink",
  severity: "note",
  resource: functionRef,
  key: "kms",
  message: `${ids.fn} reaches KMS through ${ids.nat} while ${REGION} offers com.amazonaws.${REGION}.kms`,
  evidence: [routeToNatHop],
  remediation: { text: "Create an interface endpoint for KMS.", commands: [] },
  fingerprint: "2222222222222222222222222222222222222222222222222222222222222222",
};

export function sampleResult(): ScanResult {
  return {
    // deliberately not in report order
    findings: [noteFinding, endpointSgFinding, noKmsPathFinding],
    notEvaluated: [{ ruleId: "eip-quota-pressure", account: ACCOUNT, region: REGION, reason: "DescribeAddresses failed (UnauthorizedOperation)" }],
    paths: [unverifiablePath, natPath, blockedPath],
    toolErrors: [],
  };
}

function meta(id: string, severity: RuleMeta["severity"], category: RuleMeta["category"], securitySeverity: number): RuleMeta {
  return {
    id,
    title: `Title of ${id}`,
    severity,
    category,
    securitySeverity,
    rationale: `Why ${id} matters.`,
    remediation: { text: `How to fix ${id}.`, cli: [`aws ec2 describe-vpcs --vpc-ids <vpc-id> # ${id}`] },
    references: ["https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html"],
    requires: [],
    messages: { default: "{{x}}" },
  };
}

export const sampleRules: readonly RuleMeta[] = [
  meta("nat-where-privatelink", "note", "cost", 2),
  meta("lambda-no-kms-path", "error", "reachability", 7.5),
  meta("endpoint-sg-no-https", "error", "filtering", 7),
  meta("eip-quota-pressure", "warning", "quota", 4),
];

/** The scenario's snapshot as it would sit in a file, pretty-printed like the fixtures. */
export function sampleSnapshotText(): string {
  return `${JSON.stringify(toSnapshot(withKmsEndpoint(scenario())), null, 2)}\n`;
}

export function sampleContext(overrides: Partial<ReportContext> = {}): ReportContext {
  const snapshotText = sampleSnapshotText();
  return {
    snapshot: JSON.parse(snapshotText) as ReportContext["snapshot"],
    snapshotPath: "fixtures/sample.snapshot.json",
    snapshotText,
    workingDirectory: "/work/repo",
    toolVersion: "0.1.0",
    colorLevel: 0,
    rules: sampleRules,
    ...overrides,
  };
}
