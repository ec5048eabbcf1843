import { InputError, UsageError } from "../errors.js";
import { visible } from "../text/visible.js";
import { stderrLine, type CliIo } from "./io.js";
import { Interrupted } from "./live.js";
import { parseCommandLine } from "./parse.js";
import { toolVersion } from "./version.js";

export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;
/** 128 + SIGINT, as shells report an interrupted command. */
export const EXIT_INTERRUPTED = 130;

/** Runs the CLI and returns its exit code. Every failure is one line on stderr; a stack trace only with --debug. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = await parseCommandLine(argv, toolVersion());
    if (parsed.kind === "text") {
      io.stdout(parsed.text);
      return 0;
    }
    return await parsed.run(io);
  } catch (error) {
    if (error instanceof Interrupted) {
      io.stderr(stderrLine(error.message));
      return EXIT_INTERRUPTED;
    }
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(stderrLine(error.message));
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(stderrLine(`internal error: ${message}${argv.includes("--debug") ? "" : " (run with --debug for the stack trace)"}`));
    if (argv.includes("--debug") && error instanceof Error && error.stack) io.stderr(`${error.stack.split("\n").map(visible).join("\n")}\n`);
    return EXIT_INTERNAL;
  }
}
