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
