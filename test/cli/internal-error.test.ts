import { runCli } from "../../src/cli/run.js";
import type { CliIo } from "../../src/cli/io.js";

function io(failingStdout: boolean): { io: CliIo; stderr: string[] } {
  const stderr: string[] = [];
  return {
    stderr,
    io: {
      stdout: () => {
        if (failingStdout) throw new Error("stdout closed");
      },
      stderr: (text) => void stderr.push(text),
      stdoutIsTTY: false,
      env: {},
      cwd: process.cwd(),
    },
  };
}

describe("unexpected internal errors", () => {
  it("give one line and exit 3 without a stack trace", async () => {
    const { io: cliIo, stderr } = io(true);
    expect(await runCli(["--version"], cliIo)).toBe(3);
    expect(stderr).toEqual(["kms-audit: internal error: stdout closed (run with --debug for the stack trace)\n"]);
  });

  it("print the stack trace with --debug", async () => {
    const { io: cliIo, stderr } = io(true);
    expect(await runCli(["rules", "--debug"], cliIo)).toBe(3);
    expect(stderr[0]).toBe("kms-audit: internal error: stdout closed\n");
    expect(stderr[1]).toMatch(/^Error: stdout closed\n\s+at /);
  });
});
