import { LANDING_ZONE_CALLS } from "../../src/snapshot/types.js";
import { collect, type CollectProgress } from "../../src/collectors/index.js";
import { createLimiter } from "../../src/collectors/limiter.js";
import { REGION } from "../support/build.js";
import { startAwsServer } from "../support/aws-server/index.js";
import { expectedRegions, regionsOf, SECOND_REGION, servedAccount, TEST_CREDENTIALS } from "./accounts.js";

test("requests in flight never exceed --concurrency, and the snapshot is the same", async () => {
  const account = servedAccount();
  const server = await startAwsServer(account, { latencyMs: 5, pageSize: 2 });
  try {
    const progress: CollectProgress[] = [];
    const snapshot = await collect({
      regions: [REGION, SECOND_REGION],
      endpointUrl: server.url,
      credentials: TEST_CREDENTIALS,
      concurrency: 3,
      withTraffic: true,
      onProgress: (p) => progress.push(p),
    });
    expect(regionsOf(snapshot)).toEqual(expectedRegions(account, [REGION, SECOND_REGION], true));
    expect(server.maxInFlight()).toBeLessThanOrEqual(3);
    expect(server.maxInFlight()).toBeGreaterThan(1);
    const last = progress.at(-1)!;
    expect([last.regionsTotal, last.regionsDone, last.callsDone, last.running]).toEqual([2, 2, last.callsStarted, []]);
    // 20 and 21 snapshot calls per region, plus GetCallerIdentity and DescribeRegions, and the 16 calls beyond the VPC in each region.
    expect(last.callsStarted).toBe(20 + 21 + 2 + 2 * LANDING_ZONE_CALLS.length);
  } finally {
    await server.close();
  }
});

test("the limiter runs waiting high-priority tasks before low-priority ones, each in arrival order", async () => {
  const limiter = createLimiter(1);
  const order: string[] = [];
  let release: () => void = () => undefined;
  const first = limiter.run(() => new Promise<void>((resolve) => (release = resolve)));
  const queued = [
    limiter.run(async () => void order.push("low-1"), "low"),
    limiter.run(async () => void order.push("high-1")),
    limiter.run(async () => void order.push("low-2"), "low"),
    limiter.run(async () => void order.push("high-2"), "high"),
  ];
  await new Promise((resolve) => setImmediate(resolve));
  expect(order).toEqual([]);
  release();
  await Promise.all([first, ...queued]);
  expect(order).toEqual(["high-1", "high-2", "low-1", "low-2"]);
});

test("a failing task frees its slot", async () => {
  const limiter = createLimiter(1);
  await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  await expect(limiter.run(() => Promise.resolve(42))).resolves.toBe(42);
});
