/**
 * An organization: collection of every account through a role (`kms-audit collect --accounts organization`, the
 * built CLI) against the loopback test server at a fixed latency, against the least time its dependencies and
 * concurrency limits allow; the merge of one snapshot per account (`kms-audit merge`), which must equal the
 * organization-wide collection; the scan of the merged snapshot; and its analysis, per account against each account's
 * snapshot analysed alone.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_ACCOUNT_CONCURRENCY } from "../../src/collectors/accounts-options.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import type { SizeMeasurement } from "../analysis/measure-size.js";
import { startServerProcess, type ServerHandle } from "../collection/server.js";
import type { LoggedRequest, ServerReply } from "../collection/server-process.js";
import { bundleForNode } from "../support/bundle.js";
import { canonicalJson } from "../support/canonical.js";
import { lastJsonLine, runMeasured, runNodeChild, type MeasuredRun } from "../support/child.js";
import { expectTrue, info, median, round, type Figure } from "../support/figures.js";
import { ORGANIZATION_REGIONS, organizationSnapshot, syntheticOrganization, type SyntheticOrganization } from "../synthetic/organization.js";
import { organizationPath } from "./critical-path.js";
import type { AccountsMeasurement } from "./measure-accounts.js";

export interface OrganizationOptions {
  readonly accounts: number;
  /** Default: ORGANIZATION_REGIONS. Each account holds one VPC per region. */
  readonly regions?: readonly string[];
  readonly functionsPerVpc: number;
  readonly seed: number;
  readonly latencyMs: number;
  readonly workDir: string;
  readonly log: (figure: Figure) => void;
}

const ROLE = "kms-audit-read";
const CREDENTIALS = { accessKeyId: "AKIDKMSAUDITBENCH000", secretAccessKey: "kms-audit-bench-secret" };
const CLI = "dist/cli/main.js";
/** The CLI's defaults, which the runs below keep. */
const REQUEST_CONCURRENCY = 64;
const CLI_RUNS = 3;
const ALONE_PASSES = 3;

function cliEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: "",
    AWS_PROFILE: "",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

async function logOf(server: ServerHandle): Promise<Extract<ServerReply, { type: "log" }>> {
  return (await server.ask({ type: "log" })) as Extract<ServerReply, { type: "log" }>;
}

/** `kms-audit collect --accounts organization` through the built CLI, at the given latency. */
async function collectOrganization(server: ServerHandle, org: SyntheticOrganization, latencyMs: number, output: string, usage: string) {
  await server.ask({ type: "faults", faults: latencyMs > 0 ? { latencyMs } : {} });
  rmSync(output, { force: true });
  const run = await runMeasured(
    [CLI, "collect", "--accounts", "organization", "--role-name", ROLE, "--regions", org.regions.join(","), "--endpoint-url", server.url, "--timeout", "3600", "--output", output],
    usage,
    cliEnv(),
  );
  const log = await logOf(server);
  return { run, log: log.requests as readonly LoggedRequest[], maxInFlight: log.maxInFlight, serverCpuMs: log.cpuMs, snapshot: JSON.parse(readFileSync(output, "utf8")) as Snapshot };
}

/** One snapshot per account, as a sharded workflow collects them (the collector API, a few accounts at once, no latency). */
async function collectEachAccount(server: ServerHandle, org: SyntheticOrganization, dir: string): Promise<string[]> {
  const { collect } = await import("../../src/collectors/index.js");
  const { snapshotText } = await import("../../src/cli/input.js");
  await server.ask({ type: "faults", faults: {} });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ids = org.accounts.map((a) => a.accountId);
  const files: string[] = [];
  for (let i = 0; i < ids.length; i += 4) {
    const batch = ids.slice(i, i + 4);
    const snapshots = await Promise.all(
      batch.map((id) => collect({ regions: org.regions, endpointUrl: server.url, credentials: CREDENTIALS, accounts: { accounts: [id], roleName: ROLE } })),
    );
    batch.forEach((id, k) => {
      const file = join(dir, `${id}.snapshot.json`);
      writeFileSync(file, snapshotText(snapshots[k] as Snapshot));
      files.push(file);
    });
  }
  return files;
}

