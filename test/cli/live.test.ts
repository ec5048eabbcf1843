/**
 * Issue 3's "done when": `AWS_ENDPOINT_URL=http://127.0.0.1:PORT kms-audit scan --region ap-northeast-1` against the
 * loopback AWS server gives the same findings as scanning the same data from a snapshot file; collect writes a
 * snapshot that scans the same; secrets never leave the collector; Ctrl-C writes nothing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startAwsServer, type AwsTestServer, type ServedAccount } from "../support/aws-server/index.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { removeDirectory, runCli, scratchDirectory, stderrLines } from "./support/run-cli.js";

const FIXTURE = "fixtures/nat-while-endpoint-offered.snapshot.json";
const CANARY = "canary-live-5e1f0b7d-never-in-output";

const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as Snapshot;
const [account, accountData] = Object.entries(fixture.accounts)[0]!;
const [region, regionData] = Object.entries(accountData.regions)[0]!;

function served(): ServedAccount {
  const functions = regionData.calls.ListFunctions?.status === "ok" ? regionData.calls.ListFunctions.data.Functions : [];
  const fn = functions[0]!;
  return {
    accountId: account,
    regions: { [region]: regionData.calls },
    environments: {
      [fn.FunctionArn]: {
        TABLE_NAME: CANARY,
        DB_PASSWORD:
          "AQICAHjeJdzKgoHHc7qzSTWuO/WL395m9/Z10qBGg8vz3cD8UQEn3j29CcrhrpzUrVITyK7KAAAAsDCBrQYJKoZIhvcNAQcGoIGfMIGcAgEAMIGWBgkqhkiG9w0BBwEwHgYJYIZIAWUDBAEuMBEEDBz7JpWVuAsCRGYiNAIBEIBpmv41ldrFsC7ebYKmATSBclAXQajtH2nqQfErlTOT3rMFA5EfntUOCieXIMlyg5nWn3D+Qsu6f5Yn808H4PBLQsr7iVkiD77DU9bG5OFLusEE9cY+Xe2s5mgozWP1OKB7uR3KhaDNeHTz",
      },
    },
  };
}

interface ReportFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly resource: { readonly id: string };
  readonly message: string;
  readonly fingerprint: string;
}

function findingsOf(stdout: string): ReportFinding[] {
  const report = JSON.parse(stdout) as { findings: ReportFinding[] };
  return report.findings.map(({ ruleId, severity, resource, message, fingerprint }) => ({ ruleId, severity, resource: { id: resource.id }, message, fingerprint }));
}

let server: AwsTestServer;
let scratch: string;
let awsEnv: Record<string, string>;

beforeAll(async () => {
  server = await startAwsServer(served());
  scratch = scratchDirectory();
  awsEnv = {
    HOME: scratch,
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: "AKIDKMSAUDITTEST",
    AWS_SECRET_ACCESS_KEY: "kms-audit-test-secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
});

afterAll(async () => {
  await server.close();
  removeDirectory(scratch);
});

describe("live scan and collect against the loopback AWS server", () => {
  it("scan --region gives the same findings as scanning the fixture file", async () => {
    const fromFile = await runCli(["scan", "--snapshot", FIXTURE, "--format", "json", "--fail-on", "never"]);
    const live = await runCli(["scan", "--region", region, "--with-traffic", "--format", "json", "--fail-on", "never"], { env: awsEnv });
    expect(live.stderr).toBe("");
    expect(live.code).toBe(0);
    const expected = findingsOf(fromFile.stdout);
    expect(expected.length).toBeGreaterThan(0);
    expect(findingsOf(live.stdout)).toEqual(expected);
    expect(live.stdout).not.toContain(CANARY);
  });

  it("collect --output writes a snapshot that scans to the same findings, without secrets", async () => {
    const out = path.join(scratch, "collected.json");
    const collected = await runCli(["collect", "--region", region, "--with-traffic", "--output", out], { env: awsEnv });
    expect(collected.code).toBe(0);
    expect(stderrLines(collected)).toEqual([`kms-audit: wrote ${out} (1 region(s))`]);
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain("AQICAH");
    expect(text).toContain('"DB_PASSWORD": "kms-ciphertext"');
    const fromFile = await runCli(["scan", "--snapshot", FIXTURE, "--format", "json", "--fail-on", "never"]);
    const fromCollected = await runCli(["scan", "--snapshot", out, "--format", "json", "--fail-on", "never"]);
    expect(findingsOf(fromCollected.stdout)).toEqual(findingsOf(fromFile.stdout));
  });

  it("the canary secret appears in no output format", async () => {
    for (const format of ["terminal", "json"]) {
      const run = await runCli(["scan", "--region", region, "--format", format, "--fail-on", "never"], { env: awsEnv });
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(CANARY);
    }
    const saved = path.join(scratch, "saved.json");
    const sarif = await runCli(["scan", "--region", region, "--format", "sarif", "--save-snapshot", saved, "--fail-on", "never"], { env: awsEnv });
    expect(sarif.code).toBe(0);
    expect(sarif.stdout).not.toContain(CANARY);
    expect(readFileSync(saved, "utf8")).not.toContain(CANARY);
    const uris = (JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results.map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(new Set(uris)).toEqual(new Set([path.relative(process.cwd(), saved).split(path.sep).join("/")]));
  });

  it("refuses SARIF from a live scan with no file to point at, before calling AWS", async () => {
    const before = server.requests.length;
    const run = await runCli(["scan", "--region", region, "--format", "sarif"], { env: awsEnv });
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).toContain("--save-snapshot FILE");
    expect(server.requests.length).toBe(before);
  });

  it("without credentials: one line that says so and how to use --snapshot, exit 2", async () => {
    const run = await runCli(["scan", "--region", region], { env: { HOME: scratch, AWS_EC2_METADATA_DISABLED: "true", AWS_ENDPOINT_URL: server.url } });
    expect(run.code).toBe(2);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/credentials/i);
    expect(lines[0]).toContain("--snapshot");
  });

  it("Ctrl-C during collect exits 130 and writes no file", async () => {
    server.setFaults({ latencyMs: 400 });
    try {
      const out = path.join(scratch, "interrupted", "snapshot.json");
      await import("node:fs/promises").then((fs) => fs.mkdir(path.dirname(out), { recursive: true }));
      const { spawn } = await import("node:child_process");
      const child = spawn(process.execPath, ["dist/cli/main.js", "collect", "--region", region, "--output", out], {
        env: { PATH: process.env.PATH ?? "", ...awsEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const started = server.requests.length;
      while (server.requests.length === started) await new Promise((r) => setTimeout(r, 20));
      child.kill("SIGINT");
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).toBe(130);
      expect(stderr.trim()).toBe("kms-audit: interrupted: nothing was written");
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(path.dirname(out))).toEqual([]);
    } finally {
      server.setFaults({});
    }
  });

  it("--snapshot with a live-collection flag is a usage error", async () => {
    const run = await runCli(["scan", "--snapshot", FIXTURE, "--region", region]);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual(["kms-audit: --snapshot: --region applies to live collection only"]);
  });
});

