import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ids, scenario, subnet, toSnapshot, withNat } from "../support/build.js";
import { removeDirectory, runCli, scratchDirectory, stderrLines, writeSnapshot } from "./support/run-cli.js";

/** Bad inputs: each must give one line on stderr naming the file, the place and the expectation; exit 2; no output. */
describe("bad inputs", () => {
  let directory = "";
  beforeAll(() => {
    directory = scratchDirectory();
  });
  afterAll(() => removeDirectory(directory));

  function badFile(name: string, text: string): string {
    const file = path.join(directory, name);
    writeFileSync(file, text);
    return file;
  }

  function validText(): string {
    return `${JSON.stringify(toSnapshot(withNat(scenario())), null, 2)}\n`;
  }

  async function expectRejected(args: string[], mustMention: readonly (string | RegExp)[]) {
    const outDir = path.join(directory, `out-${Math.random().toString(16).slice(2)}`);
    mkdirSync(outDir);
    // HOME without ~/.aws: no profile region or credentials leak in from the machine.
    const run = await runCli([...args, "--output", path.join(outDir, "report.out")], { env: { HOME: directory } });
    const lines = stderrLines(run);
    expect({ code: run.code, lines: lines.length, stdout: run.stdout }).toEqual({ code: 2, lines: 1, stdout: "" });
    expect(lines[0]).toMatch(/^kms-audit: /);
    for (const mention of mustMention) expect(lines[0]).toMatch(mention);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(outDir)).toEqual([]);
    return lines[0]!;
  }

  it("empty file", async () => {
    const file = badFile("empty.json", "");
    await expectRejected(["scan", "--snapshot", file], [file, /line 1 column 1/, /expected/]);
  });

  it("truncated JSON", async () => {
    const text = validText();
    const file = badFile("truncated.json", text.slice(0, Math.floor(text.length / 2)));
    await expectRejected(["scan", "--snapshot", file], [file, /line \d+ column \d+/, /expected/]);
  });

  it("wrong types", async () => {
    const snapshot = toSnapshot(withNat(scenario()));
    const text = JSON.stringify(snapshot, null, 2).replace('"MapPublicIpOnLaunch": false', '"MapPublicIpOnLaunch": "no"');
    const file = badFile("wrong-types.json", text);
    await expectRejected(["scan", "--snapshot", file], [file, /MapPublicIpOnLaunch/, /expected/]);
  });

  it("duplicate ids", async () => {
    const d = withNat(scenario());
    d.subnets.push(subnet({ SubnetId: ids.privateA, CidrBlock: "10.0.12.0/24", AvailabilityZone: "ap-northeast-1a" }));
    const file = writeSnapshot(directory, "duplicate-ids.json", toSnapshot(d));
    await expectRejected(["scan", "--snapshot", file], [file, new RegExp(ids.privateA), /expected/]);
  });

  it("a directory instead of a file", async () => {
    const dir = path.join(directory, "a-directory.json");
    mkdirSync(dir);
    await expectRejected(["scan", "--snapshot", dir], [dir, /directory/]);
  });

  it("a missing file", async () => {
    const file = path.join(directory, "does-not-exist.json");
    await expectRejected(["scan", "--snapshot", file], [file, /expected/]);
  });

  it("an unknown --format", async () => {
    const file = badFile("valid-for-format.json", validText());
    const line = await expectRejected(["scan", "--snapshot", file, "--format", "xml"], []);
    expect(line).toBe('kms-audit: --format: expected one of terminal, json, sarif, markdown, junit; got "xml"');
  });

  it("an unknown --fail-on", async () => {
    const file = badFile("valid-for-fail-on.json", validText());
    const line = await expectRejected(["scan", "--snapshot", file, "--fail-on", "critical"], []);
    expect(line).toBe('kms-audit: --fail-on: expected one of error, warning, note, never; got "critical"');
  });

  it("no --snapshot and no region to collect from, and an unknown option", async () => {
    expect(await expectRejected(["scan"], [])).toBe(
      "kms-audit: no region to collect: give --region or --regions, or set AWS_REGION or the profile's region; to scan a file instead, use --snapshot FILE",
    );
    const file = badFile("valid-for-option.json", validText());
    expect(await expectRejected(["scan", "--snapshot", file, "--colour"], [])).toBe("kms-audit: unknown option --colour");
    expect(await expectRejected(["scan", "--snapshot", file, "--fromat", "json"], [])).toBe("kms-audit: unknown option --fromat; did you mean --format?");
    // yargs also lists a hyphenated name in camel case; it is one unknown option
    expect(await expectRejected(["scan", "--snapshot", file, "--fial-on", "error"], [])).toBe("kms-audit: unknown option --fial-on; did you mean --fail-on?");
  });

  it("an option without its value, and a missing argument, say in words what is expected", async () => {
    const file = badFile("valid-for-missing.json", validText());
    expect(await expectRejected(["scan", "--snapshot", file, "--fail-on"], [])).toBe("kms-audit: --fail-on: expected a value after it (one of error, warning, note, never)");
    expect(await expectRejected(["scan", "--fail-on", "--snapshot", file], [])).toBe("kms-audit: --fail-on: expected a value after it (one of error, warning, note, never)");
    expect(await expectRejected(["scan", "--snapshot", file, "--severity", "critical"], [])).toBe('kms-audit: --severity: expected one of error, warning, note; got "critical"');
    expect(await expectRejected(["scan", "--snapshot", file, "--width", "20"], [])).toBe("kms-audit: --width: expected a number of columns from 40 to 1000; got 20");
    expect(await expectRejected(["explain"], [])).toBe("kms-audit: explain: expected the function to trace, by name or ARN: kms-audit explain <function> --snapshot FILE");
    expect(await expectRejected(["explain", "decrypt-orders"], [])).toBe("kms-audit: missing --snapshot: expected a snapshot file (kms-audit/snapshot JSON)");
    const collect = await runCli(["collect", "--region", "ap-northeast-1"], { env: { HOME: directory } });
    expect({ code: collect.code, stderr: stderrLines(collect) }).toEqual({ code: 2, stderr: ["kms-audit: missing --output: expected a file path, or - for stdout"] });
  });

  it("every command's --help shows examples", async () => {
    for (const command of ["scan", "collect", "explain", "rules"]) {
      const run = await runCli([command, "--help"]);
      expect({ command, code: run.code }).toEqual({ command, code: 0 });
      expect(run.stdout).toMatch(new RegExp(`Examples:\\n  kms-audit ${command} `));
    }
  });

  it("an unknown command", async () => {
    const run = await runCli(["scna"]);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual(['kms-audit: unknown command "scna"; did you mean scan?']);
  });

  it("keeps an existing output file untouched when the input is bad", async () => {
    const target = path.join(directory, "previous-report.json");
    writeFileSync(target, "previous\n");
    const run = await runCli(["scan", "--snapshot", badFile("empty-again.json", ""), "--format", "json", "--output", target]);
    expect(run.code).toBe(2);
    expect(readFileSync(target, "utf8")).toBe("previous\n");
  });

  it("every fixtures/bad file gives one line and exit 2", async () => {
    const badDir = path.resolve("fixtures/bad");
    const files = readdirSync(badDir).filter((f) => f.endsWith(".json")).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const file = path.join("fixtures/bad", name);
      const run = await runCli(["scan", "--snapshot", file]);
      expect({ name, code: run.code, lines: stderrLines(run).length, stdout: run.stdout }).toEqual({ name, code: 2, lines: 1, stdout: "" });
      expect(stderrLines(run)[0]).toContain(file);
    }
  });
});