function sameAccounts(a: Snapshot, b: Snapshot): boolean {
  return canonicalJson({ accounts: a.accounts, notes: a.notes ?? [] }) === canonicalJson({ accounts: b.accounts, notes: b.notes ?? [] });
}

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

/**
 * The final job of a sharded collection: `kms-audit merge` of the per-account snapshots and `kms-audit scan` of the
 * result (both as users run them, start-up included); then the analysis of the merged snapshot in-process, against the
 * same accounts analysed one snapshot at a time, per account.
 */
async function mergeAndAnalyse(files: readonly string[], collected: Snapshot, workDir: string, usage: string): Promise<Figure[]> {
  const merged = join(workDir, "organization-merged.snapshot.json");
  const report = join(workDir, "organization-report.json");
  const merges: MeasuredRun[] = [];
  const scans: MeasuredRun[] = [];
  for (let i = 0; i < CLI_RUNS; i += 1) {
    rmSync(merged, { force: true });
    merges.push(await runMeasured([CLI, "merge", ...files, "--output", merged], usage, cliEnv()));
    rmSync(report, { force: true });
    scans.push(await runMeasured([CLI, "scan", "--snapshot", merged, "--format", "json", "--output", report, "--fail-on", "never"], usage, cliEnv()));
  }
  const mergeMs = median(merges.map((m) => m.ms));
  const scanMs = median(scans.map((m) => m.ms));
  const inputBytes = files.reduce((n, f) => n + readFileSync(f).length, 0);

  const measured = lastJsonLine<SizeMeasurement>(await runNodeChild(await bundleForNode("bench/analysis/measure-size.ts", join(workDir, "measure-size.mjs")), [merged, "5", "5", "30000"]));
  const alone = lastJsonLine<AccountsMeasurement>(await runNodeChild(await bundleForNode("bench/organization/measure-accounts.ts", join(workDir, "measure-accounts.mjs")), [String(ALONE_PASSES), ...files]));
  const analysisRuns = measured.validateMs.map((v, i) => v + (measured.scanMs[i] ?? 0));
  const perAccount = median(analysisRuns) / files.length;
  const perAccountAlone = median(alone.analysisMs) / files.length;
  return [
    info(`organization merge of ${files.length} per-account snapshots (${round(inputBytes / 1e6, 1)} MB) median of ${CLI_RUNS} (kms-audit merge, start-up included)`, Math.round(mergeMs), "ms"),
    info("organization merge peak RSS", mib(Math.max(...merges.map((m) => m.maxRssBytes))), "MiB"),
    info(`organization scan of the merged snapshot median of ${CLI_RUNS} (kms-audit scan --format json, start-up included)`, Math.round(scanMs), "ms"),
    info("organization scan peak RSS", mib(Math.max(...scans.map((m) => m.maxRssBytes))), "MiB"),
    info("organization merge/scan (what the merge adds to the final job)", round(mergeMs / scanMs, 2)),
    expectTrue("organization merge equals the organization-wide collection (canonical JSON of accounts and notes)", sameAccounts(JSON.parse(readFileSync(merged, "utf8")) as Snapshot, collected), "true"),
    info("organization analysis of the merged snapshot: size", round(measured.bytes / 1e6, 1), "MB"),
    info("organization analysis paths (function, subnet, service)", measured.paths),
    info("organization analysis verdicts", Object.entries(measured.verdicts).sort().map(([k, v]) => `${k} ${v}`).join(", ")),
    info("organization analysis findings", measured.findings),
    info(`organization analysis JSON.parse median of ${measured.parseMs.length}`, round(median(measured.parseMs), 1), "ms"),
    info(`organization analysis validate + model + rules median of ${analysisRuns.length}`, round(median(analysisRuns), 1), "ms"),
    info("organization analysis first pass (cold, what a single scan pays)", round(analysisRuns[0] ?? Number.NaN, 1), "ms"),
    info("organization analysis/parse", round(median(analysisRuns) / median(measured.parseMs), 2)),
    info("organization analysis peak RSS", mib(measured.maxRssBytes), "MiB"),
    info("organization analysis per account, merged snapshot (median / accounts)", round(perAccount, 2), "ms"),
    info(`organization analysis per account, each account's snapshot alone (median of ${alone.analysisMs.length} passes over ${alone.files} files / accounts)`, round(perAccountAlone, 2), "ms"),
    info("organization analysis per account, merged/alone", round(perAccount / perAccountAlone, 2)),
    expectTrue("organization analysis: no tool error", measured.toolErrors === 0 && alone.toolErrors === 0, "true"),
  ];
}

