import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { InputError } from "../../src/errors.js";
import { closeNames } from "../../src/cli/close-names.js";
import { colorLevel } from "../../src/cli/color.js";
import { exitCodeFor } from "../../src/cli/fail-on.js";
import { writeOutput } from "../../src/cli/write-output.js";
import { endpointSgFinding, noKmsPathFinding, noteFinding } from "../report/support/sample.js";
import { removeDirectory, scratchDirectory } from "./support/run-cli.js";

describe("colour level", () => {
  it("turns colour off for NO_COLOR, even when FORCE_COLOR is set", () => {
    expect(colorLevel({ NO_COLOR: "1", FORCE_COLOR: "3" }, true)).toBe(0);
  });
  it("ignores an empty NO_COLOR", () => {
    expect(colorLevel({ NO_COLOR: "" }, true)).toBe(1);
  });
  it("honours FORCE_COLOR on a pipe", () => {
    expect(colorLevel({ FORCE_COLOR: "1" }, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: "" }, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: "true" }, false)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: "2" }, false)).toBe(2);
    expect(colorLevel({ FORCE_COLOR: "3" }, false)).toBe(3);
    expect(colorLevel({ FORCE_COLOR: "0" }, true)).toBe(0);
    expect(colorLevel({ FORCE_COLOR: "false" }, true)).toBe(0);
  });
  it("has no colour when the output is not a terminal, and terminal depth otherwise", () => {
    expect(colorLevel({}, false)).toBe(0);
    expect(colorLevel({ TERM: "xterm" }, true)).toBe(1);
    expect(colorLevel({ TERM: "xterm-256color" }, true)).toBe(2);
    expect(colorLevel({ COLORTERM: "truecolor" }, true)).toBe(3);
    expect(colorLevel({ TERM: "dumb" }, true)).toBe(0);
  });
});

describe("close names", () => {
  const names = ["decrypt-orders", "decrypt-invoices", "ingest-events", "report-daily"];
  it("suggests the nearest names first", () => {
    expect(closeNames("decrypt-order", names)).toEqual(["decrypt-orders", "decrypt-invoices"]);
    expect(closeNames("ingest", names)).toEqual(["ingest-events"]);
  });
  it("suggests nothing for an unrelated name", () => {
    expect(closeNames("zzzzzzzzzzzz", names)).toEqual([]);
  });
});

describe("--fail-on", () => {
  const findings = [endpointSgFinding, noteFinding];
  it("fails when a finding is at or above the threshold", () => {
    expect(exitCodeFor(findings, "error")).toBe(0);
    expect(exitCodeFor(findings, "warning")).toBe(1);
    expect(exitCodeFor(findings, "note")).toBe(1);
    expect(exitCodeFor([noteFinding], "warning")).toBe(0);
    expect(exitCodeFor([noKmsPathFinding], "error")).toBe(1);
  });
  it("never fails with never, and ignores suppressed findings", () => {
    expect(exitCodeFor([noKmsPathFinding], "never")).toBe(0);
    expect(exitCodeFor([{ ...noKmsPathFinding, suppression: { reason: "accepted", source: "kms-audit.yaml" } }], "error")).toBe(0);
  });
});

const noStreams = { stdout: () => undefined, stderr: () => undefined };

describe("atomic output", () => {
  let directory = "";
  beforeEach(() => {
    directory = scratchDirectory();
  });
  afterEach(() => removeDirectory(directory));

  it("writes the whole text and leaves no temp file", async () => {
    const target = path.join(directory, "report.json");
    writeFileSync(target, "old");
    await writeOutput(target, "new report\n", "--output", noStreams);
    expect(readFileSync(target, "utf8")).toBe("new report\n");
    expect(readdirSync(directory)).toEqual(["report.json"]);
  });

  it("fails with an InputError naming --output, leaving nothing behind, when the target is a directory", async () => {
    const target = path.join(directory, "taken");
    mkdirSync(target);
    await expect(writeOutput(target, "text", "--output", noStreams)).rejects.toEqual(new InputError(target, "--output", "expected a file path, found a directory"));
    expect(readdirSync(directory)).toEqual(["taken"]);
    expect(readdirSync(target)).toEqual([]);
  });

  it("fails when the directory does not exist", async () => {
    const target = path.join(directory, "missing", "report.json");
    await expect(writeOutput(target, "text", "--output", noStreams)).rejects.toEqual(new InputError(target, "--output", "expected a file in an existing directory"));
    expect(readdirSync(directory)).toEqual([]);
  });
});
