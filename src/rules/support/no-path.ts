import type { VpcEndpoint } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../../model/model.js";
import type { Hop, PathResult, ServiceSpec } from "../../model/types.js";
import { endpointServiceName, securityGroupAdmits, serviceSpec, subnetAddresses, vpcEndpointsIn } from "../../model/index.js";
import { crossSubnetAclHops } from "../../model/paths/subnet-links.js";
import type { LambdaFunction } from "../../snapshot/types.js";
import { comment, type Fix } from "../fix.js";
import type { RuleSettings, Severity, Violation } from "../types.js";
import { createInterfaceEndpoint, ec2, functionGroups } from "./commands.js";
import { endpointState, serviceSuffix } from "./endpoints.js";
import { endpointPlan, type EndpointPlan } from "./endpoint-plan.js";
import { functionPathsIn, groupByFunction, ownerOf, pathsWithVerdict } from "./hops.js";
import { evidenceText, useEvidence } from "./kms-evidence.js";
import { blockingDescriber, hopsBySubnet, subnetLabel } from "./path-text.js";
import { listing, sortedUnique } from "./text.js";

/**
 * The function-level summary shared by lambda-no-kms-path and lambda-no-service-path: a function with no network path
 * to a service it uses from some or all of its subnets, the blocking hops (each pointing at the rule that owns it),
 * why the function needs the service, and, when a missing endpoint is all that is in the way, the endpoint to create.
 */
export type NoPathMessageId = "noPathAnySubnet" | "noPathSomeSubnets" | "somePathsDrop" | "refusedByPolicy";

/** Codes of an endpoint attempt that traffic never takes: no endpoint, or one whose private DNS doesn't capture the name. */
const NOT_TAKEN = new Set(["NO_ENDPOINT", "PRIVATE_DNS_DISABLED", "VPC_DNS_HOSTNAMES_DISABLED"]);

/** The failing hops on the way the traffic of a blocked path actually goes. */
function takenFailures(result: PathResult): Hop[] {
  const taken = result.attempts.filter((a) => !a.hops.some((h) => h.status === "fail" && NOT_TAKEN.has(h.code)));
  return taken.flatMap((a) => a.hops.filter((h) => h.status === "fail"));
}

/** A blocked path whose traffic meets only hops that drop some connections: calls fail intermittently, not every time. */
function dropsOnlySome(result: PathResult): boolean {
  const failing = takenFailures(result);
  return failing.length > 0 && failing.every((h) => h.partial === true);
}

/** A blocked path whose only failure on the way traffic goes is the endpoint policy: the network works, the call is refused. */
function refusedByPolicy(result: PathResult): boolean {
  const failing = takenFailures(result);
  return failing.length > 0 && failing.every((h) => h.code === "ENDPOINT_POLICY_DENIES");
}

/**
 * No endpoint of the service in the VPC, and the function's security groups let HTTPS out to the subnets where the
 * endpoint would be, through the network ACLs between every function subnet and each of them (private DNS answers with
 * every ENI): creating the endpoint gives every subnet a path, whatever blocks the way out to the internet (no route,
 * a public subnet, a broken NAT gateway).
 */
function anEndpointWouldDo(region: RegionIndex, fn: LambdaFunction, endpointSubnets: readonly string[]): boolean {
  const groups = functionGroups(fn);
  if (groups.length === 0) return false;
  const ends = (fn.VpcConfig?.SubnetIds ?? []).map((subnetId) => ({ subnetId, addresses: subnetAddresses(region, subnetId) }));
  return endpointSubnets.every((subnetId) => {
    const addresses = subnetAddresses(region, subnetId);
    if (addresses === undefined || securityGroupAdmits(region, groups, "egress", 443, { kind: "subnet", subnetId, addresses, groupIds: [] }).admits !== "yes") return false;
    return ends.every(
      (client) =>
        client.addresses !== undefined &&
        crossSubnetAclHops(region, { subnetId: client.subnetId, addresses: client.addresses }, { subnetId, addresses }).every((h) => h.status !== "fail" && h.status !== "unknown"),
    );
  });
}

const GONE = ["deleted", "deleting", "failed", "rejected", "expired"];

