import type { PathResult } from "../model/types.js";
import type { RegionIndex } from "../model/model.js";
import { securityGroupAdmits, subnetAddresses, vpcEndpointsIn } from "../model/index.js";
import { crossSubnetAclHops } from "../model/paths/subnet-links.js";
import type { Hop } from "../model/types.js";
import type { LambdaFunction } from "../snapshot/types.js";
import { defineRule, type Severity, type Violation } from "./types.js";
import { createInterfaceEndpoint, functionGroups } from "./support/commands.js";
import { endpointState, isInterfaceEndpoint, serviceSuffix } from "./support/endpoints.js";
import { functionPathsIn, groupByFunction, pathsWithVerdict, subnetsOnePerAz } from "./support/hops.js";
import { blockingDescriber, hopsBySubnet, subnetLabel } from "./support/path-text.js";
import { kmsUseEvidence, NO_KMS_EVIDENCE_REASON } from "./support/kms-evidence.js";
import { oncePerKey } from "./support/once.js";
import { listing } from "./support/text.js";

type MessageId = "noPathAnySubnet" | "noPathSomeSubnets" | "somePathsDrop" | "refusedByPolicy";

/** Codes of an endpoint attempt that traffic never takes: no endpoint, or one whose private DNS doesn't capture the name. */
const NOT_TAKEN = new Set(["NO_ENDPOINT", "PRIVATE_DNS_DISABLED", "VPC_DNS_HOSTNAMES_DISABLED"]);

/**
 * A blocked path whose traffic, on the way it actually goes, meets only hops that drop some connections: calls fail
 * intermittently, not every time.
 */
function takenFailures(result: PathResult): Hop[] {
  const taken = result.attempts.filter((a) => !a.hops.some((h) => h.status === "fail" && NOT_TAKEN.has(h.code)));
  return taken.flatMap((a) => a.hops.filter((h) => h.status === "fail"));
}

function dropsOnlySome(result: PathResult): boolean {
  const failing = takenFailures(result);
  return failing.length > 0 && failing.every((h) => h.partial === true);
}

/** A blocked path whose only failure on the way traffic goes is the endpoint policy: the network works, the call is refused. */
function refusedByPolicy(result: PathResult): boolean {
  const failing = takenFailures(result);
  return failing.length > 0 && failing.every((h) => h.code === "ENDPOINT_POLICY_DENIES");
}

function hasKmsEndpoint(region: RegionIndex, vpcId: string): boolean {
  return vpcEndpointsIn(region, vpcId).some(
    (ep) =>
      isInterfaceEndpoint(ep) &&
      ["kms", "kms-fips"].includes(serviceSuffix(ep.ServiceName ?? "", region.region)) &&
      !["deleted", "deleting", "failed", "rejected", "expired"].includes(endpointState(ep)),
  );
}

/** What the rule looks up once per region check. */
interface RegionLookups {
  readonly describe: (hops: readonly Hop[]) => string;
  readonly hasKmsEndpoint: (vpcId: string) => boolean;
}

/**
 * No KMS endpoint in the VPC, and the function's security groups let HTTPS out to its own subnets, where the endpoint
 * would be: creating the endpoint gives every subnet a path, whatever blocks the way out to the internet (no route, a
 * public subnet, a broken NAT gateway). Otherwise the owners of the blocking hops print the fixes.
 */
function anEndpointWouldDo(region: RegionIndex, lookups: RegionLookups, fn: LambdaFunction, vpcId: string, endpointSubnets: readonly string[]): boolean {
  if (lookups.hasKmsEndpoint(vpcId)) return false;
  const groups = functionGroups(fn);
  if (groups.length === 0) return false;
  const ends = (fn.VpcConfig?.SubnetIds ?? []).map((subnetId) => ({ subnetId, addresses: subnetAddresses(region, subnetId) }));
  const servers = endpointSubnets.map((subnetId) => ({ subnetId, addresses: subnetAddresses(region, subnetId) }));
  return servers.every((server) => {
    const addresses = server.addresses;
    if (addresses === undefined || securityGroupAdmits(region, groups, "egress", 443, { kind: "subnet", subnetId: server.subnetId, addresses, groupIds: [] }).admits !== "yes") return false;
    // Private DNS answers with every ENI: each function subnet must get through the network ACLs to each endpoint subnet.
    return ends.every((client) => client.addresses !== undefined && crossSubnetAclHops(region, { subnetId: client.subnetId, addresses: client.addresses }, { subnetId: server.subnetId, addresses }).every((h) => h.status !== "fail" && h.status !== "unknown"));
  });
}

const UNPROVEN_IMPORTANCE = `Reported as a note: ${NO_KMS_EVIDENCE_REASON}`;

interface Blocked {
  readonly fn: LambdaFunction;
  /** The function's KMS paths in this region, and those of them that are blocked (at least one). */
  readonly results: readonly PathResult[];
  readonly blocked: readonly PathResult[];
  readonly evidence: string | undefined;
}

