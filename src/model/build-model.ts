import type { Subnet } from "@aws-sdk/client-ec2";
import type { LambdaFunction, ResourceRef, Snapshot } from "../snapshot/types.js";
import type { ModelOptions, NetworkModel, RegionIndex } from "./model.js";
import type { Hop, PathResult, ServiceSpec } from "./types.js";
import { evaluateEndpointPolicy } from "./endpoint-policy.js";
import { evaluateService, type Evaluation } from "./evaluate.js";
import { hop, missingHop } from "./hops.js";
import { buildRegionIndex, subnetAddresses } from "./region-index.js";
import { vpcEndpointsIn } from "./lookups.js";
import { memoised } from "./memo.js";
import { endpointServiceName, isKnownService, serviceSpec, servicesFromTag } from "./services.js";

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** KMS always, then the services named by options.servicesFor and the function's kms-audit:uses tag (known ones). */
export function servicesFor(fn: LambdaFunction, index: RegionIndex, options: ModelOptions = {}): ServiceSpec[] {
  const ids = ["kms", ...(options.servicesFor?.(fn, index) ?? []), ...servicesFromTag(fn)].filter(isKnownService);
  return [...new Set(ids)].sort(compare).map(serviceSpec);
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
  const owner = {};
  const decisions = new Map<string, string>();
  const ids = new Map<string, number>();
  return (vpcId: string, service: ServiceSpec, roleArn: string | undefined): number =>
    memoised(owner, ["policy-class", service, vpcId, roleArn ?? ""], () => ({ id: policyClass(vpcId, service, roleArn) })).id;

  function policyClass(vpcId: string, service: ServiceSpec, roleArn: string | undefined): number {
    const endpoints = memoised(owner, ["endpoints", vpcId, service], () => {
      const names = new Set(service.endpointServiceSuffixes.map((s) => endpointServiceName(index.region, s)));
      return vpcEndpointsIn(index, vpcId).filter((e) => names.has(e.ServiceName ?? ""));
    });
    const key = endpoints
      .map((endpoint) => {
        const key = `${endpoint.VpcEndpointId}|${service.requiredAction}|${roleArn ?? ""}`;
        let decided = decisions.get(key);
        if (decided === undefined) {
          const decision = evaluateEndpointPolicy(endpoint.PolicyDocument, { action: service.requiredAction, account: index.account, ...(roleArn === undefined ? {} : { roleArn }) });
          decided = `${endpoint.VpcEndpointId}:${decision.result}:${decision.reason}`;
          decisions.set(key, decided);
        }
        return decided;
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

function regionPaths(index: RegionIndex, options: ModelOptions): PathResult[] {
  const evaluations = {};
  /** One array per distinct group list, so that decisions memoised on a list's identity are shared by its functions. */
  const groupLists = new Map<string, readonly string[]>();
  const policyKey = policyKeyer(index);
  const results: PathResult[] = [];
  // In path order already (functions by ARN, subnets by id, services sorted), so that the final sort only confirms it.
  const byArn = [...index.functions].sort((a, b) => compare(a.FunctionArn, b.FunctionArn));
  for (const fn of byArn) {
    const vpcId = functionVpcId(index, fn);
    const sortedGroups = [...new Set(fn.VpcConfig?.SecurityGroupIds ?? [])].sort(compare);
    const listKey = sortedGroups.join(",");
    const groupIds = groupLists.get(listKey) ?? sortedGroups;
    groupLists.set(listKey, groupIds);
    const services = servicesFor(fn, index, options);
    const extraNotes = ipv6Note(fn);
    const ref = functionRef(index, fn);
    for (const subnetId of [...new Set(fn.VpcConfig?.SubnetIds ?? [])].sort(compare)) {
      const subnet: Subnet | undefined = index.subnets.get(subnetId);
      const addresses = subnetAddresses(index, subnetId);
      for (const service of services) {
        let evaluation: Evaluation;
        if (subnet === undefined || addresses === undefined) {
          evaluation = missingSubnet(index, subnetId);
        } else {
          const policy = policyKey(subnet.VpcId ?? vpcId, service, fn.Role);
          evaluation = memoised(evaluations, ["evaluation", service, subnetId, groupIds, policy], () =>
            evaluateService({ index, service, subnetId, subnet, addresses, vpcId: subnet.VpcId ?? vpcId, groupIds, account: index.account, ...(fn.Role === undefined ? {} : { roleArn: fn.Role }) }),
          );
        }
        results.push({
          service: service.id,
          account: index.account,
          region: index.region,
          function: ref,
          functionName: fn.FunctionName,
          vpcId: subnet?.VpcId ?? vpcId,
          subnetId,
          ...(subnet?.AvailabilityZone === undefined ? {} : { availabilityZone: subnet.AvailabilityZone }),
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
  const paths = regions.flatMap((index) => regionPaths(index, options)).sort(comparePaths);
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
      return service === undefined ? [...all] : memoised(byFunction, ["paths-for", service, functionArn], () => all.filter((p) => p.service === service));
    },
    regionOf: (account, region) => byRegion.get(`${account}/${region}`),
  };
}
