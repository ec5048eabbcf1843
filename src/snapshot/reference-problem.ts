import type { PathSegment } from "./json-path.js";
import type { SnapshotProblem } from "./problem.js";
import type { CallName, RegionCalls, Snapshot } from "./types.js";

/** A collection whose items carry an id that must be unique within it. `list` is absent when data is the array. */
interface IdCollection {
  readonly call: CallName;
  readonly list?: string;
  readonly id: string;
}

const ID_COLLECTIONS: readonly IdCollection[] = [
  { call: "DescribeVpcs", list: "Vpcs", id: "VpcId" },
  { call: "DescribeSubnets", list: "Subnets", id: "SubnetId" },
  { call: "DescribeRouteTables", list: "RouteTables", id: "RouteTableId" },
  { call: "DescribeInternetGateways", list: "InternetGateways", id: "InternetGatewayId" },
  { call: "DescribeEgressOnlyInternetGateways", list: "EgressOnlyInternetGateways", id: "EgressOnlyInternetGatewayId" },
  { call: "DescribeNatGateways", list: "NatGateways", id: "NatGatewayId" },
  { call: "DescribeVpcEndpoints", list: "VpcEndpoints", id: "VpcEndpointId" },
  { call: "DescribeSecurityGroups", list: "SecurityGroups", id: "GroupId" },
  { call: "DescribeNetworkAcls", list: "NetworkAcls", id: "NetworkAclId" },
  { call: "DescribeManagedPrefixLists", list: "PrefixLists", id: "PrefixListId" },
  { call: "GetManagedPrefixListEntries", id: "PrefixListId" },
  { call: "DescribeDhcpOptions", list: "DhcpOptions", id: "DhcpOptionsId" },
  { call: "DescribeAddresses", list: "Addresses", id: "AllocationId" },
  { call: "ListFunctions", list: "Functions", id: "FunctionArn" },
  { call: "GetFunctionConfiguration", id: "FunctionArn" },
  { call: "NatGatewayTraffic", id: "NatGatewayId" },
];

type Item = Readonly<Record<string, unknown>>;

/** The items of a successful call, or undefined when the call failed or was not collected. */
function itemsOf(calls: RegionCalls, call: CallName, list?: string): readonly Item[] | undefined {
  const record = calls[call] as { status: string; data?: unknown } | undefined;
  if (record?.status !== "ok") return undefined;
  const data = list === undefined ? record.data : (record.data as Record<string, unknown>)[list];
  return data as readonly Item[];
}

function duplicateProblem(calls: RegionCalls, at: readonly PathSegment[]): SnapshotProblem | undefined {
  for (const { call, list, id } of ID_COLLECTIONS) {
    const items = itemsOf(calls, call, list);
    if (!items) continue;
    const listPath: PathSegment[] = [...at, call, "data", ...(list === undefined ? [] : [list])];
    const firstIndex = new Map<unknown, number>();
    for (const [index, item] of items.entries()) {
      const value = item[id];
      const first = firstIndex.get(value);
      if (first !== undefined) {
        const where = `${call}.data${list === undefined ? "" : `.${list}`}[${first}]`;
        return { segments: [...listPath, index, id], expected: `expected a unique ${id}, found ${JSON.stringify(value)} again (first at ${where})` };
      }
      firstIndex.set(value, index);
    }
  }
  return undefined;
}

/**
 * Referential errors of a schema-valid snapshot: duplicate ids. A function naming a subnet or security group that
 * Describe* doesn't list is not an input error: the resource was deleted, and lambda-vpc-config-stale reports it.
 */
export function findReferenceProblem(snapshot: Snapshot): SnapshotProblem | undefined {
  for (const [account, { regions }] of Object.entries(snapshot.accounts)) {
    for (const [region, { calls }] of Object.entries(regions)) {
      const at: PathSegment[] = ["accounts", account, "regions", region, "calls"];
      const problem = duplicateProblem(calls, at);
      if (problem) return problem;
    }
  }
  return undefined;
}