/** The VPC's endpoints of the service (any of its endpoint service names) that are not gone. */
function serviceEndpoints(region: RegionIndex, vpcId: string, spec: ServiceSpec): VpcEndpoint[] {
  return vpcEndpointsIn(region, vpcId).filter(
    (ep) => spec.endpointServiceSuffixes.includes(serviceSuffix(ep.ServiceName ?? "", region.region)) && !GONE.includes(endpointState(ep)),
  );
}

function isType(endpoint: VpcEndpoint, type: "interface" | "gateway"): boolean {
  return (endpoint.VpcEndpointType ?? "").toLowerCase() === type;
}

/** Whether the region offers the endpoint service (true when DescribeVpcEndpointServices was not collected: AWS will say). */
function offered(region: RegionIndex, serviceName: string): boolean {
  return region.endpointServiceNames === undefined || region.endpointServiceNames.has(serviceName);
}

/**
 * The endpoint to create, as planned for the whole VPC (endpointPlan: every function of the VPC with a path to the
 * service that doesn't go through an endpoint, so that one run serves them all). S3 and DynamoDB get a gateway
 * endpoint (free) on those subnets' route tables, or the tables added to the gateway endpoint the VPC has, when nothing
 * but that is in the way of this function (every blocking hop owned by no other rule). Other services get an interface
 * endpoint with private DNS in one subnet per AZ, admitting HTTPS from the functions' security groups, whenever the VPC
 * has none and it would work for this function (anEndpointWouldDo).
 */
function endpointFix(region: RegionIndex, fn: LambdaFunction, spec: ServiceSpec, blocked: readonly PathResult[], plan: EndpointPlan): Fix {
  const vpcId = blocked[0]?.vpcId ?? "";
  const central = centralDesign(blocked);
  if (central !== undefined) return [comment(central)];
  if (blocked.some((r) => r.vpcId !== vpcId)) return [];
  const existing = serviceEndpoints(region, vpcId, spec);
  const serviceName = endpointServiceName(region.region, spec.endpointServiceSuffixes[0] ?? spec.id);
  if (spec.hasGatewayEndpoint) {
    if (!blocked.every((r) => r.blocking.every((hop) => ownerOf(hop) === undefined))) return [];
    const tables = plan.routeTables;
    if (tables.length === 0 || existing.some((ep) => isType(ep, "interface"))) return [];
    const gateway = existing.filter((ep) => isType(ep, "gateway") && ep.VpcEndpointId !== undefined);
    if (gateway.length > 1) return [];
    if (gateway.length === 1) {
      const added = tables.filter((t) => !(gateway[0]!.RouteTableIds ?? []).includes(t));
      return added.length === 0 ? [] : [ec2(region, "modify-vpc-endpoint", ["--vpc-endpoint-id", gateway[0]!.VpcEndpointId!, "--add-route-table-ids", ...added])];
    }
    if (!offered(region, serviceName)) return [];
    return [ec2(region, "create-vpc-endpoint", ["--vpc-id", vpcId, "--vpc-endpoint-type", "Gateway", "--service-name", serviceName, "--route-table-ids", ...tables])];
  }
  if (existing.length > 0 || !offered(region, serviceName) || !anEndpointWouldDo(region, fn, plan.subnets)) return [];
  return createInterfaceEndpoint(region, vpcId, serviceName, plan.subnets, plan.groups);
}

/**
 * A VPC whose service name a private hosted zone answers (a central endpoint) can't get a private-DNS endpoint of its
 * own: AWS refuses it while a zone for the name is associated (ConflictingDomainExists); and a VPC the landing zone's
 * zone is meant for needs the association, not an endpoint. The fix is the central path's, which its hops' owners give.
 */
function centralDesign(blocked: readonly PathResult[]): string | undefined {
  for (const result of blocked) {
    for (const attempt of result.attempts) {
      for (const h of attempt.hops) {
        if (h.code === "DNS_ZONE_NOT_ASSOCIATED") {
          return `${result.vpcId} is meant to reach ${result.service} through the landing zone's central endpoint: associate private hosted zone ${h.component.id} with it (see service-zone-not-associated) rather than creating an endpoint here`;
        }
        if (h.code === "DNS_PRIVATE_ZONE" || h.code === "DNS_ZONE_CONFLICT") {
          return `${result.vpcId} resolves ${result.service}'s name through private hosted zone ${h.component.id}: AWS refuses a private-DNS endpoint in this VPC while that zone is associated (ConflictingDomainExists); fix the path the zone leads to (the findings on its hops say how)`;
        }
      }
    }
  }
  return undefined;
}

