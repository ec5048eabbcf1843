import type { Route, RouteTable } from "@aws-sdk/client-ec2";
import type { RegionIndex } from "../../model/model.js";
import { comment, variable, type FixLine, type Word } from "../fix.js";
import { ec2, ec2Capture } from "./commands.js";
import { sortedUnique } from "./text.js";

/** A route target as the create-route/replace-route option that names it. */
export interface RouteTargetArg {
  readonly flag: string;
  readonly value: Word;
}

const INACTIVE = new Set(["disassociated", "disassociating", "failed"]);

/** The destination option of a route: --destination-cidr-block, --destination-ipv6-cidr-block or --destination-prefix-list-id. */
export function destinationArgs(route: Route): string[] | undefined {
  if (route.DestinationCidrBlock !== undefined) return ["--destination-cidr-block", route.DestinationCidrBlock];
  if (route.DestinationIpv6CidrBlock !== undefined) return ["--destination-ipv6-cidr-block", route.DestinationIpv6CidrBlock];
  if (route.DestinationPrefixListId !== undefined) return ["--destination-prefix-list-id", route.DestinationPrefixListId];
  return undefined;
}

/** The target option that recreates a route's target, or undefined for targets create-route can't name (local). */
export function targetArg(route: Route): RouteTargetArg | undefined {
  const gateway = route.GatewayId;
  if (gateway === "local") return undefined;
  if (gateway?.startsWith("vpce-")) return { flag: "--vpc-endpoint-id", value: gateway };
  if (gateway !== undefined) return { flag: "--gateway-id", value: gateway };
  const pairs: [string | undefined, string][] = [
    [route.NatGatewayId, "--nat-gateway-id"],
    [route.TransitGatewayId, "--transit-gateway-id"],
    [route.VpcPeeringConnectionId, "--vpc-peering-connection-id"],
    [route.NetworkInterfaceId, "--network-interface-id"],
    [route.InstanceId, "--instance-id"],
    [route.EgressOnlyInternetGatewayId, "--egress-only-internet-gateway-id"],
    [route.LocalGatewayId, "--local-gateway-id"],
    [route.CarrierGatewayId, "--carrier-gateway-id"],
    [route.CoreNetworkArn, "--core-network-arn"],
  ];
  const found = pairs.find(([value]) => value !== undefined);
  return found === undefined ? undefined : { flag: found[1], value: found[0]! };
}

/** The subnets whose traffic a route table decides: its explicit associations, and for the main table every subnet of the VPC without one. */
export function subnetsUsing(region: RegionIndex, table: RouteTable): string[] {
  const active = (table.Associations ?? []).filter((a) => !INACTIVE.has(String(a.AssociationState?.State ?? "")));
  const explicit = active.flatMap((a) => (a.SubnetId === undefined ? [] : [a.SubnetId]));
  const isMain = active.some((a) => a.Main === true);
  const implicit = isMain
    ? [...region.subnets.values()].filter((s) => s.VpcId === table.VpcId && s.SubnetId !== undefined && region.routeTableFor(s.SubnetId) === table).map((s) => s.SubnetId!)
    : [];
  return sortedUnique([...explicit, ...implicit]);
}

/** The route of a table that carries `destination` exactly. */
export function routeTo(table: RouteTable | undefined, destination: string): Route | undefined {
  return (table?.Routes ?? []).find((r) => (r.DestinationCidrBlock ?? r.DestinationPrefixListId ?? r.DestinationIpv6CidrBlock) === destination);
}

/** create-route, or replace-route when the table already has a route for the destination. */
export function setRoute(region: RegionIndex, table: RouteTable, tableId: Word, destination: string, target: RouteTargetArg): FixLine {
  const flag = destination.startsWith("pl-") ? "--destination-prefix-list-id" : destination.includes(":") ? "--destination-ipv6-cidr-block" : "--destination-cidr-block";
  const operation = routeTo(table, destination) === undefined ? "create-route" : "replace-route";
  return ec2(region, operation, ["--route-table-id", tableId, flag, destination, target.flag, target.value]);
}