function noPath(region: RegionIndex, { fn, results, blocked, evidence }: Blocked, lookups: RegionLookups): Violation<MessageId> {
  const reachable = results.filter((r) => r.verdict === "reachable-via-endpoint" || r.verdict === "reachable-via-nat");
  const vpcId = blocked[0]?.vpcId ?? "";
  const severity: Severity = evidence === undefined ? "note" : "error";
  const blockedSubnets = listing(blocked.map(subnetLabel));
  return {
    messageId: blocked.every(refusedByPolicy) ? "refusedByPolicy" : blocked.every(dropsOnlySome) ? "somePathsDrop" : reachable.length === 0 ? "noPathAnySubnet" : "noPathSomeSubnets",
    resource: blocked[0]!.function,
    key: "kms",
    severity,
    data: {
      function: fn.FunctionName,
      subnets: blockedSubnets,
      scope: blocked.length === results.length ? `any of its subnets (${blockedSubnets})` : `${blockedSubnets}, and its other subnets are unverifiable`,
      blockedCount: blocked.length,
      subnetCount: results.length,
      reachableSubnets: listing(reachable.map((r) => `${subnetLabel(r)} via ${r.via?.id ?? r.verdict}`)) || "none",
      importance: evidence === undefined ? UNPROVEN_IMPORTANCE : `It calls KMS at run time: ${evidence}`,
      hops: hopsBySubnet(blocked, lookups.describe),
      hostname: `kms.${region.region}.amazonaws.com`,
    },
    evidence: blocked.flatMap((r) => r.blocking),
    fix: anEndpointWouldDo(region, lookups, fn, vpcId, subnetsOnePerAz(results))
      ? createInterfaceEndpoint(region, vpcId, `com.amazonaws.${region.region}.kms`, subnetsOnePerAz(results), functionGroups(fn))
      : [],
  };
}

export default defineRule<MessageId>({
  meta: {
    id: "lambda-no-kms-path",
    title: "VPC-attached Lambda function has no network path to AWS KMS",
    severity: "error",
    category: "reachability",
    securitySeverity: 7.5,
    rationale:
      "A function attached to a VPC reaches AWS KMS only through the VPC: a KMS interface endpoint with private DNS, or a " +
      "route to a public NAT gateway. Without either, kms:Decrypt calls from the function's code time out at run time. " +
      "When only some of the function's subnets lack a path the timeouts are intermittent, because Lambda places execution " +
      "environments in any of the configured subnets; they are intermittent too when a hop drops only some connections " +
      "(a network ACL admitting only part of the return ports, one of an endpoint's network interfaces unreachable), which " +
      "is still an error: those calls fail every time. The severity is error when the function shows evidence of calling KMS " +
      "from its code (an environment variable holding KMS ciphertext or a key reference, the tag kms-audit:uses-kms=true, or " +
      "a config declaration), and note otherwise: Lambda decrypts environment variables encrypted at rest with KMSKeyArn " +
      "itself, outside the VPC, so a customer managed key alone is not evidence. This rule is the function-level summary: " +
      "each blocking hop names the rule that owns it (route-blackhole, nacl-blocks-path, ...), which reports the component " +
      "and its fix. A subnet whose path leaves what the snapshot shows (transit gateway, peering, VPN, custom DNS resolvers, " +
      "a call that failed or was not collected) is neither passed nor failed here: path-unverifiable names the hop to " +
      "check by hand. The path model decides with the data there is, so a subnet with no route at all is still reported " +
      "when, say, DescribeNatGateways failed.",
    remediation: {
      text:
        "Give every subnet of the function a path to KMS: create an interface endpoint com.amazonaws.<region>.kms in the " +
        "function's VPC and subnets, with private DNS on and a security group admitting TCP 443 from the function's security " +
        "groups (or route 0.0.0.0/0 to a public NAT gateway). When an endpoint exists, fix the hops named in the message.",
      cli: [
        'aws ec2 create-security-group --vpc-id <vpc-id> --group-name kms-endpoint --description "HTTPS to com.amazonaws.<region>.kms" --region <region>',
        "aws ec2 authorize-security-group-ingress --group-id <endpoint-sg-id> --protocol tcp --port 443 --source-group <function-sg-id> --region <region>",
        "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Interface --service-name com.amazonaws.<region>.kms --subnet-ids <subnet-ids> --security-group-ids <endpoint-sg-id> --private-dns-enabled --region <region>",
      ],
    },
    references: [
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
      "https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html",
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html",
    ],
    requires: ["ListFunctions"],
    messages: {
      noPathAnySubnet:
        "Lambda function {{function}} has no network path to KMS ({{hostname}}:443) from {{scope}}: every KMS call from its code times out. {{importance}}. Blocking hops: {{hops}}.",
      noPathSomeSubnets:
        "Lambda function {{function}} has no network path to KMS ({{hostname}}:443) from {{blockedCount}} of its {{subnetCount}} subnets ({{subnets}}) but reaches it from {{reachableSubnets}}: KMS calls time out intermittently, whenever Lambda runs the function in a subnet without a path. {{importance}}. Blocking hops: {{hops}}.",
      refusedByPolicy:
        "Lambda function {{function}} reaches KMS ({{hostname}}:443) over the network from {{subnets}}, but an endpoint policy on the way refuses the call: KMS calls from its code fail with AccessDenied. {{importance}}. Blocking hops: {{hops}}.",
      somePathsDrop:
        "Lambda function {{function}}'s path to KMS ({{hostname}}:443) from {{subnets}} drops some connections and lets others through: KMS calls fail intermittently (those on a denied port, or sent to an endpoint interface that can't be reached), and retries only hide it. {{importance}}. Blocking hops: {{hops}}.",
    },
  },
  *check({ model, settings }, region) {
    const lookups: RegionLookups = { describe: blockingDescriber(), hasKmsEndpoint: oncePerKey((vpcId: string) => hasKmsEndpoint(region, vpcId)) };
    const blockedByFunction = groupByFunction(pathsWithVerdict(model, region, "blocked").filter((r) => r.service === "kms"));
    for (const fn of region.functions) {
      const blocked = blockedByFunction.get(fn.FunctionArn);
      if (blocked === undefined) continue;
      const results = functionPathsIn(model, region, fn.FunctionArn).filter((r) => r.service === "kms");
      yield noPath(region, { fn, results, blocked, evidence: kmsUseEvidence(fn, settings) }, lookups);
    }
  },
});
