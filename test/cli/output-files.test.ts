/**
 * Output files never destroy anything (issue 11, item 3): through the built CLI, onto symlinks, FIFOs, character
 * devices, read-only files, the inputs and each other.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, createReadStream, lstatSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scenario, toSnapshot, withNat } from "../support/build.js";
import { writeAwsCliDump } from "./support/aws-cli-dump.js";
import { CLI, removeDirectory, REPO_ROOT, runCli, scratchDirectory, stderrLines, writeSnapshot } from "./support/run-cli.js";

let directory = "";
let input = "";
let inputText = "";

beforeAll(() => {
  directory = scratchDirectory();
  input = writeSnapshot(directory, "input.snapshot.json", toSnapshot(withNat(scenario())));
  inputText = readFileSync(input, "utf8");
});
afterAll(() => removeDirectory(directory));

function fresh(name: string): string {
  const dir = path.join(directory, name);
  mkdirSync(dir);
  return dir;
}

const scanTo = (output: string, ...more: string[]) => runCli(["scan", "--snapshot", input, "--format", "json", "--fail-on", "never", "--output", output, ...more]);

function reportOf(text: string): { format: string } {
  return JSON.parse(text) as { format: string };
}

async function expectRefused(run: Promise<{ code: number | null; stdout: string; stderr: string }>, mention: RegExp): Promise<string> {
  const done = await run;
  const lines = done.stderr.split("\n").filter((l) => l !== "");
  expect({ code: done.code, lines: lines.length, stdout: done.stdout }).toEqual({ code: 2, lines: 1, stdout: "" });
  expect(lines[0]).toMatch(mention);
  return lines[0]!;
}

describe("--output", () => {
  it("writes through a symlink to its target; the link survives", async () => {
    const dir = fresh("symlink");
    const target = path.join(dir, "report.json");
    writeFileSync(target, "old\n");
    const link = path.join(dir, "link.json");
    symlinkSync("report.json", link);
    const run = await scanTo(link);
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(reportOf(readFileSync(target, "utf8")).format).toBe("kms-audit/report");
    expect(readdirSync(dir).sort()).toEqual(["link.json", "report.json"]);
  });

  it("creates the target of a dangling symlink, keeping the link", async () => {
    const dir = fresh("dangling");
    const link = path.join(dir, "link.json");
    symlinkSync("not-yet.json", link);
    expect((await scanTo(link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(reportOf(readFileSync(path.join(dir, "not-yet.json"), "utf8")).format).toBe("kms-audit/report");
  });

  it("writes a FIFO in place: the reader gets the report and the FIFO stays a FIFO", async () => {
    const dir = fresh("fifo");
    const fifo = path.join(dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const received = new Promise<string>((resolve, reject) => {
      let text = "";
      createReadStream(fifo, "utf8")
        .on("data", (chunk) => (text += String(chunk)))
        .on("end", () => resolve(text))
        .on("error", reject);
    });
    const run = await scanTo(fifo);
    expect(run.code).toBe(0);
    expect(reportOf(await received).format).toBe("kms-audit/report");
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["pipe"]);
  });

  it("writes a character device in place and never turns it into a file", async () => {
    const dir = fresh("device");
    const device = path.join(dir, "null");
    // mknod needs root (the tests run as root here and in CI); /dev/null itself is checked either way.
    if (spawnSync("mknod", [device, "c", "1", "3"]).status === 0) {
      expect((await scanTo(device)).code).toBe(0);
      expect(statSync(device).isCharacterDevice()).toBe(true);
      expect(readdirSync(dir)).toEqual(["null"]);
    }
    expect((await scanTo("/dev/null")).code).toBe(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("refuses a read-only file in one line, leaving it as it was", async () => {
    const dir = fresh("read-only");
    const target = path.join(dir, "report.json");
    writeFileSync(target, "keep me\n");
    chmodSync(target, 0o444);
    const line = await expectRefused(scanTo(target), /read-only/);
    expect(line).toContain(target);
    expect(readFileSync(target, "utf8")).toBe("keep me\n");
    expect(statSync(target).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("keeps the mode of the file it replaces", async () => {
    const dir = fresh("mode");
    const target = path.join(dir, "report.json");
    writeFileSync(target, "old\n");
    chmodSync(target, 0o640);
    expect((await scanTo(target)).code).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(reportOf(readFileSync(target, "utf8")).format).toBe("kms-audit/report");
  });

  it("refuses the input snapshot, directly or through a symlink, before reading it", async () => {
    const line = await expectRefused(scanTo(input), /--snapshot/);
    expect(line).toBe(`kms-audit: ${input}: --output: expected a file other than an input (--snapshot ${input}): writing would destroy it`);
    const link = path.join(fresh("input-link"), "report.json");
    symlinkSync(input, link);
    await expectRefused(scanTo(link), /--snapshot/);
    expect(readFileSync(input, "utf8")).toBe(inputText);
  });

  it("refuses the configuration and the baseline files", async () => {
    const dir = fresh("config-baseline");
    const config = path.join(dir, "kms-audit.yml");
    writeFileSync(config, "rules: {}\n");
    await expectRefused(scanTo(config, "--config", config), /--config/);
    expect(readFileSync(config, "utf8")).toBe("rules: {}\n");
    const baseline = path.join(dir, "baseline.json");
    expect((await scanTo(baseline)).code).toBe(0);
    const before = readFileSync(baseline, "utf8");
    await expectRefused(scanTo(baseline, "--baseline", baseline), /--baseline/);
    expect(readFileSync(baseline, "utf8")).toBe(before);
  });

  it("'-' is stdout", async () => {
    const run = await scanTo("-");
    expect(run.code).toBe(0);
    expect(reportOf(run.stdout).format).toBe("kms-audit/report");
    expect(readdirSync(REPO_ROOT)).not.toContain("-");
  });

  it("/dev/stdout appends to the file the shell opened for appending, instead of replacing it", async () => {
    const dir = fresh("dev-stdout");
    const summary = path.join(dir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    const fd = openSync(summary, "a");
    try {
      const child = spawn(process.execPath, [CLI, "scan", "--snapshot", input, "--format", "markdown", "--fail-on", "never", "--output", "/dev/stdout"], {
        stdio: ["ignore", fd, "pipe"],
        env: { PATH: process.env.PATH ?? "", HOME: directory },
      });
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).toBe(0);
    } finally {
      closeSync(fd);
    }
    const text = readFileSync(summary, "utf8");
    expect(text.startsWith("earlier step\n")).toBe(true);
    expect(text.length).toBeGreaterThan("earlier step\n".length + 100);
  });
});

describe("--save-snapshot and collect --output", () => {
  let dump = "";
  beforeAll(() => {
    dump = path.join(directory, "dump");
    writeAwsCliDump(dump, toSnapshot(withNat(scenario())));
  });

  it("refuses --save-snapshot equal to --output before collecting", async () => {
    const dir = fresh("same-outputs");
    const target = path.join(dir, "out.json");
    const run = runCli(["scan", "--aws-cli-dir", dump, "--format", "json", "--fail-on", "never", "--save-snapshot", target, "--output", target]);
    const line = await expectRefused(run, /--save-snapshot/);
    expect(line).toBe(`kms-audit: ${target}: --save-snapshot: expected a file other than the other output (--output): writing would destroy it`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses a file of the --aws-cli-dir as an output", async () => {
    const vpcs = path.join(dump, "ap-northeast-1", "ec2-describe-vpcs.json");
    const before = readFileSync(vpcs, "utf8");
    await expectRefused(runCli(["collect", "--aws-cli-dir", dump, "--output", vpcs]), /--aws-cli-dir/);
    await expectRefused(runCli(["scan", "--aws-cli-dir", dump, "--save-snapshot", vpcs, "--format", "json"]), /--aws-cli-dir/);
    expect(readFileSync(vpcs, "utf8")).toBe(before);
  });

  it("collect --output - writes the snapshot to stdout; --save-snapshot - with the report on stdout is refused", async () => {
    const collected = await runCli(["collect", "--aws-cli-dir", dump, "--output", "-"]);
    expect(collected.code).toBe(0);
    expect((JSON.parse(collected.stdout) as { format: string }).format).toBe("kms-audit/snapshot");
    const both = runCli(["scan", "--aws-cli-dir", dump, "--format", "json", "--save-snapshot", "-"]);
    await expectRefused(both, /the report on stdout/);
  });

  it("writes both when they differ", async () => {
    const dir = fresh("two-outputs");
    const run = await runCli(["scan", "--aws-cli-dir", dump, "--format", "json", "--fail-on", "never", "--save-snapshot", path.join(dir, "s.json"), "--output", path.join(dir, "r.json")]);
    // one line says what was written where
    expect({ code: run.code, stderr: stderrLines(run) }).toEqual({ code: 0, stderr: [`kms-audit: wrote the json report to ${path.join(dir, "r.json")}: 1 finding (1 warning)`] });
    expect(readdirSync(dir).sort()).toEqual(["r.json", "s.json"]);
  });
});