export interface NoPathOptions {
  /** The service's evidence as the message says it, or undefined when nothing says the function calls it. */
  readonly importance: (evidence: string | undefined, service: ServiceSpec) => string;
}

/**
 * One violation per function with a blocked path to `service` in the region: every subnet, all blocked ("noPathAnySubnet",
 * every call times out) or some ("noPathSomeSubnets", calls time out intermittently); blocked only for some
 * connections ("somePathsDrop", intermittent too); or refused by an endpoint policy while the network works
 * ("refusedByPolicy"). Severity error when the function
 * is known to call the service (evidence), else note.
 */
export function* noPathViolations(
  { model, settings }: { readonly model: import("../../model/model.js").NetworkModel; readonly settings: RuleSettings },
  region: RegionIndex,
  service: string | ((id: string) => boolean),
  options: NoPathOptions,
): Generator<Violation<NoPathMessageId>> {
  const describe = blockingDescriber();
  const wanted = typeof service === "string" ? (id: string) => id === service : service;
  const blockedByFunction = groupByFunction(pathsWithVerdict(model, region, "blocked").filter((r) => wanted(r.service)));
  for (const fn of region.functions) {
    const blockedOfFunction = blockedByFunction.get(fn.FunctionArn);
    if (blockedOfFunction === undefined) continue;
    const all = functionPathsIn(model, region, fn.FunctionArn);
    for (const id of sortedUnique(blockedOfFunction.map((r) => r.service))) {
      const blocked = blockedOfFunction.filter((r) => r.service === id);
      const results = all.filter((r) => r.service === id);
      const plan = endpointPlan(model, region, blocked[0]!.vpcId, id);
      yield noPath(region, fn, serviceSpec(id), { results, blocked, settings, describe, plan }, options);
    }
  }
}

interface ServicePaths {
  /** The function's paths to the service in this region, and those of them that are blocked (at least one). */
  readonly results: readonly PathResult[];
  readonly blocked: readonly PathResult[];
  readonly settings: RuleSettings;
  readonly describe: (hops: readonly Hop[]) => string;
  readonly plan: EndpointPlan;
}

function noPath(region: RegionIndex, fn: LambdaFunction, spec: ServiceSpec, paths: ServicePaths, options: NoPathOptions): Violation<NoPathMessageId> {
  const { results, blocked } = paths;
  const reachable = results.filter((r) => r.verdict === "reachable-via-endpoint" || r.verdict === "reachable-via-nat");
  const evidence = useEvidence(blocked[0]!, fn, paths.settings);
  const severity: Severity = evidence.length === 0 ? "note" : "error";
  const blockedSubnets = listing(blocked.map(subnetLabel));
  return {
    messageId: blocked.every(refusedByPolicy) ? "refusedByPolicy" : blocked.every(dropsOnlySome) ? "somePathsDrop" : reachable.length === 0 ? "noPathAnySubnet" : "noPathSomeSubnets",
    resource: blocked[0]!.function,
    key: spec.id,
    severity,
    data: {
      function: fn.FunctionName,
      service: spec.title,
      subnets: blockedSubnets,
      scope: blocked.length === results.length ? `any of its subnets (${blockedSubnets})` : `${blockedSubnets}, and its other subnets are unverifiable`,
      blockedCount: blocked.length,
      subnetCount: results.length,
      reachableSubnets: listing(reachable.map((r) => `${subnetLabel(r)} via ${r.via?.id ?? r.verdict}`)) || "none",
      importance: options.importance(evidence.length === 0 ? undefined : evidenceText(evidence), spec),
      hops: hopsBySubnet(blocked, paths.describe),
      hostname: spec.hostname(region.region),
    },
    evidence: blocked.flatMap((r) => r.blocking),
    affected: blocked,
    fix: endpointFix(region, fn, spec, blocked, paths.plan),
  };
}
