/**
 * Smaller input problems (issue 11, item 8), through the built CLI: an alias bomb, a device or a huge file as input,
 * malformed CIDR blocks, and snapshots with nothing to scan.
 */
import { openSync, closeSync, ftruncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MAX_INPUT_BYTES } from "../../src/read-input.js";
import type { Snapshot } from "../../src/snapshot/types.js";
import { emptyRegion, scenario, toSnapshot, withNat } from "../support/build.js";
import { removeDirectory, runCli, scratchDirectory, stderrLines, writeSnapshot, type CliRun } from "./support/run-cli.js";

let directory = "";
let snapshot = "";
beforeAll(() => {
  directory = scratchDirectory();
  snapshot = writeSnapshot(directory, "valid.json", toSnapshot(withNat(scenario())));
});
afterAll(() => removeDirectory(directory));

function oneLine(run: CliRun): string {
  const lines = stderrLines(run);
  expect({ code: run.code, lines: lines.length, stdout: run.stdout }).toEqual({ code: 2, lines: 1, stdout: "" });
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  return lines[0]!;
}

describe("configuration", () => {
  it("a YAML alias bomb is an input error (exit 2), not an internal error", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
    const config = path.join(directory, "bomb.yml");
    writeFileSync(config, `${levels.join("\n")}\n`);
    const line = oneLine(await runCli(["scan", "--snapshot", snapshot, "--config", config]));
    expect(line).toBe(`kms-audit: ${config}: (file): expected YAML whose aliases expand to at most 100 nodes each (an alias bomb?)`);
  });
});

describe("inputs are refused before they eat memory", () => {
  it.each([
    ["--snapshot", ["scan", "--snapshot", "/dev/zero"]],
    ["--config", ["scan", "--snapshot", "SNAPSHOT", "--config", "/dev/zero"]],
    ["--baseline", ["scan", "--snapshot", "SNAPSHOT", "--baseline", "/dev/zero"]],
  ])("/dev/zero as %s", async (_flag, args) => {
    const line = oneLine(await runCli(args.map((a) => (a === "SNAPSHOT" ? snapshot : a))));
    expect(line).toMatch(/^kms-audit: \/dev\/zero: .*expected a text file, found a NUL byte at byte 1 \(binary data or a device such as \/dev\/zero\)$/);
  });

  it("a file larger than the cap, by its size, before reading it", async () => {
    const huge = path.join(directory, "huge.json");
    const fd = openSync(huge, "w");
    ftruncateSync(fd, MAX_INPUT_BYTES + 1); // sparse: no disk space used
    closeSync(fd);
    const line = oneLine(await runCli(["scan", "--snapshot", huge]));
    expect(line).toBe(`kms-audit: ${huge}: file: expected a file of at most 256 MiB (inputs are read whole), found 257 MiB`);
  });
});

describe("malformed CIDR blocks", () => {
  it.each(["not-a-cidr", "999.0.0.0/99"])("%s in a route: the JSON path, not \"no route\"", async (bad) => {
    const d = withNat(scenario());
    const table = d.routeTables.findIndex((t) => t.Routes?.some((r) => r.NatGatewayId !== undefined));
    const routes = d.routeTables[table]!.Routes!;
    const index = routes.findIndex((r) => r.NatGatewayId !== undefined);
    routes[index] = { ...routes[index], DestinationCidrBlock: bad };
    const file = writeSnapshot(directory, `cidr-${bad.replace(/\W/g, "_")}.json`, toSnapshot(d));
    const line = oneLine(await runCli(["scan", "--snapshot", file]));
    expect(line).toBe(
      `kms-audit: ${file}: $.accounts["123456789012"].regions["ap-northeast-1"].calls.DescribeRouteTables.data.RouteTables[${table}].Routes[${index}].DestinationCidrBlock: expected an IPv4 CIDR block such as 10.0.0.0/16, found "${bad}"`,
    );
  });
});

describe("snapshots with nothing to scan still scan, and say so", () => {
  function scanOf(name: string, value: Snapshot) {
    return runCli(["scan", "--snapshot", writeSnapshot(directory, name, value), "--format", "json"]);
  }

  it("no account", async () => {
    const run = await scanOf("no-account.json", { format: "kms-audit/snapshot", version: 1, accounts: {} });
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toEqual([`kms-audit: warning: ${path.join(directory, "no-account.json")}: the snapshot holds no account: nothing was scanned`]);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });

  it("no Lambda function anywhere: a warning, and the exit code the findings decide", async () => {
    const d = withNat(scenario());
    d.functions = [];
    d.addresses.push({ AllocationId: "eipalloc-0unused000000001", Domain: "vpc", PublicIp: "203.0.113.99" });
    const run = await scanOf("no-functions.json", toSnapshot(d));
    expect(stderrLines(run)).toEqual([`kms-audit: warning: ${path.join(directory, "no-functions.json")}: no Lambda function in 1 region(s): no path to check`]);
    expect(run.code).toBe(0);
    const failing = await runCli(["scan", "--snapshot", path.join(directory, "no-functions.json"), "--fail-on", "note"]);
    expect(failing.code).toBe(1);
  });

  it("ListFunctions a gap everywhere", async () => {
    const run = await scanOf(
      "functions-unknown.json",
      toSnapshot(emptyRegion(), (calls) => ({ ...calls, ListFunctions: { status: "failed", error: { code: "AccessDeniedException", message: "no" } } })),
    );
    expect(stderrLines(run)).toEqual([
      `kms-audit: warning: ${path.join(directory, "functions-unknown.json")}: ListFunctions is a gap in all 1 region(s): no Lambda function is known, so no path was checked`,
    ]);
  });
});
