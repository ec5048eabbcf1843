/** Variants of the standard Tokyo scenario shared by the rule tests. */
import * as b from "../support/build.js";
import type { RegionCalls, Snapshot } from "../../src/snapshot/types.js";

export { b };
export const { ids, REGION, ACCOUNT } = b;
export const fnArn = `arn:aws:lambda:${b.REGION}:${b.ACCOUNT}:function:${b.ids.fn}`;

export function snap(edit: (d: b.RegionData) => void = () => undefined, calls?: (c: RegionCalls) => RegionCalls): Snapshot {
  const d = b.scenario();
  edit(d);
  return b.toSnapshot(d, calls);
}

export function natScenario(edit: (d: b.RegionData) => void = () => undefined): Snapshot {
  return snap((d) => {
    b.withNat(d);
    edit(d);
  });
}

export function endpointScenario(edit: (d: b.RegionData) => void = () => undefined): Snapshot {
  return snap((d) => {
    b.withKmsEndpoint(d);
    edit(d);
  });
}

/** The function's environment holds nothing client-side encrypted: only its at-rest CMK (KMSKeyArn). */
export function withoutKmsEvidence(d: b.RegionData): void {
  const fn = d.functions[0]!;
  d.functions[0] = { ...fn, Environment: { VariableClasses: { TABLE_NAME: "plain" } } };
}

export function kmsEndpoint(d: b.RegionData) {
  return d.vpcEndpoints.find((e) => e.VpcEndpointId === b.ids.kmsEndpoint)!;
}

export function replaceEndpoint(d: b.RegionData, patch: Partial<ReturnType<typeof kmsEndpoint>>): void {
  d.vpcEndpoints = d.vpcEndpoints.map((e) => (e.VpcEndpointId === b.ids.kmsEndpoint ? { ...e, ...patch } : e));
}

export function replaceGroup(d: b.RegionData, groupId: string, patch: Partial<b.RegionData["securityGroups"][number]>): void {
  d.securityGroups = d.securityGroups.map((g) => (g.GroupId === groupId ? { ...g, ...patch } : g));
}

export function replaceNat(d: b.RegionData, patch: Partial<b.RegionData["natGateways"][number]>): void {
  d.natGateways = d.natGateways.map((n) => (n.NatGatewayId === b.ids.nat ? { ...n, ...patch } : n));
}

/** The private route table's default route, replaced. */
export function privateDefaultRoute(d: b.RegionData, route: Parameters<typeof b.route>[0]): void {
  d.routeTables = d.routeTables.map((t) =>
    t.RouteTableId === b.ids.rtbPrivate ? { ...t, Routes: [b.localRoute(), b.route({ DestinationCidrBlock: "0.0.0.0/0", ...route })] } : t,
  );
}

export const S3_GATEWAY = "vpce-0s300000000000001";
export const S3_PREFIX_LIST = "pl-61a54008";

/** An S3 gateway endpoint in the VPC with its prefix-list route in the given route tables; the function tagged as using S3. */
export function withS3Gateway(d: b.RegionData, routeTableIds: string[], patch: Partial<ReturnType<typeof kmsEndpoint>> = {}): void {
  d.vpcEndpoints.push(
    b.interfaceEndpoint({ VpcEndpointId: S3_GATEWAY, ServiceName: `com.amazonaws.${b.REGION}.s3`, VpcEndpointType: "Gateway", RouteTableIds: routeTableIds, PrivateDnsEnabled: false, ...patch }),
  );
  d.prefixLists.push(b.managedPrefixList(S3_PREFIX_LIST, `com.amazonaws.${b.REGION}.s3`));
  d.prefixListEntries.push({ PrefixListId: S3_PREFIX_LIST, Entries: [{ Cidr: "52.219.0.0/20" }] });
  d.routeTables = d.routeTables.map((t) =>
    routeTableIds.includes(t.RouteTableId!) ? { ...t, Routes: [...(t.Routes ?? []), b.route({ DestinationPrefixListId: S3_PREFIX_LIST, GatewayId: S3_GATEWAY })] } : t,
  );
  const fn = d.functions[0]!;
  d.functions[0] = { ...fn, Tags: { ...fn.Tags, "kms-audit:uses": "s3" } };
}

/** Copies of the scenario's function under other names (same subnets, groups and environment): functions sharing components. */
export function copiesOfFunction(d: b.RegionData, names: readonly string[]): void {
  const fn = d.functions[0]!;
  for (const name of names) d.functions.push(b.lambdaFunction({ ...fn, FunctionName: name, FunctionArn: `arn:aws:lambda:${b.REGION}:${b.ACCOUNT}:function:${name}` }));
}
