/**
 * The captures in docs/terminal were taken in tmux (npm run captures). Each is rendered again here without a terminal
 * (--width for the terminal's width) and compared screen row by screen row, colour by colour: a change to the report
 * that the captures don't show fails until they are taken again.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CAPTURES, CAPTURES_DIR, captureEnv, screenRows, writeSyntheticAccount } from "../../tools/terminal/captures.js";
import { REPO_ROOT, runCli } from "../cli/support/run-cli.js";

describe("terminal captures (docs/terminal)", () => {
  let synthetic = "";
  beforeAll(() => {
    synthetic = mkdtempSync(path.join(tmpdir(), "kms-audit-captures-"));
    writeSyntheticAccount(synthetic);
  });
  afterAll(() => rmSync(synthetic, { recursive: true, force: true }));

  it.each(CAPTURES.map((c) => [c.name, c] as const))("%s is what the report shows now", async (_name, capture) => {
    const run = await runCli([...capture.args, "--width", String(capture.width)], { env: captureEnv(capture), cwd: capture.cwd === "repo" ? REPO_ROOT : synthetic });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    const captured = readFileSync(path.join(CAPTURES_DIR, capture.name), "utf8");
    expect(screenRows(run.stdout, capture.width)).toEqual(screenRows(captured, capture.width));
    expect(captured.includes("\u001b[")).toBe(capture.colour);
  });

  it("the README's quick start shows the example's capture", () => {
    const capture = readFileSync(path.join(CAPTURES_DIR, "example-80.txt"), "utf8");
    expect(readFileSync(path.join(REPO_ROOT, "README.md"), "utf8")).toContain(`\n\`\`\`text\n${capture}\`\`\`\n`);
  });

  it("the bundled example fits one 80 x 24 screen", () => {
    expect(screenRows(readFileSync(path.join(CAPTURES_DIR, "example-80.txt"), "utf8"), 80).length).toBeLessThanOrEqual(24);
  });

  it("compares colour and weight however the escape codes spell them, and wraps long lines as the terminal does", () => {
    expect(screenRows("\u001b[31m\u001b[1merror\u001b[22m\u001b[39m ok", 80)).toEqual(screenRows("\u001b[0;1m\u001b[31m\u001b[49merror\u001b[0m\u001b[39m\u001b[49m ok", 80));
    expect(screenRows("\u001b[31merror\u001b[39m", 80)).not.toEqual(screenRows("\u001b[33merror\u001b[39m", 80));
    expect(screenRows("\u001b[2mdim\u001b[22m", 80)).toEqual(["⟦dim⟧dim"]);
    expect(screenRows("abcdef  \n\n\n", 4)).toEqual(["abcd", "ef"]);
  });
});
