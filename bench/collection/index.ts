import { availableParallelism } from "node:os";
import type { Faults } from "../../test/support/aws-server/index.js";
import { asCollected, syntheticRegions } from "../synthetic.js";
import { canonicalJson } from "../support/canonical.js";
import { atMost, expectTrue, info, round, type Figure } from "../support/figures.js";
import { criticalPath } from "./critical-path.js";
import { startServerProcess } from "./server.js";
import type { LoggedRequest, ServerReply } from "./server-process.js";

export interface CollectionOptions {
  readonly functions: number;
  readonly functionsPerVpc: number;
  readonly seed: number;
  readonly latencyMs: number;
  readonly throttleRate: number;
  readonly log: (figure: Figure) => void;
}

const NOW = new Date("2026-01-01T00:00:00.000Z");
const CREDENTIALS = { accessKeyId: "AKIDKMSAUDITBENCH000", secretAccessKey: "kms-audit-bench-secret" };

/**
 * The collectors (real SDK v3 clients, default concurrency and retries) against the loopback test server with
 * injected latency: wall time against the critical path; then the same with throttling: no failure, same snapshot.
 * The server runs in a child process; a first collection without latency warms the SDK's code paths up.
 */
export async function runCollection(options: CollectionOptions): Promise<Figure[]> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { collect, DEFAULT_CONCURRENCY } = await import("../../src/collectors/index.js");
  const regions = asCollected(syntheticRegions({ functions: options.functions, functionsPerVpc: options.functionsPerVpc, seed: options.seed }));
  const regionNames = Object.keys(regions);
  const server = await startServerProcess([String(options.functions), String(options.functionsPerVpc), String(options.seed)]);
  const collectWith = async (faults: Faults) => {
    await server.ask({ type: "faults", faults });
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const snapshot = await collect({ regions: regionNames, endpointUrl: server.url, credentials: CREDENTIALS, now: () => NOW });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const log = (await server.ask({ type: "log" })) as Extract<ServerReply, { type: "log" }>;
    return { snapshot, ms, cpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs: log.cpuMs, log: log.requests as readonly LoggedRequest[], maxInFlight: log.maxInFlight };
  };
  try {
    await collectWith({});
    const noLatency = await collectWith({});
    const plain = await collectWith({ latencyMs: options.latencyMs });
    const path = criticalPath(plain.log, regions);
    const pathMs = path.requests * options.latencyMs;
    const throughputMs = Math.ceil(path.totalRequests / DEFAULT_CONCURRENCY) * options.latencyMs;
    const throttled = await collectWith({ latencyMs: options.latencyMs, throttleRate: options.throttleRate, seed: options.seed + 6 });
    const throttledCount = throttled.log.filter(([, , , , fault]) => fault === "throttle").length;
    const collected = plain.snapshot.accounts[Object.keys(plain.snapshot.accounts)[0] ?? ""]?.regions ?? {};
    const failedCalls = [plain.snapshot, throttled.snapshot].flatMap((s) =>
      Object.values(s.accounts).flatMap((a) => Object.values(a.regions).flatMap((r) => Object.values(r.calls).filter((c) => c?.status === "failed"))),
    ).length;
    const sourceText = canonicalJson(JSON.parse(JSON.stringify(Object.fromEntries(regionNames.map((name) => [name, { calls: regions[name] }])))));
    const figures: Figure[] = [
      info("collection account", `${regionNames.length} regions, ${options.functions} functions, ${countOf(regions, "DescribeSubnets", "Subnets")} subnets, ${countOf(regions, "DescribeRouteTables", "RouteTables")} route tables, ${countOf(regions, "DescribeSecurityGroups", "SecurityGroups")} security groups`),
      info("collection requests (successful)", path.totalRequests),
      info("collection critical path", `${path.requests} requests x ${options.latencyMs} ms = ${pathMs} ms (${path.chain})`),
      info(`collection throughput bound (requests / concurrency ${DEFAULT_CONCURRENCY} x latency)`, throughputMs, "ms"),
      info("collection wall time at 0 ms latency (the collector's own CPU: SDK signing and XML parsing)", Math.round(noLatency.ms), "ms"),
      info(`collection wall time at ${options.latencyMs} ms latency`, Math.round(plain.ms), "ms"),
      info(`collection CPU at ${options.latencyMs} ms latency: collector process (all its threads)`, Math.round(plain.cpuMs), "ms"),
      info(`collection CPU at ${options.latencyMs} ms latency: test server process (shares this machine's ${availableParallelism()} CPUs)`, Math.round(plain.serverCpuMs), "ms"),
      atMost("collection wall/critical path", round(plain.ms / pathMs, 2), 1.3),
      info("collection requests in flight at most", plain.maxInFlight),
      expectTrue("collection snapshot equals the served account data", canonicalJson(collected) === sourceText, "true"),
      info(`collection with ${options.throttleRate * 100}% throttling: throttled requests`, throttledCount),
      info(`collection with ${options.throttleRate * 100}% throttling: wall time`, Math.round(throttled.ms), "ms"),
      expectTrue("collection with throttling: no failed call", failedCalls === 0, "true"),
      expectTrue("collection with throttling: identical snapshot (canonical JSON)", canonicalJson(plain.snapshot) === canonicalJson(throttled.snapshot), "true"),
    ];
    for (const figure of figures) options.log(figure);
    return figures;
  } finally {
    server.close();
  }
}

function countOf(regions: Readonly<Record<string, import("../../src/snapshot/types.js").RegionCalls>>, call: "DescribeSubnets" | "DescribeRouteTables" | "DescribeSecurityGroups", key: string): number {
  return Object.values(regions).reduce((total, calls) => {
    const record = calls[call];
    return total + (record?.status === "ok" ? ((record.data as unknown as Record<string, unknown[]>)[key]?.length ?? 0) : 0);
  }, 0);
}
