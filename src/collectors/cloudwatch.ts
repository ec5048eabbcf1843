import { paginateGetMetricData, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { NatGateway } from "@aws-sdk/client-ec2";
import type { NatGatewayTrafficRecord } from "../snapshot/types.js";
import { allItems, allSettledOrThrow } from "./pages.js";

export const TRAFFIC_DAYS = 30;
const DAY_SECONDS = 86_400;
/** GetMetricData takes at most 500 queries a request: two metrics per NAT gateway. */
const NAT_GATEWAYS_PER_REQUEST = 250;

const METRICS = ["BytesOutToDestination", "BytesInFromDestination"] as const;

/** Daily sums of each NAT gateway's BytesOutToDestination and BytesInFromDestination over the last 30 days, added up. */
export async function natGatewayTraffic(
  cloudwatch: CloudWatchClient,
  natGateways: readonly NatGateway[],
  now: Date,
  abortSignal: AbortSignal,
): Promise<NatGatewayTrafficRecord[]> {
  const ids = natGateways.map((nat) => nat.NatGatewayId ?? "").filter((id) => id !== "");
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += NAT_GATEWAYS_PER_REQUEST) chunks.push(ids.slice(i, i + NAT_GATEWAYS_PER_REQUEST));
  const sums = await allSettledOrThrow(chunks.map((chunk) => trafficOf(cloudwatch, chunk, now, abortSignal)));
  return sums.flat();
}

async function trafficOf(
  cloudwatch: CloudWatchClient,
  ids: readonly string[],
  now: Date,
  abortSignal: AbortSignal,
): Promise<NatGatewayTrafficRecord[]> {
  const queries: MetricDataQuery[] = ids.flatMap((id, i) =>
    METRICS.map((MetricName, m) => ({
      Id: `m${m}n${i}`,
      MetricStat: {
        Metric: { Namespace: "AWS/NATGateway", MetricName, Dimensions: [{ Name: "NatGatewayId", Value: id }] },
        Period: DAY_SECONDS,
        Stat: "Sum",
      },
      ReturnData: true,
    })),
  );
  const input = {
    MetricDataQueries: queries,
    StartTime: new Date(now.getTime() - TRAFFIC_DAYS * DAY_SECONDS * 1000),
    EndTime: now,
  };
  const results = await allItems(paginateGetMetricData({ client: cloudwatch }, input, { abortSignal }), (p) => p.MetricDataResults);
  const totals = new Map<string, number>();
  for (const result of results) {
    const sum = (result.Values ?? []).reduce((a, b) => a + b, 0);
    totals.set(result.Id ?? "", (totals.get(result.Id ?? "") ?? 0) + sum);
  }
  return ids.map((NatGatewayId, i) => ({
    NatGatewayId,
    BytesOutToDestination: totals.get(`m0n${i}`) ?? 0,
    BytesInFromDestination: totals.get(`m1n${i}`) ?? 0,
    Days: TRAFFIC_DAYS,
  }));
}