export async function runOrganization(options: OrganizationOptions): Promise<Figure[]> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  mkdirSync(options.workDir, { recursive: true });
  const regions = options.regions ?? ORGANIZATION_REGIONS;
  const org = syntheticOrganization({ accounts: options.accounts, regions, functionsPerVpc: options.functionsPerVpc, seed: options.seed });
  const served = organizationSnapshot(org);
  const server = await startServerProcess(["organization", String(options.accounts), String(options.functionsPerVpc), String(options.seed), regions.join(",")]);
  const output = join(options.workDir, "organization.snapshot.json");
  const usage = join(options.workDir, "usage.json");
  const figures: Figure[] = [];
  const emit = (...lines: Figure[]): void => {
    for (const figure of lines) options.log(figure);
    figures.push(...lines);
  };
  try {
    const allCalls = org.accounts.flatMap((a) => Object.values(a.regions));
    const functions = allCalls.reduce((n, calls) => n + (calls.ListFunctions?.status === "ok" ? calls.ListFunctions.data.Functions.length : 0), 0);
    const vpcs = allCalls.reduce((n, calls) => n + (calls.DescribeVpcs?.status === "ok" ? calls.DescribeVpcs.data.Vpcs.length : 0), 0);
    emit(info("organization", `${org.accounts.length} accounts x ${org.regions.length} regions (${org.regions.join(", ")}), ${vpcs} VPCs, ${functions} functions, a hub with a transit gateway and a central KMS endpoint in each region; ${round(JSON.stringify(served).length / 1e6, 1)} MB as compact JSON`));

    // A first collection without latency warms the file cache and the server's per-account indexes up.
    await collectOrganization(server, org, 0, output, usage);
    const noLatency = await collectOrganization(server, org, 0, output, usage);
    const plain = await collectOrganization(server, org, options.latencyMs, output, usage);
    const path = organizationPath(plain.log, org.accounts, { accountConcurrency: DEFAULT_ACCOUNT_CONCURRENCY, requestConcurrency: REQUEST_CONCURRENCY });
    const pathMs = path.requests * options.latencyMs;
    const seconds = plain.run.ms / 1000;
    emit(
      info("organization collection requests (successful)", path.totalRequests),
      info(
        "organization collection critical path",
        `${path.requests} requests x ${options.latencyMs} ms = ${pathMs} ms: ${path.head} (GetCallerIdentity, ListAccounts pages) + max(accounts ${path.accountPhase}: chains over ${DEFAULT_ACCOUNT_CONCURRENCY} account slots, longest ${path.longestAccount.requests} = ${path.longestAccount.chain}; requests ${path.requestPhase}: ${path.totalRequests - path.head} / ${REQUEST_CONCURRENCY} in flight)`,
      ),
      info("organization collection wall time at 0 ms latency (kms-audit collect, start-up included)", Math.round(noLatency.run.ms), "ms"),
      info(`organization collection wall time at ${options.latencyMs} ms latency`, Math.round(plain.run.ms), "ms"),
      info("organization collection wall/critical path", round(plain.run.ms / pathMs, 2)),
      info(`organization collection requests per second at ${options.latencyMs} ms`, Math.round(path.totalRequests / seconds)),
      info(`organization collection CPU at ${options.latencyMs} ms: collector process`, Math.round(plain.run.cpuMs), "ms"),
      info(`organization collection CPU at ${options.latencyMs} ms: test server process`, Math.round(plain.serverCpuMs), "ms"),
      info("organization collection peak RSS of the collector", mib(plain.run.maxRssBytes), "MiB"),
      info("organization collection requests in flight at most", plain.maxInFlight),
      expectTrue("organization collection snapshot equals the served accounts' data", sameAccounts(plain.snapshot, served), "true"),
    );

    const files = await collectEachAccount(server, org, join(options.workDir, "organization-accounts"));
    emit(...(await mergeAndAnalyse(files, plain.snapshot, options.workDir, usage)));
    return figures;
  } finally {
    server.close();
  }
}
