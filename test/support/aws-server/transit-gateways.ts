/** EC2 Query: transit gateways, their route tables (per table: associations, propagations, routes) and VPC peering. */
import type { RegionCalls } from "../../../src/snapshot/types.js";
import type { RegionIndex } from "./account.js";
import { Ec2Failure, okData, paginate } from "./ec2.js";

const RANGE = { min: 5, max: 1000 };

const LISTS: Readonly<Record<string, { readonly call: keyof RegionCalls; readonly key: string }>> = {
  DescribeTransitGateways: { call: "DescribeTransitGateways", key: "TransitGateways" },
  DescribeTransitGatewayAttachments: { call: "DescribeTransitGatewayAttachments", key: "TransitGatewayAttachments" },
  DescribeTransitGatewayVpcAttachments: { call: "DescribeTransitGatewayVpcAttachments", key: "TransitGatewayVpcAttachments" },
  DescribeTransitGatewayRouteTables: { call: "DescribeTransitGatewayRouteTables", key: "TransitGatewayRouteTables" },
  DescribeVpcPeeringConnections: { call: "DescribeVpcPeeringConnections", key: "VpcPeeringConnections" },
};

const PER_TABLE: Readonly<Record<string, { readonly call: keyof RegionCalls; readonly key: string }>> = {
  GetTransitGatewayRouteTableAssociations: { call: "GetTransitGatewayRouteTableAssociations", key: "Associations" },
  GetTransitGatewayRouteTablePropagations: { call: "GetTransitGatewayRouteTablePropagations", key: "TransitGatewayRouteTablePropagations" },
  SearchTransitGatewayRoutes: { call: "SearchTransitGatewayRoutes", key: "Routes" },
};

/** The output of a transit gateway or peering operation; undefined for any other operation. */
export function transitGatewayOutput(operation: string, region: RegionIndex, params: URLSearchParams, pageCap: number | undefined): Record<string, unknown> | undefined {
  const list = LISTS[operation];
  if (list) {
    const items = (okData(region.calls, list.call) as Record<string, unknown[]> | undefined)?.[list.key] ?? [];
    const { page, next } = paginate(items, params.get("MaxResults"), params.get("NextToken"), RANGE, pageCap, operation);
    return { [list.key]: page, ...(next ? { NextToken: next } : {}) };
  }
  const perTable = PER_TABLE[operation];
  if (!perTable) return undefined;
  const tableId = params.get("TransitGatewayRouteTableId") ?? "";
  if (operation === "SearchTransitGatewayRoutes" && params.get("Filter.1.Name") === null) {
    throw new Ec2Failure(400, "MissingParameter", "The request must contain the parameter Filter");
  }
  const records = okData(region.calls, perTable.call) as readonly Record<string, unknown>[] | undefined;
  const record = records === undefined ? { [perTable.key]: [], AdditionalRoutesAvailable: false } : records.find((r) => r.TransitGatewayRouteTableId === tableId);
  if (record === undefined) throw new Ec2Failure(400, "InvalidRouteTableID.NotFound", `The transitGatewayRouteTable ID '${tableId}' does not exist.`);
  const items = (record[perTable.key] as unknown[] | undefined) ?? [];
  const { page, next } = paginate(items, params.get("MaxResults"), params.get("NextToken"), RANGE, pageCap, operation);
  if (operation !== "SearchTransitGatewayRoutes") return { [perTable.key]: page, ...(next ? { NextToken: next } : {}) };
  return { Routes: page, AdditionalRoutesAvailable: next !== undefined || record.AdditionalRoutesAvailable === true, ...(next ? { NextToken: next } : {}) };
}
