import { jest } from "@jest/globals";
import path from "node:path";
import type { CliIo } from "../../src/cli/io.js";
import type { ScanResult } from "../../src/engine/types.js";

const failedScan: ScanResult = {
  findings: [],
  notEvaluated: [],
  paths: [],
  toolErrors: [{ ruleId: "route-blackhole", message: "123456789012/ap-northeast-1: cannot read properties of undefined" }],
};

jest.unstable_mockModule("../../src/engine/scan.js", () => ({ scan: () => failedScan }));
const { runCli } = await import("../../src/cli/run.js");

describe("a rule that fails during the scan", () => {
  it("still writes the report, says so in one line, and exits 3 even with --fail-on never", async () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io: CliIo = { stdout: (t) => void stdout.push(t), stderr: (t) => void stderr.push(t), stdoutIsTTY: false, env: {}, cwd: process.cwd() };
    const code = await runCli(["scan", "--snapshot", path.join("fixtures", "nat-path-works.snapshot.json"), "--format", "json", "--fail-on", "never"], io);
    expect(code).toBe(3);
    expect(JSON.parse(stdout.join("")).toolErrors).toEqual(failedScan.toolErrors);
    expect(stderr).toEqual(["kms-audit: 1 rule error(s) (route-blackhole); the report is incomplete: 123456789012/ap-northeast-1: cannot read properties of undefined\n"]);
  });
});