/**
 * The routes of `table` a new table needs to give its subnets the same paths, apart from `except` (the destination
 * the fix changes): CIDR routes re-created, gateway endpoint routes by adding the table to the endpoint, propagation
 * from virtual private gateways switched on. Blackhole routes are left out, with a comment.
 */
function copyRoutes(region: RegionIndex, table: RouteTable, newTable: Word, except: string): FixLine[] {
  const lines: FixLine[] = [];
  for (const route of table.Routes ?? []) {
    const destination = route.DestinationCidrBlock ?? route.DestinationPrefixListId ?? route.DestinationIpv6CidrBlock;
    if (destination === undefined || destination === except || route.GatewayId === "local") continue;
    if (route.Origin === "EnableVgwRoutePropagation") continue;
    if (String(route.State ?? "").toLowerCase() === "blackhole") {
      lines.push(comment(`not copied: ${destination} -> ${targetArg(route)?.value ?? "its target"} is a blackhole in ${table.RouteTableId ?? "the old table"}`));
      continue;
    }
    const target = targetArg(route);
    if (route.DestinationPrefixListId !== undefined && target?.flag === "--vpc-endpoint-id" && isGatewayEndpoint(region, String(target.value))) {
      lines.push(ec2(region, "modify-vpc-endpoint", ["--vpc-endpoint-id", target.value, "--add-route-table-ids", newTable]));
      continue;
    }
    const args = destinationArgs(route);
    if (target === undefined || args === undefined) continue;
    lines.push(ec2(region, "create-route", ["--route-table-id", newTable, ...args, target.flag, target.value]));
  }
  for (const vgw of table.PropagatingVgws ?? []) {
    if (vgw.GatewayId !== undefined) lines.push(ec2(region, "enable-vgw-route-propagation", ["--route-table-id", newTable, "--gateway-id", vgw.GatewayId]));
  }
  return lines;
}

function isGatewayEndpoint(region: RegionIndex, endpointId: string): boolean {
  const endpoint = region.vpcEndpoints.get(endpointId);
  return endpoint === undefined || (endpoint.VpcEndpointType ?? "").toLowerCase() === "gateway";
}

/**
 * Sends `destination` from these subnets to `target`, changing nothing for any other subnet: in place when the
 * subnets' route table serves only them, else through a new table that copies the old one's routes and is associated
 * with exactly these subnets. Subnets on different tables are handled table by table.
 */
export function routeSubnetsTo(region: RegionIndex, vpcId: string, subnets: readonly string[], destination: string, target: RouteTargetArg, tableVariable = "ROUTE_TABLE"): FixLine[] {
  const lines: FixLine[] = [];
  const byTable = new Map<RouteTable | undefined, string[]>();
  for (const subnet of sortedUnique(subnets)) {
    const table = region.routeTableFor(subnet);
    byTable.set(table, [...(byTable.get(table) ?? []), subnet]);
  }
  let n = 0;
  for (const [table, own] of byTable) {
    if (table?.RouteTableId !== undefined && subnetsUsing(region, table).every((s) => own.includes(s))) {
      lines.push(setRoute(region, table, table.RouteTableId, destination, target));
      continue;
    }
    n += 1;
    const name = byTable.size > 1 ? `${tableVariable}_${n}` : tableVariable;
    const fresh = variable(name);
    lines.push(ec2Capture(name, "RouteTable.RouteTableId", region, "create-route-table", ["--vpc-id", vpcId]));
    if (table !== undefined) lines.push(...copyRoutes(region, table, fresh, destination));
    lines.push(setRoute(region, { Routes: [] }, fresh, destination, target));
    for (const subnet of own) {
      const association = (table?.Associations ?? []).find((a) => a.SubnetId === subnet && a.Main !== true && !INACTIVE.has(String(a.AssociationState?.State ?? "")));
      lines.push(
        association?.RouteTableAssociationId !== undefined
          ? ec2(region, "replace-route-table-association", ["--association-id", association.RouteTableAssociationId, "--route-table-id", fresh])
          : ec2(region, "associate-route-table", ["--route-table-id", fresh, "--subnet-id", subnet]),
      );
    }
  }
  return lines;
}
