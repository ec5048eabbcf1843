import type { Subnet, VpcEndpoint } from "@aws-sdk/client-ec2";
import type { LambdaFunction, ResourceRef, Snapshot } from "../snapshot/types.js";
import type { ModelOptions, NetworkModel, RegionIndex } from "./model.js";
import type { Hop, PathResult, ServiceSpec } from "./types.js";
import { evaluateEndpointPolicy, policyRequest } from "./endpoint-policy.js";
import { evaluateService, type Evaluation } from "./evaluate.js";
import { hop, missingHop } from "./hops.js";
import { buildRegionIndex, subnetAddresses } from "./region-index.js";
import { buildRegionNetwork, type RegionNetwork } from "./network/region-network.js";
import { vpcEndpointsIn } from "./lookups.js";
import { endpointServiceName, isKnownService, serviceSpec } from "./services.js";
import { functionUses, type ServiceUse, type UseEvidence } from "./uses.js";

/** The function each path's function reference stands for (one reference per function, shared by its paths). */
const FUNCTIONS = new WeakMap<ResourceRef, LambdaFunction>();

/** The Lambda function a path is about, wherever its region is. */
export function functionOfPath(result: PathResult): LambdaFunction | undefined {
  return FUNCTIONS.get(result.function);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The function's uses: from evidence in the snapshot and the services options.servicesFor declares. */
function usesOf(fn: LambdaFunction, index: RegionIndex, options: ModelOptions): ServiceUse[] {
  return functionUses(fn, index.region, options.servicesFor?.(fn, index) ?? []);
}

/** KMS always, then every service the function is known to call in this region (known ones). */
export function servicesFor(fn: LambdaFunction, index: RegionIndex, options: ModelOptions = {}): ServiceSpec[] {
  return specsOf(serviceIds(usesOf(fn, index, options), index));
}

function serviceIds(uses: readonly ServiceUse[], index: RegionIndex): string[] {
  return ["kms", ...uses.filter((u) => u.region === index.region).map((u) => u.service)].filter(isKnownService);
}

const NO_EVIDENCE: readonly UseEvidence[] = Object.freeze([]);

function evidenceOf(uses: readonly ServiceUse[], index: RegionIndex, service: string): readonly UseEvidence[] {
  return uses.find((u) => u.service === service && u.region === index.region)?.evidence ?? NO_EVIDENCE;
}

/**
 * The ids of a function's VpcConfig that still exist: an id a successful Describe call doesn't list was deleted
 * (Lambda can't place the function there any more; lambda-vpc-config-stale reports it). Ids are kept when the call
 * is a gap, so that the paths say what could not be checked.
 */
function existing(ids: readonly string[], known: ReadonlyMap<string, unknown>, collected: boolean): readonly string[] {
  return collected ? ids.filter((id) => known.has(id)) : ids;
}

function specsOf(ids: readonly string[]): ServiceSpec[] {
  return [...new Set(ids)].sort(compare).map(serviceSpec);
}

/**
 * Sorted, duplicate-free lists, one array per distinct list: functions deployed alike share their subnet, group and
 * service lists, and decisions memoised on a list's identity are shared with them.
 */
function sharedLists<T>(build: (items: readonly string[]) => readonly T[]): (items: readonly string[]) => readonly T[] {
  const lists = new Map<string, readonly T[]>();
  return (items) => {
    const key = items.join(",");
    let list = lists.get(key);
    if (list === undefined) {
      list = build(items);
      lists.set(key, list);
    }
    return list;
  };
}

function sortedUnique(items: readonly string[]): readonly string[] {
  return [...new Set(items)].sort(compare);
}

function functionRef(index: RegionIndex, fn: LambdaFunction): ResourceRef {
  return { type: "lambda-function", id: fn.FunctionName, arn: fn.FunctionArn, account: index.account, region: index.region };
}

/** The function's VPC, derived from its subnets (VpcConfig.VpcId only when none of them is in the data). */
export function functionVpcId(index: RegionIndex, fn: LambdaFunction): string {
  for (const subnetId of fn.VpcConfig?.SubnetIds ?? []) {
    const vpcId = index.subnets.get(subnetId)?.VpcId;
    if (vpcId !== undefined) return vpcId;
  }
  return fn.VpcConfig?.VpcId ?? "";
}

function ipv6Note(fn: LambdaFunction): Hop[] {
  if (fn.VpcConfig?.Ipv6AllowedForDualStack !== true) return [];
  return [hop({ type: "lambda-function", id: fn.FunctionName, arn: fn.FunctionArn }, "info", "UNSUPPORTED_COMPONENT", `${fn.FunctionName} allows IPv6 (dual stack); kms-audit models IPv4 paths only.`)];
}

function missingSubnet(index: RegionIndex, subnetId: string): Evaluation {
  const hops = [missingHop(index, "DescribeSubnets", { type: "subnet", id: subnetId }, `the function subnet ${subnetId}`)];
  return { verdict: "unverifiable", attempts: [{ kind: "other", outcome: "unverifiable", hops }], blocking: hops, notes: [] };
}

/**
 * What of a function's role can change an evaluation: the endpoint policy results of the VPC's endpoints for the
 * service, as a small number (equal results, equal numbers). Functions differing only in roles the policies treat
 * alike share one evaluation.
 */
function policyKeyer(index: RegionIndex) {
  const classes = new Map<string, number>();
  const ids = new Map<string, number>();
  const endpointsFor = new Map<string, readonly VpcEndpoint[]>();
  return (vpcId: string, service: ServiceSpec, roleArn: string | undefined): number => {
    const key = `${vpcId} ${service.id} ${roleArn ?? ""}`;
    let id = classes.get(key);
    if (id === undefined) {
      id = policyClass(vpcId, service, roleArn);
      classes.set(key, id);
    }
    return id;
  };

  function endpoints(vpcId: string, service: ServiceSpec): readonly VpcEndpoint[] {
    const key = `${vpcId} ${service.id}`;
    let found = endpointsFor.get(key);
    if (found === undefined) {
      const names = new Set(service.endpointServiceSuffixes.map((s) => endpointServiceName(index.region, s)));
      found = vpcEndpointsIn(index, vpcId).filter((e) => names.has(e.ServiceName ?? ""));
      endpointsFor.set(key, found);
    }
    return found;
  }

  function policyClass(vpcId: string, service: ServiceSpec, roleArn: string | undefined): number {
    const key = endpoints(vpcId, service)
      .map((endpoint) => {
        const decision = evaluateEndpointPolicy(endpoint.PolicyDocument, policyRequest(endpoint, service.requiredAction, index.account, roleArn));
        return `${endpoint.VpcEndpointId}:${decision.result}:${decision.reason}`;
      })
      .join(";");
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  }
}

function regionPaths(index: RegionIndex, network: RegionNetwork, options: ModelOptions, usesByArn: Map<string, readonly ServiceUse[]>): PathResult[] {
  /** Shared by every path with the same service, subnet, group list and policy class. */
  const evaluations = new Map<string, Evaluation>();
  const groupLists = sharedLists(sortedUnique);
  const subnetLists = sharedLists(sortedUnique);
  const serviceLists = sharedLists(specsOf);
  const policyKey = policyKeyer(index);
  const results: PathResult[] = [];
  // In path order already (functions by ARN, subnets by id, services sorted), so that the final sort only confirms it.
  const byArn = [...index.functions].sort((a, b) => compare(a.FunctionArn, b.FunctionArn));
  const subnetsCollected = !index.gaps.has("DescribeSubnets");
  const groupsCollected = !index.gaps.has("DescribeSecurityGroups");
  for (const fn of byArn) {
    const uses = usesOf(fn, index, options);
    usesByArn.set(fn.FunctionArn, uses);
    const vpcId = functionVpcId(index, fn);
    const declaredGroups = fn.VpcConfig?.SecurityGroupIds ?? [];
    const groupIds = groupLists(existing(declaredGroups, index.securityGroups, groupsCollected));
    // Every group gone: Lambda can't create the function's network interfaces anywhere, so there is no path to evaluate.
    if (declaredGroups.length > 0 && groupIds.length === 0) continue;
    const groupsKey = groupIds.join(",");
    const services = serviceLists(serviceIds(uses, index));
    const extraNotes = ipv6Note(fn);
    const ref = functionRef(index, fn);
    FUNCTIONS.set(ref, fn);
    for (const subnetId of subnetLists(existing(fn.VpcConfig?.SubnetIds ?? [], index.subnets, subnetsCollected))) {
      const subnet: Subnet | undefined = index.subnets.get(subnetId);
      const addresses = subnetAddresses(index, subnetId);
      const pathVpcId = subnet?.VpcId ?? vpcId;
      for (const service of services) {
        let evaluation: Evaluation | undefined;
        if (subnet === undefined || addresses === undefined) {
          evaluation = missingSubnet(index, subnetId);
        } else {
          const key = `${service.id} ${subnetId} ${groupsKey} ${policyKey(pathVpcId, service, fn.Role)}`;
          evaluation = evaluations.get(key);
          if (evaluation === undefined) {
            evaluation = Object.freeze(evaluateService({ index, network, service, subnetId, subnet, addresses, vpcId: pathVpcId, groupIds, account: index.account, ...(fn.Role === undefined ? {} : { roleArn: fn.Role }) }));
            evaluations.set(key, evaluation);
          }
        }
        results.push({
          service: service.id,
          account: index.account,
          region: index.region,
          function: ref,
          functionName: fn.FunctionName,
          vpcId: pathVpcId,
          subnetId,
          ...(subnet?.AvailabilityZone === undefined ? {} : { availabilityZone: subnet.AvailabilityZone }),
          evidence: evidenceOf(uses, index, service.id),
          ...evaluation,
          notes: extraNotes.length === 0 ? evaluation.notes : [...evaluation.notes, ...extraNotes],
        });
      }
    }
  }
  return results;
}

function comparePaths(a: PathResult, b: PathResult): number {
  return compare(a.account, b.account) || compare(a.region, b.region) || compare(a.function.arn ?? a.function.id, b.function.arn ?? b.function.id) || compare(a.subnetId, b.subnetId) || compare(a.service, b.service);
}

/** The path model: every (VPC function, subnet, service) decided hop by hop, over indexes built once per region. */
export function buildModel(snapshot: Snapshot, options: ModelOptions = {}): NetworkModel {
  const regions: RegionIndex[] = [];
  for (const account of Object.keys(snapshot.accounts).sort(compare)) {
    const regionMap = snapshot.accounts[account]?.regions ?? {};
    for (const region of Object.keys(regionMap).sort(compare)) {
      const calls = regionMap[region]?.calls;
      if (calls !== undefined) regions.push(buildRegionIndex(account, region, calls));
    }
  }
  const networks = new Map<string, RegionNetwork>();
  for (const name of [...new Set(regions.map((index) => index.region))]) networks.set(name, buildRegionNetwork(name, snapshot, regions.filter((index) => index.region === name)));
  const usesByArn = new Map<string, readonly ServiceUse[]>();
  const paths = regions.flatMap((index) => regionPaths(index, networks.get(index.region)!, options, usesByArn)).sort(comparePaths);
  const byFunction = new Map<string, PathResult[]>();
  for (const path of paths) {
    const key = path.function.arn ?? path.function.id;
    const list = byFunction.get(key);
    if (list === undefined) byFunction.set(key, [path]);
    else list.push(path);
  }
  const byRegion = new Map(regions.map((index) => [`${index.account}/${index.region}`, index]));
  return {
    regions,
    paths,
    pathsFor: (functionArn, service) => {
      const all = byFunction.get(functionArn) ?? [];
      return all.filter((p) => service === undefined || p.service === service);
    },
    regionOf: (account, region) => byRegion.get(`${account}/${region}`),
    networkOf: (region) => networks.get(region),
    usesOf: (functionArn) => usesByArn.get(functionArn) ?? [],
  };
}
