import {
  paginateDescribeTransitGatewayAttachments,
  paginateDescribeTransitGatewayRouteTables,
  paginateDescribeTransitGateways,
  paginateDescribeTransitGatewayVpcAttachments,
  paginateDescribeVpcPeeringConnections,
  paginateGetTransitGatewayRouteTableAssociations,
  paginateGetTransitGatewayRouteTablePropagations,
  SearchTransitGatewayRoutesCommand,
  type EC2Client,
  type TransitGatewayRoute,
  type TransitGatewayRouteTable,
} from "@aws-sdk/client-ec2";
import type {
  RegionCalls,
  TransitGatewayRoutesRecord,
  TransitGatewayRouteTableAssociationsRecord,
  TransitGatewayRouteTablePropagationsRecord,
} from "../snapshot/types.js";
import type { CallRunner } from "./call-record.js";
import { after, allItems, allSettledOrThrow } from "./pages.js";

/** The largest page each operation accepts (EC2 API Reference, MaxResults 5-1000). */
export const TGW_PAGE_SIZE = 1000;

/** SearchTransitGatewayRoutes needs a filter: every route a packet can meet (static, propagated, prefix-list). */
const ROUTE_STATES = [{ Name: "state", Values: ["active", "blackhole"] }];

type TransitGatewayCallName =
  | "DescribeTransitGateways"
  | "DescribeTransitGatewayAttachments"
  | "DescribeTransitGatewayVpcAttachments"
  | "DescribeTransitGatewayRouteTables"
  | "GetTransitGatewayRouteTableAssociations"
  | "GetTransitGatewayRouteTablePropagations"
  | "SearchTransitGatewayRoutes"
  | "DescribeVpcPeeringConnections";

export type TransitGatewayCalls = { readonly [K in TransitGatewayCallName]-?: Promise<NonNullable<RegionCalls[K]>> };

/**
 * Transit gateways (those the account owns and those shared with it), their attachments, and, for the route tables
 * the account can read (only the gateway's owner can), associations, propagations and routes; VPC peering connections.
 */
export function startTransitGatewayCalls(ec2: EC2Client, run: CallRunner, abortSignal: AbortSignal): TransitGatewayCalls {
  const opts = { abortSignal };
  const paging = { client: ec2, pageSize: TGW_PAGE_SIZE };
  const tables = run("DescribeTransitGatewayRouteTables", async () => ({
    TransitGatewayRouteTables: await allItems(paginateDescribeTransitGatewayRouteTables(paging, {}, opts), (p) => p.TransitGatewayRouteTables),
  }));
  const perTable = <T>(call: "GetTransitGatewayRouteTableAssociations" | "GetTransitGatewayRouteTablePropagations" | "SearchTransitGatewayRoutes", read: (id: string) => Promise<T>) =>
    after("DescribeTransitGatewayRouteTables", tables, (data) => run(call, () => allSettledOrThrow(tableIds(data.TransitGatewayRouteTables).map(read))));
  return {
    DescribeTransitGateways: run("DescribeTransitGateways", async () => ({
      TransitGateways: await allItems(paginateDescribeTransitGateways(paging, {}, opts), (p) => p.TransitGateways),
    })),
    DescribeTransitGatewayAttachments: run("DescribeTransitGatewayAttachments", async () => ({
      TransitGatewayAttachments: await allItems(paginateDescribeTransitGatewayAttachments(paging, {}, opts), (p) => p.TransitGatewayAttachments),
    })),
    DescribeTransitGatewayVpcAttachments: run("DescribeTransitGatewayVpcAttachments", async () => ({
      TransitGatewayVpcAttachments: await allItems(paginateDescribeTransitGatewayVpcAttachments(paging, {}, opts), (p) => p.TransitGatewayVpcAttachments),
    })),
    DescribeTransitGatewayRouteTables: tables,
    GetTransitGatewayRouteTableAssociations: perTable("GetTransitGatewayRouteTableAssociations", async (TransitGatewayRouteTableId): Promise<TransitGatewayRouteTableAssociationsRecord> => ({
      TransitGatewayRouteTableId,
      Associations: await allItems(paginateGetTransitGatewayRouteTableAssociations(paging, { TransitGatewayRouteTableId }, opts), (p) => p.Associations),
    })),
    GetTransitGatewayRouteTablePropagations: perTable("GetTransitGatewayRouteTablePropagations", async (TransitGatewayRouteTableId): Promise<TransitGatewayRouteTablePropagationsRecord> => ({
      TransitGatewayRouteTableId,
      TransitGatewayRouteTablePropagations: await allItems(
        paginateGetTransitGatewayRouteTablePropagations(paging, { TransitGatewayRouteTableId }, opts),
        (p) => p.TransitGatewayRouteTablePropagations,
      ),
    })),
    SearchTransitGatewayRoutes: perTable("SearchTransitGatewayRoutes", (id) => searchRoutes(ec2, id, abortSignal)),
    DescribeVpcPeeringConnections: run("DescribeVpcPeeringConnections", async () => ({
      VpcPeeringConnections: await allItems(paginateDescribeVpcPeeringConnections(paging, {}, opts), (p) => p.VpcPeeringConnections),
    })),
  };
}

function tableIds(tables: readonly TransitGatewayRouteTable[]): string[] {
  return tables.map((t) => t.TransitGatewayRouteTableId ?? "").filter((id) => id !== "");
}

/**
 * Every route of one table. AWS answers at most 1,000 routes a request; where it gives a NextToken the pages are
 * followed, and `AdditionalRoutesAvailable` of the last page says whether routes are still missing (older endpoints
 * give no token, only that flag).
 */
async function searchRoutes(ec2: EC2Client, TransitGatewayRouteTableId: string, abortSignal: AbortSignal): Promise<TransitGatewayRoutesRecord> {
  const Routes: TransitGatewayRoute[] = [];
  let NextToken: string | undefined;
  let AdditionalRoutesAvailable = false;
  do {
    const page = await ec2.send(
      new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId, Filters: ROUTE_STATES, MaxResults: TGW_PAGE_SIZE, NextToken }),
      { abortSignal },
    );
    Routes.push(...(page.Routes ?? []));
    AdditionalRoutesAvailable = page.AdditionalRoutesAvailable === true;
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return { TransitGatewayRouteTableId, Routes, AdditionalRoutesAvailable };
}
